import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forSeller } from '../../src/domain/context';
import { exportConsentCsv } from '../../src/domain/sms/ledger';
import { startHarness, type Harness } from '../support/harness';
import { devReply, newShop, optIn, orderToken, PHONE, rows, type Shop } from '../support/sms-api';

let h: Harness;
let shop: Shop;
let token: string;
beforeEach(async () => {
  h = await startHarness();
  shop = await newShop(h);
  token = await orderToken(h, shop);
});
afterEach(() => h.close());

const csvFor = (sellerId: number) =>
  exportConsentCsv({ ctx: forSeller(h.ctx, sellerId), input: { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') } });

describe('the consent ledger is evidence', () => {
  it('never stores the tracking token (the ledger outlives the link and is exported)', async () => {
    await optIn(h, token, { phone: PHONE, consent: true });
    await devReply(h, PHONE, 'YES');
    const dump = JSON.stringify(await rows(h, 'SELECT * FROM sms_consent_events'));
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(token.slice(0, 12));
  });

  it('the database refuses to change or delete a recorded consent', async () => {
    await optIn(h, token, { phone: PHONE, consent: true });
    const before = await rows(h, 'SELECT * FROM sms_consent_events');
    await expect(h.database.client.execute("UPDATE sms_consent_events SET phone = '+10000000000'")).rejects.toThrow(/append-only/);
    await expect(h.database.client.execute('UPDATE sms_consent_events SET checkbox_checked = 0')).rejects.toThrow(/append-only/);
    await expect(h.database.client.execute('DELETE FROM sms_consent_events')).rejects.toThrow(/append-only/);
    expect(await rows(h, 'SELECT * FROM sms_consent_events')).toEqual(before);
  });

  it('deleting the order (and its subscriptions) keeps the consent history', async () => {
    await optIn(h, token, { phone: PHONE, consent: true });
    await h.database.client.execute("DELETE FROM orders WHERE order_number = 'SO-1001'");
    expect(await rows(h, 'SELECT id FROM sms_subscriptions')).toEqual([]);
    expect(await rows(h, 'SELECT event, phone FROM sms_consent_events')).toEqual([{ event: 'opt_in', phone: PHONE }]);
  });
});

describe('the CSV export is safe to open in a spreadsheet', () => {
  it('quotes commas, quotes and line breaks, and defuses cells that start like a formula', async () => {
    const ua = 'Evil/1.0 (x, "y")';
    await optIn(h, token, { phone: PHONE, consent: true }, { 'user-agent': ua });
    await optIn(h, await orderToken(h, shop, 'SO-1002'), { phone: '+13125550142', consent: true }, { 'user-agent': '=HYPERLINK("http://evil.test","click")' });
    await optIn(h, await orderToken(h, shop, 'SO-1003'), { phone: '+16175550142', consent: true }, { 'user-agent': '@SUM(1+1)' });
    await optIn(h, await orderToken(h, shop, 'SO-1004'), { phone: '+17025550142', consent: true }, { 'user-agent': '-2+3' });

    const csv = await csvFor(shop.sellerId);
    expect(csv).toContain(',"Evil/1.0 (x, ""y"")",');
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil.test"",""click"")",`);
    expect(csv).toContain(",'@SUM(1+1),");
    expect(csv).toContain(",'-2+3,");
    // E.164 numbers start with '+': defused too, so a spreadsheet shows them as text, not a sum
    expect(csv).toContain(`,'${PHONE},`);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(5);
  });

  it("one seller's export never contains another seller's customers", async () => {
    const other = await newShop(h, 'Other Shop');
    await optIn(h, await orderToken(h, other, 'SO-1001'), { phone: '+13125550142', consent: true });
    await devReply(h, '+13125550142', 'YES');
    expect((await csvFor(shop.sellerId)).trimEnd().split('\r\n')).toHaveLength(1);
    expect(await csvFor(other.sellerId)).toContain('3125550142');
  });
});
