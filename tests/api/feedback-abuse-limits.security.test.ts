import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness';
import { appWithClientIp, type Shop } from '../support/sms-api';
import { deliveredOrder, errorCode, feedbackFootprint, feedbackShop, redirect } from '../support/feedback-api';

// Abuse limits on feedback and not-received reports, counted like the opt-in limits: per network
// (an hour) and per order (a day). The harness app has no client address, so these tests use the
// same app told each request's IP, as the Node server does.

let h: Harness;
let shop: Shop;
let app: ReturnType<typeof appWithClientIp>;
beforeEach(async () => {
  h = await startHarness();
  shop = await feedbackShop(h);
  app = appWithClientIp(h, (req) => req.headers.get('x-test-ip') ?? undefined);
});
afterEach(() => h.close());

const HOUR = 3_600_000;
const later = (ms: number) => (h.clock.now = new Date(h.clock.now.getTime() + ms));

let orders = 0;
const freshOrder = () => deliveredOrder(h, shop, `SO-${3000 + ++orders}`);

const ENDPOINTS = [
  { name: 'feedback', path: 'feedback', perIp: 30, perOrder: 20, body: (i: number) => ({ rating: (i % 5) + 1 }), param: 'feedback' },
  { name: 'not-received reports', path: 'not-received', perIp: 20, perOrder: 10, body: (i: number) => ({ note: `try ${i}` }), param: 'report' },
] as const;

type Endpoint = (typeof ENDPOINTS)[number];

const postFrom = (ep: Endpoint, ip: string, token: string, i = 0) =>
  app.request(`/api/t/${token}/${ep.path}`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-test-ip': ip }, body: JSON.stringify(ep.body(i)),
  });

async function refused(res: Response) {
  const before = await feedbackFootprint(h);
  expect(await errorCode(res, 429)).toBe('rate_limited');
  expect(await feedbackFootprint(h)).toEqual(before);
}

for (const ep of ENDPOINTS) {
  describe(`${ep.name}: per network, ${ep.perIp} an hour from one IP`, () => {
    it(`a post beyond ${ep.perIp} from one address is refused with 429 and stores nothing; another address gets through; an hour later it works again`, async () => {
      for (let i = 0; i < ep.perIp; i++) expect((await postFrom(ep, '198.51.100.7', await freshOrder(), i)).status).toBe(201);
      const next = await freshOrder();
      await refused(await postFrom(ep, '198.51.100.7', next));
      expect((await postFrom(ep, '203.0.113.9', next)).status).toBe(201);
      later(59 * 60_000);
      await refused(await postFrom(ep, '198.51.100.7', await freshOrder()));
      later(2 * 60_000);
      expect((await postFrom(ep, '198.51.100.7', await freshOrder())).status).toBe(201);
    });

    it('a no-JS form post over the limit goes back to the page with the reason, keeping the language', async () => {
      for (let i = 0; i < ep.perIp; i++) await postFrom(ep, '198.51.100.7', await freshOrder(), i);
      const token = await freshOrder();
      const res = await app.request(`/api/t/${token}/${ep.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-test-ip': '198.51.100.7' },
        body: new URLSearchParams({ rating: '5', missing: 'order', lang: 'es' }).toString(),
      });
      expect(redirect(res).query).toEqual({ [ep.param]: 'rate_limited', lang: 'es' });
    });
  });

  describe(`${ep.name}: per order, ${ep.perOrder} a day`, () => {
    it(`a post beyond ${ep.perOrder} to one order within 24 hours is refused whatever the address, leaving it as it was; other orders are unaffected; the next day it works`, async () => {
      const token = await freshOrder();
      for (let i = 0; i < ep.perOrder; i++) expect((await postFrom(ep, `192.0.2.${i + 1}`, token, i)).status).toBeLessThan(202);
      const stored = await feedbackFootprint(h);
      await refused(await postFrom(ep, '192.0.2.200', token, 99));
      expect((await feedbackFootprint(h)).feedback).toEqual(stored.feedback);
      expect((await postFrom(ep, '192.0.2.201', await freshOrder())).status).toBe(201);
      later(23 * HOUR);
      await refused(await postFrom(ep, '192.0.2.202', token, 99));
      later(HOUR + 1);
      expect((await postFrom(ep, '192.0.2.203', token, 99)).status).toBe(200);
    });
  });
}

describe('the two limits are separate', () => {
  it('a network that has used up its feedback allowance can still report a package missing', async () => {
    const fb = ENDPOINTS[0];
    for (let i = 0; i < fb.perIp; i++) await postFrom(fb, '198.51.100.7', await freshOrder(), i);
    const token = await freshOrder();
    await refused(await postFrom(fb, '198.51.100.7', token));
    expect((await postFrom(ENDPOINTS[1], '198.51.100.7', token)).status).toBe(201);
  });
});
