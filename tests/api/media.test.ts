import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSeller } from '../../src/domain/sellers';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>';

describe('seller logos are served from our own origin', () => {
  it('serves the logo with its type, long caching for the versioned URL, and a sandboxing CSP', async () => {
    await createSeller({ ctx: h.ctx, input: { seller: { name: 'Logo Co', logo: { type: 'image/svg+xml', data: Buffer.from(SVG) } } } });
    const brand = await h.database.client.execute("SELECT logo_version FROM sellers WHERE slug = 'logo-co'");
    const version = String(brand.rows[0]!.logo_version);
    const res = await h.app.request(`/media/logos/logo-co?v=${version}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    expect(await res.text()).toBe(SVG);
    const stale = await h.app.request('/media/logos/logo-co?v=old');
    expect(stale.headers.get('cache-control')).not.toContain('immutable');
  });

  it('answers 404 for a seller without a logo or an unknown seller', async () => {
    await createSeller({ ctx: h.ctx, input: { seller: { name: 'Plain Co' } } });
    expect((await h.app.request('/media/logos/plain-co')).status).toBe(404);
    expect((await h.app.request('/media/logos/nobody')).status).toBe(404);
  });
});
