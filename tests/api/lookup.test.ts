import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lookupOrder, lookupSeller, samePostalCode } from '../../src/domain/lookup';
import { sampleOrder, startHarness, type Harness } from '../support/harness';
import { feedbackShop, placeOrder } from '../support/feedback-api';
import { rows, type Shop } from '../support/sms-api';

// "Track your order" by order number and postal code (the seller's public /s/{slug} page).

let h: Harness;
let shop: Shop;
let token: string;
beforeEach(async () => {
  h = await startHarness();
  shop = await feedbackShop(h);
  token = await placeOrder(h, shop, 'SO-1001'); // to Troy, MI 48084
});
afterEach(() => h.close());

let ip = 0;
const find = (orderNumber: string, postalCode: string, sellerId = shop.sellerId, from = `10.7.0.${++ip}`) =>
  lookupOrder({ ctx: h.ctx, input: { orderNumber, postalCode, sellerId, ip: from } });

describe('lookup', () => {
  it('the right number and postal code give the order’s current link; however the code is written', async () => {
    for (const code of ['48084', ' 48084 ', '48084-1234', '480841234']) expect(await find('SO-1001', code), code).toBe(`https://track.example.test/t/${token}`);
  });

  it('a wrong postal code, an unknown order, a blank field, another store: the same null', async () => {
    const other = await feedbackShop(h, 'Rival Goods');
    for (const [n, code, seller] of [['SO-1001', '48085', shop.sellerId], ['SO-9999', '48084', shop.sellerId], ['', '48084', shop.sellerId], ['SO-1001', '', shop.sellerId], ['SO-1001', '48084', other.sellerId]] as const) {
      expect(await find(n, code, seller), `${n} ${code}`).toBeNull();
    }
  });

  it('5 tries an hour for one order number (the sixth is refused even when right), 20 an hour from one network', async () => {
    for (let i = 0; i < 5; i++) expect(await find('SO-1001', '00000')).toBeNull();
    await expect(find('SO-1001', '48084')).rejects.toMatchObject({ code: 'rate_limited' });
    h.clock.now = new Date(h.clock.now.getTime() + 3_600_000);
    expect(await find('SO-1001', '48084')).not.toBeNull();
    for (let i = 0; i < 20; i++) await find(`X-${i}`, '1', shop.sellerId, '10.8.0.1');
    await expect(find('SO-1001', '48084', shop.sellerId, '10.8.0.1')).rejects.toMatchObject({ code: 'rate_limited' });
  });

  it('postal codes compare as letters and digits; a ZIP+4 by its first five; a Canadian code with or without its space', () => {
    expect(samePostalCode('K1A 0B1', 'k1a0b1')).toBe(true);
    expect(samePostalCode('48084', '48084-9999')).toBe(true);
    expect(samePostalCode('48084', '4808')).toBe(false);
    expect(samePostalCode(null, '48084')).toBe(false);
    expect(samePostalCode('48084', '---')).toBe(false);
  });

  it('every letter counts (a Canadian or British code one letter off is a miss); ten digits are not a ZIP+4', () => {
    expect(samePostalCode('K1A 0B1', 'K1B 0B1')).toBe(false);
    expect(samePostalCode('SW1A 1AA', 'SW1A 1AB')).toBe(false);
    expect(samePostalCode('48084', '4808412345')).toBe(false);
    expect(samePostalCode('48084', '48084-12345')).toBe(false);
  });

  it('an order whose postal code has no letters or digits ("--") is found by no postal code, not even a blank one', async () => {
    const destination = { ...sampleOrder().destination, postalCode: '--' };
    await placeOrder(h, shop, 'SO-2002', undefined, { destination });
    for (const code of ['', '--', ' ', '-']) expect(await find('SO-2002', code), JSON.stringify(code)).toBeNull();
  });
});

describe('the seller’s public lookup page', () => {
  it('shows the store’s public brand (name, accent colour, slug, logo version) and nothing else; an unknown slug is null', async () => {
    expect(await rows(h, 'SELECT slug FROM sellers WHERE id = ?', [shop.sellerId])).toEqual([{ slug: 'acme-goods' }]);
    const found = await lookupSeller({ ctx: h.ctx, input: { slug: 'acme-goods' } });
    expect(found).toEqual({ id: shop.sellerId, name: 'Acme Goods', accentColor: '#1f6feb', slug: 'acme-goods', logoVersion: null });
    expect(await lookupSeller({ ctx: h.ctx, input: { slug: 'no-such-store' } })).toBeNull();
  });
});
