import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness';
import { appWithClientIp, newShop, orderToken, rows, smsFootprint, type Shop } from '../support/sms-api';

// SMS pumping defences (product.md §5). The harness's app has no client address, so these tests
// use the same app told each request's IP through Services.clientIp, as the Node server does.

let h: Harness;
let shop: Shop;
let app: ReturnType<typeof appWithClientIp>;
beforeEach(async () => {
  h = await startHarness({ SMS_OPTINS_PER_IP_HOUR: '5' });
  shop = await newShop(h);
  app = appWithClientIp(h, (req) => req.headers.get('x-test-ip') ?? undefined);
});
afterEach(() => h.close());

const HOUR = 3_600_000;
const later = (ms: number) => (h.clock.now = new Date(h.clock.now.getTime() + ms));

let orders = 0;
/** A fresh order of the same seller each time, so per-order limits stay out of the way. */
const freshToken = () => orderToken(h, shop, `SO-${2000 + ++orders}`);

async function optInFrom(ip: string, phone: string, token?: string) {
  const res = await app.request(`/api/t/${token ?? (await freshToken())}/sms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-test-ip': ip },
    body: JSON.stringify({ phone, consent: true }),
  });
  return { status: res.status, body: await res.json() };
}

const refused = (r: { status: number; body: any }) => {
  expect(r.status).toBe(429);
  expect(r.body.error.code).toBe('rate_limited');
  expect(typeof r.body.error.message).toBe('string');
};

describe('per network: SMS_OPTINS_PER_IP_HOUR sign-ups an hour from one IP', () => {
  it('with a limit of 5, the sixth sign-up from one address is refused; another address still gets through; an hour later it works again', async () => {
    // different area codes, so the number-block limit plays no part
    for (const area of ['212', '305', '312', '617', '702']) expect((await optInFrom('198.51.100.7', `+1${area}5550142`)).status).toBe(202);
    const before = await smsFootprint(h);
    refused(await optInFrom('198.51.100.7', '+12065550142'));
    expect(await smsFootprint(h)).toEqual(before);
    expect((await optInFrom('203.0.113.9', '+12065550142')).status).toBe(202);
    later(59 * 60_000);
    refused(await optInFrom('198.51.100.7', '+14045550142'));
    later(2 * 60_000);
    expect((await optInFrom('198.51.100.7', '+14045550142')).status).toBe(202);
  });

  it('by default one address may sign up 5 times an hour (the SMS issue’s limit)', async () => {
    await h.close();
    h = await startHarness();
    shop = await newShop(h);
    app = appWithClientIp(h, (req) => req.headers.get('x-test-ip') ?? undefined);
    // each number in its own exchange, so the number-block limit plays no part
    for (let i = 0; i < 5; i++) expect((await optInFrom('198.51.100.7', `+1212${200 + i}0142`)).status).toBe(202);
    refused(await optInFrom('198.51.100.7', '+12122500142'));
  });

  it('the same number again for the same order is not counted as a new sign-up', async () => {
    const token = await freshToken();
    for (let i = 0; i < 8; i++) expect((await optInFrom('198.51.100.7', '+13125550142', token)).status).toBe(202);
    expect(await rows(h, "SELECT key FROM rate_limit_hits WHERE bucket = 'optin_ip'")).toEqual([{ key: '198.51.100.7' }]);
  });
});

describe('per phone: 3 confirmation texts a day', () => {
  it('a fourth unconfirmed sign-up of one number within 24 hours is refused without texting it; the next day it works', async () => {
    const ips = ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4', '192.0.2.5'];
    for (const ip of ips.slice(0, 3)) expect((await optInFrom(ip, '+13125550142')).status).toBe(202);
    later(23 * HOUR);
    refused(await optInFrom(ips[3]!, '+13125550142'));
    expect(await rows(h, "SELECT id FROM sms_messages WHERE kind = 'confirm_request'")).toHaveLength(3);
    later(HOUR + 1);
    expect((await optInFrom(ips[4]!, '+13125550142')).status).toBe(202);
    expect(await rows(h, "SELECT id FROM sms_messages WHERE kind = 'confirm_request'")).toHaveLength(4);
  });
});

describe('per number block: 10 sign-ups an hour for numbers sharing +1 NPA-NXX', () => {
  it('the eleventh consecutive number in one block is refused, a number in the next block is not, and the block reopens after an hour', async () => {
    for (let i = 0; i < 10; i++) {
      const r = await optInFrom(`192.0.2.${10 + i}`, `+1415555${String(100 + i).padStart(4, '0')}`);
      expect(r.status).toBe(202);
    }
    const blocked = await optInFrom('192.0.2.50', '+14155550150');
    refused(blocked);
    expect(blocked.body.error.message).toMatch(/similar numbers/);
    expect((await optInFrom('192.0.2.51', '+14155560150')).status).toBe(202);
    later(HOUR + 1);
    expect((await optInFrom('192.0.2.52', '+14155550150')).status).toBe(202);
  });
});
