import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forSeller, type SellerContext } from '../../src/domain/context';
import { DomainError } from '../../src/domain/errors';
import { createOrders } from '../../src/domain/import/create-orders';
import { importOrdersCsv, type ImportOrdersInput } from '../../src/domain/import/orders-csv';
import { createOrderInput } from '../../src/domain/inputs';
import { importProgressStream, type ImportProgressLine } from '../../src/components/dashboard/import-stream';
import { dashTranslator } from '../../src/i18n/dashboard';
import { call, sampleOrder, startHarness, tokenOf, type Harness } from '../support/harness';
import { customerView, feedbackShop, sellerOrder } from '../support/feedback-api';
import { count, rows, type Shop } from '../support/sms-api';

// The seller's CSV import of orders (src/domain/import/): rows to orders through the API's schema,
// all or nothing per order, errors by physical line. The harness clock is 2026-11-27 15:00 UTC.

const HEADER = 'order_number,first_name,language,city,region,postal_code,country,time_zone,promised_date,item_name,item_quantity,item_sku,carrier,tracking_number';
const row = (orderNumber: string, patch: Partial<Record<'first_name' | 'city' | 'region' | 'postal_code' | 'country' | 'time_zone' | 'promised_date' | 'item_name' | 'item_quantity' | 'carrier' | 'tracking_number', string>> = {}) => {
  const r = { first_name: 'Dana', language: 'en', city: 'Troy', region: 'MI', postal_code: '48084', country: 'US', time_zone: '', promised_date: '2026-12-01', item_name: 'Ceramic mug', item_quantity: '1', item_sku: '', carrier: 'AMZL', tracking_number: `TBA${orderNumber.replace(/\D/g, '').padStart(9, '0')}`, ...patch };
  return [orderNumber, r.first_name, r.language, r.city, r.region, r.postal_code, r.country, r.time_zone, r.promised_date, r.item_name, r.item_quantity, r.item_sku, r.carrier, r.tracking_number].join(',');
};
const file = (...lines: string[]) => [HEADER, ...lines].join('\n') + '\n';

let h: Harness;
let shop: Shop;
let ctx: SellerContext;
beforeEach(async () => {
  h = await startHarness();
  shop = await feedbackShop(h);
  ctx = forSeller(h.ctx, shop.sellerId);
});
afterEach(() => h.close());

const importCsv = (csv: ImportOrdersInput['csv'], extra: Omit<ImportOrdersInput, 'csv'> = {}, as = ctx) => importOrdersCsv({ ctx: as, input: { csv, ...extra } });
const refusal = async (promise: Promise<unknown>) => {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
};
const orderCount = async () => count(h, 'orders');

describe('importing good rows', () => {
  it('creates each order with its item, package, time zone and a tracking link that opens, marked as imported', async () => {
    const result = await importCsv(file(row('SO-1'), row('SO-2', { city: 'Honolulu', region: 'HI', postal_code: '96813', time_zone: 'Pacific/Honolulu', item_quantity: '3', carrier: 'UPS' })));
    expect(result).toEqual({ created: 2, existing: 0, failed: 0, errors: [] });

    const one = await sellerOrder(h, shop, 'SO-1');
    expect(one.customer).toEqual({ firstName: 'Dana', language: 'en' });
    expect(one.destination).toMatchObject({ city: 'Troy', region: 'MI', postalCode: '48084', country: 'US', timeZone: 'America/Detroit', timeZoneSource: 'postal_code' });
    expect(one.promisedDate).toBe('2026-12-01');
    expect(one.items).toEqual([{ name: 'Ceramic mug', quantity: 1, sku: null, trackingNumber: 'TBA000000001' }]);
    expect(one.packages).toMatchObject([{ carrier: 'AMZL', trackingNumber: 'TBA000000001', stage: 'order_placed' }]);
    expect(one.events).toMatchObject([{ type: 'order_placed', source: 'import' }]);
    expect((await customerView(h, tokenOf(one.trackingUrl))).order.number).toBe('SO-1');

    const two = await sellerOrder(h, shop, 'SO-2');
    expect(two.destination).toMatchObject({ timeZone: 'Pacific/Honolulu', timeZoneSource: 'given' });
    expect(two.items[0].quantity).toBe(3);
    expect(two.packages[0].carrier).toBe('UPS');
    expect(await rows(h, 'SELECT DISTINCT source FROM orders')).toEqual([{ source: 'import' }]);
  });

  it('consecutive rows with one order number are one order with both items; a later row may leave the order columns blank or restate them in another case', async () => {
    const result = await importCsv(file(
      row('SO-1', { item_name: 'Ceramic mug', item_quantity: '2' }),
      'SO-1,,,,,,us,,,"Cast-iron skillet, 10""",1,,AMZL,TBA000000001',
      row('SO-2'),
    ));
    expect(result).toMatchObject({ created: 2, failed: 0 });
    const order = await sellerOrder(h, shop, 'SO-1');
    expect(order.items.map((i: { name: string; quantity: number }) => [i.name, i.quantity])).toEqual([['Ceramic mug', 2], ['Cast-iron skillet, 10"', 1]]);
    expect(order.packages).toHaveLength(1);
    expect(order.destination.city).toBe('Troy');
  });

  it('a split shipment: each item row links its item to its own package', async () => {
    const result = await importCsv(file(
      row('SO-1', { item_name: 'Blanket', carrier: 'USPS', tracking_number: '9400111899223197428490' }),
      row('SO-1', { item_name: 'Grinder', carrier: 'FedEx', tracking_number: '771234567890' }),
      row('SO-1', { item_name: 'Spare lid', carrier: '', tracking_number: '771234567890' }),
    ));
    expect(result).toMatchObject({ created: 1, failed: 0 });
    const order = await sellerOrder(h, shop, 'SO-1');
    expect(order.packages.map((p: { carrier: string; trackingNumber: string }) => [p.carrier, p.trackingNumber])).toEqual([['USPS', '9400111899223197428490'], ['FEDEX', '771234567890']]);
    expect(order.items.map((i: { name: string; trackingNumber: string }) => [i.name, i.trackingNumber])).toEqual([
      ['Blanket', '9400111899223197428490'], ['Grinder', '771234567890'], ['Spare lid', '771234567890'],
    ]);
  });

  it('the sample file in public/samples imports cleanly: four orders, one with two items, one split in two packages', async () => {
    const result = await importCsv(readFileSync(new URL('../../public/samples/orders.csv', import.meta.url), 'utf8'));
    expect(result).toEqual({ created: 4, existing: 0, failed: 0, errors: [] });
    expect((await sellerOrder(h, shop, 'SO-2002')).items).toHaveLength(2);
    expect((await sellerOrder(h, shop, 'SO-2003')).packages).toHaveLength(2);
    expect((await sellerOrder(h, shop, 'SO-2003')).customer).toEqual({ firstName: 'Lucía', language: 'es' });
  });

  it('a UTF-8 BOM, CRLF line endings and header names in any case are accepted', async () => {
    const csv = `\uFEFF${HEADER.toUpperCase()}\r\n${row('SO-1')}\r\n${row('SO-2', { first_name: 'José' })}\r\n${row('SO-3', { country: '' })}\r\n`;
    expect(await importCsv(csv)).toEqual({ created: 2, existing: 0, failed: 1, errors: [{ line: 4, orderNumber: 'SO-3', message: 'country: required' }] });
    expect((await sellerOrder(h, shop, 'SO-2')).customer.firstName).toBe('José');
  });

  it('a streamed upload whose chunks split a character in two is read as the same text', async () => {
    const bytes = Buffer.from(file(row('SO-1', { first_name: 'Zoë' })));
    const cut = bytes.indexOf(Buffer.from('ë')) + 1;
    async function* upload() { yield bytes.subarray(0, cut); yield bytes.subarray(cut); }
    expect(await importCsv(upload())).toMatchObject({ created: 1, failed: 0 });
    expect((await sellerOrder(h, shop, 'SO-1')).customer.firstName).toBe('Zoë');
  });

  it('an imported order is stored exactly as the API stores the same order (createOrders and createOrder agree)', async () => {
    const other = await feedbackShop(h, 'Other Goods');
    const body = { ...sampleOrder('SO-1'), placedAt: undefined, destination: { ...sampleOrder().destination, region: 'mi', postalCode: 'k1a 0b1', country: 'ca' }, items: [{ name: 'Mug', quantity: 2, sku: 'MUG-1', trackingNumber: 'TBA312345678000' }, { name: 'Lid', quantity: 1 }] };
    expect((await call(h, 'POST', '/api/v1/orders', { key: other.key, body })).status).toBe(201);
    await importCsv(file(
      'SO-1,Dana,,Troy,mi,k1a 0b1,ca,America/Detroit,2026-11-27,Mug,2,MUG-1,AMZL,TBA312345678000',
      'SO-1,,,,,,,,,Lid,1,,,',
    ));
    const stored = async (sellerId: number) => ({
      order: await rows(h, 'SELECT customer_first_name, language, dest_city, dest_region, dest_postal_code, dest_country, time_zone, time_zone_basis, time_zone_assumed, promised_date, created_at FROM orders WHERE seller_id = ?', [sellerId]),
      packages: await rows(h, 'SELECT p.carrier, p.tracking_number, p.created_at FROM packages p JOIN orders o ON o.id = p.order_id WHERE o.seller_id = ? ORDER BY p.id', [sellerId]),
      items: await rows(h, 'SELECT i.name, i.quantity, i.sku, p.tracking_number FROM items i JOIN orders o ON o.id = i.order_id LEFT JOIN packages p ON p.id = i.package_id WHERE o.seller_id = ? ORDER BY i.id', [sellerId]),
      events: await rows(h, 'SELECT e.package_id, e.type, e.payload_hash, e.occurred_at, e.received_at, e.external_id FROM tracking_events e JOIN orders o ON o.id = e.order_id WHERE o.seller_id = ?', [sellerId]),
      links: await rows(h, 'SELECT l.version, l.created_at, l.revoked_at FROM tracking_links l JOIN orders o ON o.id = l.order_id WHERE o.seller_id = ?', [sellerId]),
    });
    expect(await stored(shop.sellerId)).toEqual(await stored(other.sellerId));
  });
});

describe('rows with errors', () => {
  it('lists each bad row by the physical line it starts on, counting the lines of a quoted multi-line field', async () => {
    const csv = file(
      row('SO-1', { item_name: '"Mug\r\nwith lid"' }), // lines 2 and 3 (a CR LF inside the quotes)
      row('SO-2', { country: 'USA' }), // line 4
      row('SO-3'),
      row('SO-4', { item_quantity: 'two' }), // line 6
      row('SO-5', { time_zone: 'Mars/Olympus' }), // line 7
    );
    const result = await importCsv(csv);
    expect(result).toMatchObject({ created: 2, existing: 0, failed: 3 });
    expect(result.errors).toEqual([
      { line: 4, orderNumber: 'SO-2', message: 'country: ISO 3166-1 alpha-2 code (got “USA”)' },
      { line: 6, orderNumber: 'SO-4', message: 'item_quantity: must be a whole number (got “two”)' },
      { line: 7, orderNumber: 'SO-5', message: 'time_zone: an IANA time zone such as America/Chicago (got “Mars/Olympus”)' },
    ]);
    expect((await sellerOrder(h, shop, 'SO-1')).items[0].name).toBe('Mug  with lid');
  });

  it('a bad row inside a multi-row order blocks the whole order and reports all its rows; the orders around it are created', async () => {
    const result = await importCsv(file(
      row('SO-1'),
      row('SO-2', { item_name: 'Mug' }),
      row('SO-2', { item_name: 'Lid', item_quantity: '0' }),
      row('SO-2', { item_name: 'Saucer', country: 'CA' }),
      row('SO-3'),
    ));
    expect(result).toMatchObject({ created: 2, failed: 1 });
    expect(result.errors).toEqual([
      { line: 3, orderNumber: 'SO-2', message: 'not imported: this order has errors on lines 4, 5' },
      { line: 4, orderNumber: 'SO-2', message: 'item_quantity: Too small: expected number to be >=1 (got “0”)' },
      { line: 5, orderNumber: 'SO-2', message: 'country: “CA” differs from “US” on line 3 (the rows of one order must agree)' },
    ]);
    expect((await call(h, 'GET', '/api/v1/orders/SO-2', { key: shop.key })).status).toBe(404);
    expect(await count(h, 'items')).toBe(2);
  });

  it('names what is missing: an order number, a required country, a carrier for a tracking number, a tracking number for a carrier', async () => {
    const result = await importCsv(file(row(''), row('SO-2', { country: '' }), row('SO-3', { carrier: '' }), row('SO-4', { tracking_number: '' })));
    expect(result.failed).toBe(4);
    expect(result.errors).toEqual([
      { line: 2, orderNumber: null, message: 'order_number: required' },
      { line: 3, orderNumber: 'SO-2', message: 'country: required' },
      { line: 4, orderNumber: 'SO-3', message: 'carrier: required' },
      { line: 5, orderNumber: 'SO-4', message: 'carrier: given without a tracking_number' },
    ]);
  });

  it('one tracking number with two different carriers in one order is an error on the later row', async () => {
    const result = await importCsv(file(row('SO-1', { carrier: 'UPS' }), row('SO-1', { item_name: 'Lid', carrier: 'USPS' }), row('SO-1', { item_name: 'Box', carrier: 'ups' })));
    expect(result.errors.map((e) => [e.line, e.message])).toEqual([
      [2, 'not imported: this order has errors on line 3'],
      [3, 'carrier: “USPS” differs from “UPS” for tracking number TBA000000001'],
      [4, 'not imported: this order has errors on line 3'],
    ]);
  });

  it('rows of one order split apart in the file: the later rows fail instead of being dropped as "existing"', async () => {
    const result = await importCsv(file(row('SO-1'), row('SO-2'), row('SO-1', { item_name: 'Lid' })));
    expect(result).toMatchObject({ created: 2, failed: 1 });
    expect(result.errors).toEqual([{ line: 4, orderNumber: 'SO-1', message: 'order_number: SO-1 already appears on line 2; put all rows of an order together' }]);
  });

  it('a row with more cells than the header is an error; fewer cells read as blank', async () => {
    const result = await importCsv(file(`${row('SO-1')},surprise`, 'SO-2,Dana,en,Troy,MI,48084,US'));
    expect(result.errors).toEqual([{ line: 2, orderNumber: 'SO-1', message: 'the row has 1 more field than the header has columns' }]);
    expect(result.created).toBe(1);
  });

  it('lists at most 500 errors but counts every failed order', async () => {
    const bad = Array.from({ length: 520 }, (_, i) => row(`SO-${i + 1}`, { country: 'XXX' }));
    const result = await importCsv(file(...bad, row('SO-9999')));
    expect(result).toMatchObject({ created: 1, failed: 520 });
    expect(result.errors).toHaveLength(500);
    expect(result.errors.at(-1)!.line).toBe(501);
  });
});

describe('files refused before anything is written', () => {
  it('unknown columns are named; a missing required column is named; case does not matter', async () => {
    const unknown = await refusal(importCsv(`${HEADER},Gift_Note,colour\n${row('SO-1')},hi,red\n`));
    expect(unknown.code).toBe('validation_failed');
    expect(unknown.message).toMatch(/^Line 1: unknown columns “gift_note”, “colour”; the columns are order_number, /);
    const missing = await refusal(importCsv('Order_Number,city\nSO-1,Troy\n'));
    expect(missing.message).toBe('Line 1: the header must name the column country');
    expect(await orderCount()).toBe(0);
  });

  it('a quoted field never closed is refused at the line it starts on', async () => {
    const err = await refusal(importCsv(file(row('SO-1'), row('SO-2', { item_name: '"Mug' }), row('SO-3'))));
    expect(err.message).toBe('Line 3: a quoted field is never closed (a closing " is missing)');
    expect(await orderCount()).toBe(0);
  });

  it('an empty file and a file that is not UTF-8 are refused with a reason', async () => {
    expect((await refusal(importCsv(''))).message).toMatch(/^The file is empty/);
    async function* latin1() { yield Buffer.from(`${HEADER}\n${row('SO-1', { first_name: 'José' })}\n`, 'latin1'); }
    expect((await refusal(importCsv(latin1()))).message).toBe('The file is not UTF-8 text; in a spreadsheet, save it as “CSV UTF-8”');
  });

  it('the row limit: exactly the limit imports, one row past it is refused and creates nothing', async () => {
    const three = [row('SO-1'), row('SO-2'), row('SO-3')];
    const over = await refusal(importCsv(file(...three, row('SO-4')), { limits: { maxRows: 3 } }));
    expect(over.message).toBe('The file has more than 3 rows; split it into smaller files');
    expect(await orderCount()).toBe(0);
    expect(await importCsv(file(...three), { limits: { maxRows: 3 } })).toMatchObject({ created: 3 });
  });

  it('the size limit: a file of exactly the limit imports, one byte more is refused (413) and creates nothing', async () => {
    const csv = file(row('SO-1'));
    const size = Buffer.byteLength(csv);
    async function* upload(text: string) { yield Buffer.from(text); }
    const over = await refusal(importCsv(upload(`${csv}\n`), { limits: { maxBytes: size } }));
    expect(over.code).toBe('payload_too_large');
    expect((await refusal(importCsv(`${csv}\n`, { limits: { maxBytes: size } }))).code).toBe('payload_too_large');
    expect(await orderCount()).toBe(0);
    expect(await importCsv(upload(csv), { limits: { maxBytes: size } })).toMatchObject({ created: 1 });
  });
});

describe('importing again, other sellers, progress', () => {
  it('the same file again creates nothing new: every order is reported as existing', async () => {
    const csv = file(row('SO-1'), row('SO-2', { item_name: 'Mug' }), row('SO-2', { item_name: 'Lid' }));
    expect(await importCsv(csv)).toMatchObject({ created: 2, existing: 0 });
    const before = await Promise.all(['orders', 'items', 'packages', 'tracking_events', 'tracking_links'].map((t) => count(h, t)));
    expect(await importCsv(csv)).toEqual({ created: 0, existing: 2, failed: 0, errors: [] });
    expect(await Promise.all(['orders', 'items', 'packages', 'tracking_events', 'tracking_links'].map((t) => count(h, t)))).toEqual(before);
  });

  it('a file with some orders already imported creates only the new ones', async () => {
    await importCsv(file(row('SO-1')));
    expect(await importCsv(file(row('SO-1', { city: 'Austin' }), row('SO-2')))).toEqual({ created: 1, existing: 1, failed: 0, errors: [] });
    expect((await sellerOrder(h, shop, 'SO-1')).destination.city).toBe('Troy');
  });

  it('createOrders given one order number twice creates it once and answers the repeat as not created', async () => {
    const order = createOrderInput.parse(sampleOrder('SO-7'));
    const answers = await createOrders({ ctx, input: { orders: [order, { ...order, items: [] }], source: 'import' } });
    expect(answers.map((a) => a.created)).toEqual([true, false]);
    expect(answers[0]!.orderId).toBe(answers[1]!.orderId);
    expect((await sellerOrder(h, shop, 'SO-7')).items).toHaveLength(1);
  });

  it('the same order number at another seller is neither reported as existing nor touched', async () => {
    const other = await feedbackShop(h, 'Other Goods');
    expect((await call(h, 'POST', '/api/v1/orders', { key: other.key, body: sampleOrder('SO-1') })).status).toBe(201);
    const theirs = await sellerOrder(h, other, 'SO-1');
    expect(await importCsv(file(row('SO-1', { city: 'Austin', region: 'TX', postal_code: '78701' })))).toMatchObject({ created: 1, existing: 0 });
    expect((await sellerOrder(h, shop, 'SO-1')).destination.city).toBe('Austin');
    expect(await sellerOrder(h, other, 'SO-1')).toEqual(theirs);
  });

  it('reports progress as it goes: row counts rising to every row, bytes to the whole file', async () => {
    const csv = file(...Array.from({ length: 600 }, (_, i) => row(`SO-${i + 1}`)));
    const seen: { rows: number; bytes: number }[] = [];
    await importCsv(csv, { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.rows).toBeGreaterThan(seen[i - 1]!.rows);
    expect(seen.at(-1)).toEqual({ rows: 600, bytes: Buffer.byteLength(csv) });
  });
});

describe('the live import’s answer (one JSON line per update, read by the page’s script)', () => {
  const lines = async (csv: string, lang: 'en' | 'es' = 'en') => {
    const res = importProgressStream({ ctx, file: new File([csv], 'orders.csv', { type: 'text/csv' }), t: dashTranslator(lang) });
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const text = await res.text();
    expect(text.endsWith('\n')).toBe(true);
    return text.trimEnd().split('\n').map((l) => JSON.parse(l) as ImportProgressLine);
  };

  it('starts with the file size, reports rows and bytes rising, and ends with the result page’s words and the rows left out', async () => {
    const csv = file(...Array.from({ length: 600 }, (_, i) => row(`SO-${i + 1}`)), row('SO-601', { country: 'USA' }));
    const got = await lines(csv);
    expect(got[0]).toEqual({ total: Buffer.byteLength(csv) });
    const progress = got.filter((l): l is { rows: number; bytes: number } => 'rows' in l);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.bytes).toBeGreaterThan(progress[i - 1]!.bytes);
    expect(progress.at(-1)).toEqual({ rows: 601, bytes: Buffer.byteLength(csv) });
    expect(got.at(-1)).toEqual({
      done: true,
      notice: 'Import finished: 600 created, 0 already here, 1 not imported.',
      errors: [{ line: 602, orderNumber: 'SO-601', message: expect.stringContaining('country') }],
    });
    expect(await orderCount()).toBe(600);
  });

  it('a refused file ends with the refusal in the page’s language, and nothing is written', async () => {
    const got = await lines('order_number,colour\nSO-1,blue\n', 'es');
    expect(got).toEqual([{ total: 30 }, { error: expect.stringMatching(/^\S.*unknown column “colour”/) }]);
    expect((got[1] as { error: string }).error.startsWith(dashTranslator('es')('error.invalid'))).toBe(true);
    expect(await orderCount()).toBe(0);
  });
});
