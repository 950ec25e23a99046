import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { legalUrls } from '../../src/domain/sms/opt-in';
import { forSeller } from '../../src/domain/context';
import { exportConsentCsv } from '../../src/domain/sms/ledger';
import { DISCLOSURE_VERSION, disclosureText } from '../../src/domain/sms/templates';
import { startHarness, type Harness } from '../support/harness';
import { appWithClientIp, devReply, newShop, optIn, orderToken, PHONE, rows, type Shop } from '../support/sms-api';

let h: Harness;
let shop: Shop;
let token: string;
beforeEach(async () => {
  h = await startHarness();
  shop = await newShop(h);
  token = await orderToken(h, shop);
});
afterEach(() => h.close());

const UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148';

async function optInFromPhone(lang: 'en' | 'es' = 'en') {
  const app = appWithClientIp(h, () => '198.51.100.23');
  return app.request(`/api/t/${token}/sms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': UA },
    body: JSON.stringify({ phone: '(415) 555-2671', consent: true, lang }),
  });
}

describe('consent ledger: what the customer agreed to, and when', () => {
  it('the opt-in row holds the number, order, time, IP, user agent, page, the exact disclosure and its version', async () => {
    expect((await optInFromPhone()).status).toBe(202);
    const [row] = await rows(h, 'SELECT * FROM sms_consent_events');
    const [order] = await rows(h, "SELECT id FROM orders WHERE order_number = 'SO-1001'");
    expect(row).toMatchObject({
      event: 'opt_in', source: 'web', phone: PHONE, seller_id: shop.sellerId, order_id: order!.id, order_number: 'SO-1001',
      at: h.clock.now.getTime(), ip: '198.51.100.23', user_agent: UA, language: 'en', checkbox_checked: 1, disclosure_version: DISCLOSURE_VERSION,
    });
    expect(row!.page_url).toMatch(/^https:\/\/track\.example\.test\/t\//);
    expect(row!.disclosure_text).toBe(
      disclosureText({ lang: 'en', sellerName: 'Acme Goods', orderNumber: 'SO-1001', ...legalUrls(h.config.publicBaseUrl, 'en') }),
    );
    for (const words of ['Acme Goods', 'SO-1001', 'Msg frequency varies', 'Msg & data rates may apply', 'Reply STOP to cancel, HELP for help']) {
      expect(row!.disclosure_text).toContain(words);
    }
  });

  it('a Spanish page records the Spanish disclosure the customer read', async () => {
    await optInFromPhone('es');
    const [row] = await rows(h, 'SELECT language, disclosure_text FROM sms_consent_events');
    expect(row!.language).toBe('es');
    expect(row!.disclosure_text).toBe(
      disclosureText({ lang: 'es', sellerName: 'Acme Goods', orderNumber: 'SO-1001', ...legalUrls(h.config.publicBaseUrl, 'es') }),
    );
  });

  it('YES, HELP, STOP and START replies are each recorded with the text that carried them', async () => {
    await optInFromPhone();
    for (const body of ['Yes', 'help', 'STOP', 'Start']) await devReply(h, PHONE, body);
    await devReply(h, PHONE, 'when will it come?'); // not a keyword: no consent event
    const ledger = await rows(h, 'SELECT event, source, phone, seller_id, message_sid, message_body FROM sms_consent_events ORDER BY id');
    expect(ledger.map((r) => [r.event, r.source, r.message_body])).toEqual([
      ['opt_in', 'web', null], ['confirm', 'sms', 'Yes'], ['help', 'sms', 'help'], ['stop', 'sms', 'STOP'], ['start', 'sms', 'Start'],
    ]);
    for (const r of ledger.slice(1)) {
      expect(r).toMatchObject({ phone: PHONE, seller_id: shop.sellerId });
      expect(r.message_sid).toMatch(/^SM/);
    }
  });
});

describe("the seller's consent export (CSV)", () => {
  const range = () => ({ from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') });

  it('has a header and one row per event of this seller, oldest first', async () => {
    await optInFromPhone();
    await devReply(h, PHONE, 'YES');
    const other = await newShop(h, 'Other Shop');
    await optIn(h, await orderToken(h, other, 'OT-77'), { phone: '+13125550142', consent: true });

    const csv = await exportConsentCsv({ ctx: forSeller(h.ctx, shop.sellerId), input: range() });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('at,event,source,phone,orderNumber,ip,userAgent,pageUrl,language,checkboxChecked,disclosureVersion,disclosureText,messageSid,messageBody');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(new RegExp(`^${h.clock.now.toISOString()},opt_in,web,'\\+14155552671,SO-1001,198\\.51\\.100\\.23,`));
    expect(lines[2]).toMatch(/,confirm,sms,/);
    expect(csv).not.toContain('+13125550142');
    expect(csv).not.toContain('OT-77');
  });

  it('every exported event names the order it is about', async () => {
    await optInFromPhone();
    await devReply(h, PHONE, 'YES');
    await devReply(h, PHONE, 'STOP');
    const lines = (await exportConsentCsv({ ctx: forSeller(h.ctx, shop.sellerId), input: range() })).trimEnd().split('\r\n').slice(1);
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toContain(',SO-1001,');
  });

  it('keeps to the requested time range', async () => {
    await optInFromPhone();
    h.clock.now = new Date('2027-02-01T12:00:00Z');
    await devReply(h, PHONE, 'YES');
    const lines = (await exportConsentCsv({ ctx: forSeller(h.ctx, shop.sellerId), input: range() })).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',opt_in,');
  });
});
