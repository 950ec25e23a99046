import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, newSeller, sampleOrder, startHarness, tokenOf, type Harness } from '../support/harness';

let h: Harness;
let key: string;
let token: string;
beforeEach(async () => {
  h = await startHarness();
  key = (await newSeller(h)).apiKey;
  token = tokenOf((await (await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() })).json()).trackingUrl);
});
afterEach(() => h.close());

const addEvent = (body: object) => call(h, 'POST', '/api/v1/orders/SO-1001/events', { key, body: { trackingNumber: 'TBA312345678000', ...body } });

describe('customer JSON: GET /api/t/{token}', () => {
  it('shows status, the window in the destination zone and the timeline', async () => {
    await addEvent({ type: 'out_for_delivery', occurredAt: '2026-11-27T13:05:00Z', stopsAway: 7, location: { city: 'Troy', region: 'MI' } });
    const view = await (await call(h, 'GET', `/api/t/${token}`)).json();
    expect(view.status.stage).toBe('out_for_delivery');
    expect(view.zone).toEqual({ id: 'America/Detroit', assumed: false });
    // 8 AM – 8 PM in Detroit on Nov 27 (EST, UTC−5), up to 10 PM
    expect(view.expected).toMatchObject({ kind: 'window', date: '2026-11-27', start: '2026-11-27T13:00:00.000Z', end: '2026-11-28T01:00:00.000Z', extendedEnd: '2026-11-28T03:00:00.000Z' });
    expect(view.packages[0].stopsAway).toBe(7);
    expect(view.timeline.map((e: { type: string }) => e.type)).toEqual(['out_for_delivery', 'order_placed']);
  });

  it('answers unknown and malformed tokens with one identical 404', async () => {
    const bodies = new Set<string>();
    for (const t of ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'short', `${token}x`, '%00', token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))]) {
      const res = await call(h, 'GET', `/api/t/${t}`);
      expect(res.status).toBe(404);
      bodies.add(await res.text());
    }
    expect(bodies.size).toBe(1);
  });

  it('sends the privacy headers on customer responses', async () => {
    for (const path of [`/api/t/${token}`, '/api/t/nope']) {
      const res = await call(h, 'GET', path);
      expect(res.headers.get('x-robots-tag')).toContain('noindex');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toMatch(/private/);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('keeps working until 90 days after delivery, then answers 410 with the seller contact', async () => {
    await addEvent({ type: 'delivered', occurredAt: '2026-11-27T14:00:00Z', deliveredTo: 'PORCH' });
    h.clock.now = new Date('2027-02-24T14:00:00Z'); // 89 days later
    expect((await call(h, 'GET', `/api/t/${token}`)).status).toBe(200);
    h.clock.now = new Date('2027-02-26T14:00:00Z'); // 91 days later
    const res = await call(h, 'GET', `/api/t/${token}`);
    expect(res.status).toBe(410);
    expect((await res.json()).seller).toMatchObject({ name: 'Acme Goods', email: 'help@acme.example' });
  });

  it('does not expire an undelivered order however old', async () => {
    h.clock.now = new Date('2028-01-01T00:00:00Z');
    expect((await call(h, 'GET', `/api/t/${token}`)).status).toBe(200);
  });

  it('shows "delivered" guidance phases as time passes', async () => {
    await addEvent({ type: 'delivered', occurredAt: '2026-11-27T15:00:00Z', deliveredTo: 'FRONT_DOOR' });
    const phase = async (at: string) => {
      h.clock.now = new Date(at);
      return (await (await call(h, 'GET', `/api/t/${token}`)).json()).notReceived.phase;
    };
    expect(await phase('2026-11-27T20:00:00Z')).toBe('before_window_closes'); // 3 PM in Detroit
    expect(await phase('2026-11-28T04:00:00Z')).toBe('within_48h'); // 11 PM in Detroit
    expect(await phase('2026-11-29T15:00:01Z')).toBe('after_48h');
  });
});
