import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCredentials, sealCredentials } from '../../src/domain/integrations/secrets';
import { call, newSeller, startHarness, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const SHOPIFY = { shopDomain: 'acme-goods.myshopify.com', accessToken: 'shpat_0123456789abcdef', webhookSecret: 'shpss_topsecret_value_42' };
const stored = async () => JSON.stringify((await h.database.client.execute('SELECT * FROM integrations')).rows);

describe('connecting a source: PUT /api/v1/integrations/{source}', () => {
  it('answers the webhook URL to register, never echoes a secret, and stores none in the clear', async () => {
    const { apiKey } = await newSeller(h);
    const res = await call(h, 'PUT', '/api/v1/integrations/shopify', { key: apiKey, body: SHOPIFY });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.source).toBe('shopify');
    expect(body.webhookUrl).toMatch(/^https:\/\/track\.example\.test\/hooks\/shopify\/[A-Za-z0-9_-]{22}$/);
    const text = JSON.stringify(body);
    const dump = await stored();
    for (const secret of [SHOPIFY.accessToken, SHOPIFY.webhookSecret]) {
      expect(text).not.toContain(secret);
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(Buffer.from(secret).toString('base64'));
    }
    expect(dump).toContain('acme-goods.myshopify.com'); // a setting, not a secret
  });

  it('saving again rotates the credentials and keeps the URL; Shippo’s URL carries a new token each time', async () => {
    const { apiKey } = await newSeller(h);
    const first = await (await call(h, 'PUT', '/api/v1/integrations/shopify', { key: apiKey, body: SHOPIFY })).json();
    const sealedBefore = await stored();
    const again = await (await call(h, 'PUT', '/api/v1/integrations/shopify', { key: apiKey, body: { ...SHOPIFY, webhookSecret: 'shpss_rotated_value_43' } })).json();
    expect(again.webhookUrl).toBe(first.webhookUrl);
    expect(await stored()).not.toBe(sealedBefore);
    const s1 = await (await call(h, 'PUT', '/api/v1/integrations/shippo', { key: apiKey, body: {} })).json();
    const s2 = await (await call(h, 'PUT', '/api/v1/integrations/shippo', { key: apiKey, body: {} })).json();
    expect(s1.webhookUrl).toMatch(/\/hooks\/shippo\/[A-Za-z0-9_-]+\?token=[A-Za-z0-9_-]{32}$/);
    expect(s2.webhookUrl.split('?')[0]).toBe(s1.webhookUrl.split('?')[0]);
    expect(s2.webhookUrl).not.toBe(s1.webhookUrl);
    expect(await stored()).not.toContain(new URL(s2.webhookUrl).searchParams.get('token'));
  });

  it('Amazon is polled, not called: no webhook URL; its secrets are sealed like the others', async () => {
    const { apiKey } = await newSeller(h);
    const res = await call(h, 'PUT', '/api/v1/integrations/amazon', { key: apiKey, body: { lwaClientId: 'amzn1.application-oa2-client.abc', lwaClientSecret: 'lwa-secret-0123456789', refreshToken: 'Atzr|refresh-token-0123456789', region: 'eu' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ source: 'amazon', webhookUrl: null });
    expect(await stored()).not.toContain('Atzr|refresh');
  });

  it('refuses what is missing or wrong by name, an unknown source, and a request without a key', async () => {
    const { apiKey } = await newSeller(h);
    const missing = await call(h, 'PUT', '/api/v1/integrations/shopify', { key: apiKey, body: { ...SHOPIFY, shopDomain: 'acme.example.com' } });
    expect(missing.status).toBe(422);
    expect((await missing.json()).error.message).toContain('shopDomain');
    const short = await call(h, 'PUT', '/api/v1/integrations/easypost', { key: apiKey, body: { webhookSecret: '1234567' } });
    expect(short.status).toBe(422);
    expect((await call(h, 'PUT', '/api/v1/integrations/easypost', { key: apiKey, body: { webhookSecret: '12345678' } })).status).toBe(200);
    expect((await call(h, 'PUT', '/api/v1/integrations/magento', { key: apiKey, body: {} })).status).toBe(404);
    expect((await call(h, 'PUT', '/api/v1/integrations/shippo', { body: {} })).status).toBe(401);
    expect(await stored()).not.toContain('"shippo"');
  });

  it('switching off: 204, then 404 (already off); another seller cannot switch mine off', async () => {
    const a = await newSeller(h, 'Seller A');
    const b = await newSeller(h, 'Seller B');
    await call(h, 'PUT', '/api/v1/integrations/woocommerce', { key: a.apiKey, body: { webhookSecret: 'wc-secret-123456' } });
    expect((await call(h, 'DELETE', '/api/v1/integrations/woocommerce', { key: b.apiKey })).status).toBe(404);
    expect((await h.database.client.execute('SELECT enabled FROM integrations')).rows[0]!.enabled).toBe(1);
    expect((await call(h, 'DELETE', '/api/v1/integrations/woocommerce', { key: a.apiKey })).status).toBe(204);
    expect((await call(h, 'DELETE', '/api/v1/integrations/woocommerce', { key: a.apiKey })).status).toBe(404);
    expect((await h.database.client.execute('SELECT enabled FROM integrations')).rows[0]!.enabled).toBe(0);
  });
});

describe('credentials at rest', () => {
  const SECRET = 'app-secret-app-secret-app-secret-1234';
  it('open with the same APP_SECRET and connector; not with another secret, another connector or one changed byte', () => {
    const sealed = sealCredentials(SECRET, 'conn-a', { webhookSecret: 'whsec-value' });
    expect(openCredentials(SECRET, 'conn-a', sealed)).toEqual({ webhookSecret: 'whsec-value' });
    expect(openCredentials(`${SECRET}x`, 'conn-a', sealed)).toBeNull();
    expect(openCredentials(SECRET, 'conn-b', sealed)).toBeNull();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[2]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(openCredentials(SECRET, 'conn-a', [parts[0], parts[1], body.toString('base64url'), parts[3]].join('.'))).toBeNull();
    // each part missing or of another version: refused before any decryption
    const [v, iv, sealedBody, tag] = sealed.split('.');
    for (const broken of [`v0.${iv}.${sealedBody}.${tag}`, `${v}..${sealedBody}.${tag}`, `${v}.${iv}..${tag}`, `${v}.${iv}.${sealedBody}.`, `${v}.${iv}.${sealedBody}`, '']) {
      expect(openCredentials(SECRET, 'conn-a', broken), broken).toBeNull();
    }
    // the same credentials sealed twice differ (a fresh IV each time)
    expect(sealCredentials(SECRET, 'conn-a', { webhookSecret: 'whsec-value' })).not.toBe(sealed);
  });
});
