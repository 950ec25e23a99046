import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { signUp } from '../../src/domain/accounts/accounts';
import { validateSession } from '../../src/domain/accounts/sessions';
import { acceptInvite, inviteTeammate } from '../../src/domain/accounts/team';
import { forMember, type MemberContext } from '../../src/domain/context';
import { accentCheck, loadSettings, saveSettings, uploadLogo } from '../../src/domain/settings';
import { call, sampleOrder, startHarness, tokenOf, type Harness } from '../support/harness';
import { customerView } from '../support/feedback-api';
import { createApiKey } from '../../src/domain/api-keys';
import { rows } from '../support/sms-api';

// A store's settings through the domain verbs (owners only), and what they change: the link's
// lifetime, the countries that may sign up for texts, the zone of an order with no destination zone.

let h: Harness;
let owner: MemberContext;
beforeEach(async () => {
  h = await startHarness();
  const made = await signUp({ ctx: h.ctx, input: { storeName: 'Acme Goods', email: 'dana@acme.example', password: 'correct horse battery' } });
  owner = forMember(h.ctx, (await validateSession({ ctx: h.ctx, input: { token: made.session.token } }))!);
});
afterEach(() => h.close());

const BASE = { name: 'Acme Goods', slug: 'acme-goods', accentColor: '#1F6FEB', quietStart: '20:00', quietEnd: '08:00' };

describe('settings', () => {
  it('saved and loaded back; blank optional fields are cleared', async () => {
    await saveSettings({ ctx: owner, input: { ...BASE, supportEmail: 'help@acme.example', defaultTimeZone: 'America/Denver', smsCountries: 'us, ca', linkTtlDays: '30', quietStart: '21:30' } });
    expect(await loadSettings({ ctx: owner })).toMatchObject({ accentColor: '#1f6feb', supportEmail: 'help@acme.example', defaultTimeZone: 'America/Denver', smsCountries: 'US,CA', linkTtlDays: 30, quietStartMinute: 21 * 60 + 30 });
    await saveSettings({ ctx: owner, input: { ...BASE, supportEmail: '' } });
    expect(await loadSettings({ ctx: owner })).toMatchObject({ supportEmail: null, defaultTimeZone: null, linkTtlDays: null });
  });

  it('bad values are refused by field: a zone that is not IANA, 24:00, a country of three letters, 0 or 3651 days, an http review page', async () => {
    for (const bad of [{ defaultTimeZone: 'Mountain' }, { quietStart: '24:00' }, { smsCountries: 'USA' }, { linkTtlDays: '0' }, { linkTtlDays: '3651' }, { publicFeedbackUrl: 'http://x.example' }]) {
      await expect(saveSettings({ ctx: owner, input: { ...BASE, ...bad } }), JSON.stringify(bad)).rejects.toThrow();
    }
    await expect(saveSettings({ ctx: owner, input: { ...BASE, linkTtlDays: '3650' } })).resolves.toBeUndefined();
  });

  it('another store’s slug is refused; a member cannot save (403)', async () => {
    await signUp({ ctx: h.ctx, input: { storeName: 'Rival', email: 'r@rival.example', password: 'correct horse battery' } });
    await expect(saveSettings({ ctx: owner, input: { ...BASE, slug: 'rival' } })).rejects.toMatchObject({ code: 'conflict' });
    const token = (await inviteTeammate({ ctx: owner, input: { email: 'sam@acme.example', role: 'member' } })).link.split('/invite/')[1]!;
    const sam = await acceptInvite({ ctx: h.ctx, input: { token, password: 'sam has a password' } });
    const member = forMember(h.ctx, (await validateSession({ ctx: h.ctx, input: { token: sam.session.token } }))!);
    await expect(saveSettings({ ctx: member, input: BASE })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('the accent contrast check: AA at 4.5:1 against white', () => {
    expect(accentCheck('#1f6feb')).toMatchObject({ passesAA: true });
    expect(accentCheck('#e0f2fe')).toMatchObject({ passesAA: false });
    expect(accentCheck('#767676').passesAA).toBe(true); // 4.54:1
    expect(accentCheck('#777777').passesAA).toBe(false); // 4.48:1
  });
});

describe('what the settings change', () => {
  async function order(orderNumber: string, destination: object = {}) {
    const { apiKey } = await createApiKey({ ctx: owner, input: { name: orderNumber } });
    const res = await call(h, 'POST', '/api/v1/orders', { key: apiKey, body: { ...sampleOrder(orderNumber), ...destination } });
    expect(res.status).toBe(201);
    return { apiKey, token: tokenOf((await res.json()).trackingUrl) };
  }

  it('the link lifetime: a link ends 30 days after delivery instead of the server’s 90', async () => {
    const { apiKey, token } = await order('SO-1');
    await call(h, 'POST', '/api/v1/orders/SO-1/events', { key: apiKey, body: { type: 'delivered', occurredAt: '2026-11-27T14:00:00Z' } });
    h.clock.now = new Date('2026-12-27T14:01:00Z'); // 30 days and a minute later
    expect((await call(h, 'GET', `/api/t/${token}`)).status).toBe(200);
    await saveSettings({ ctx: owner, input: { ...BASE, linkTtlDays: '30' } });
    expect((await call(h, 'GET', `/api/t/${token}`)).status).toBe(410);
  });

  it('the countries that may sign up for texts: a Mexican mobile is refused until MX is listed', async () => {
    const { token } = await order('SO-2');
    const optIn = () => call(h, 'POST', `/api/t/${token}/sms`, { body: { phone: '+52 55 1234 5678', consent: true } });
    expect((await (await optIn()).json()).error.code).toBe('phone_country_not_allowed');
    await saveSettings({ ctx: owner, input: { ...BASE, smsCountries: 'US,MX' } });
    expect((await optIn()).status).toBe(202);
  });

  it('an order whose destination says no zone gets the store’s default zone (assumed), not UTC', async () => {
    await saveSettings({ ctx: owner, input: { ...BASE, defaultTimeZone: 'America/Denver' } });
    const { token } = await order('SO-3', { destination: { country: 'AQ' } });
    expect((await customerView(h, token)).zone).toEqual({ id: 'America/Denver', assumed: true });
  });

  it('a logo: PNG, JPEG and WebP are re-encoded as PNG of at most 256 px; SVG and non-images are refused; over 200 KB is refused', async () => {
    const big = await sharp({ create: { width: 800, height: 400, channels: 3, background: '#2f6b4f' } }).jpeg().toBuffer();
    await uploadLogo({ ctx: owner, input: { data: big } });
    const [row] = await rows(h, 'SELECT logo, logo_type FROM sellers WHERE id = ?', [owner.sellerId]);
    expect(row!.logo_type).toBe('image/png');
    const meta = await sharp(Buffer.from(row!.logo as ArrayBuffer)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 256, 128]);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    await expect(uploadLogo({ ctx: owner, input: { data: svg } })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(uploadLogo({ ctx: owner, input: { data: Buffer.from('not an image') } })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(uploadLogo({ ctx: owner, input: { data: Buffer.alloc(200 * 1024 + 1) } })).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
