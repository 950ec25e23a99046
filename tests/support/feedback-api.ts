import { createSeller } from '../../src/domain/sellers';
import { call, sampleOrder, tokenOf, type Harness } from './harness';
import { rows, type Shop } from './sms-api';

// Shared steps for the feedback and not-received API tests: a seller (optionally with a public
// feedback page), orders built through the seller API, the customer's posts, and table reads.

export const DELIVERED_AT = '2026-11-27T14:00:00Z'; // an hour before the harness clock
export const PKG1 = 'TBA312345678000';
export const PKG2 = 'TBA312345678001';
export const REVIEWS = 'https://reviews.example.test/acme';

export async function feedbackShop(h: Harness, name = 'Acme Goods', publicFeedbackUrl?: string): Promise<Shop> {
  const seller = await createSeller({ ctx: h.ctx, input: { seller: { name, supportEmail: 'help@acme.example', publicFeedbackUrl } } });
  return { key: seller.apiKey, sellerId: seller.sellerId, sellerName: name };
}

/** An order (one package by default) not yet delivered; returns its tracking token. */
export async function placeOrder(h: Harness, shop: Shop, orderNumber = 'SO-1001', trackingNumbers = [PKG1], patch: object = {}): Promise<string> {
  const packages = trackingNumbers.map((trackingNumber) => ({ carrier: 'AMZL', trackingNumber }));
  const res = await call(h, 'POST', '/api/v1/orders', { key: shop.key, body: { ...sampleOrder(orderNumber), packages, ...patch } });
  if (res.status !== 201) throw new Error(`order not created: ${res.status} ${await res.text()}`);
  return tokenOf((await res.json()).trackingUrl);
}

/** The carrier's delivered scan for one package (or the whole order when trackingNumber is null). */
export async function deliver(h: Harness, shop: Shop, orderNumber = 'SO-1001', trackingNumber: string | null = PKG1, occurredAt = DELIVERED_AT) {
  const body = { type: 'delivered', occurredAt, deliveredTo: 'FRONT_DOOR', ...(trackingNumber ? { trackingNumber } : {}) };
  const res = await call(h, 'POST', `/api/v1/orders/${orderNumber}/events`, { key: shop.key, body });
  if (res.status !== 201) throw new Error(`delivered event refused: ${res.status} ${await res.text()}`);
}

/** An order whose every package has been scanned delivered. */
export async function deliveredOrder(h: Harness, shop: Shop, orderNumber = 'SO-1001', trackingNumbers = [PKG1]): Promise<string> {
  const token = await placeOrder(h, shop, orderNumber, trackingNumbers);
  for (const n of trackingNumbers) await deliver(h, shop, orderNumber, n);
  return token;
}

export const sendFeedback = (h: Harness, token: string, body: unknown, headers: Record<string, string> = {}) =>
  call(h, 'POST', `/api/t/${token}/feedback`, { body, headers });

export const reportMissing = (h: Harness, token: string, body: unknown = {}, headers: Record<string, string> = {}) =>
  call(h, 'POST', `/api/t/${token}/not-received`, { body, headers });

export const customerView = async (h: Harness, token: string) => (await call(h, 'GET', `/api/t/${token}`)).json();

export const sellerOrder = async (h: Harness, shop: Shop, orderNumber = 'SO-1001') =>
  (await call(h, 'GET', `/api/v1/orders/${orderNumber}`, { key: shop.key })).json();

/** Every stored feedback and report row, plus the abuse-limit hits: equal before and after a refused post. */
export async function feedbackFootprint(h: Harness) {
  const [feedback, reports, hits] = await Promise.all([
    rows(h, 'SELECT * FROM feedback ORDER BY id'),
    rows(h, 'SELECT * FROM problem_reports ORDER BY id'),
    rows(h, "SELECT bucket, key, at FROM rate_limit_hits WHERE bucket NOT LIKE 'optin%' ORDER BY id"),
  ]);
  return { feedback, reports, hits };
}

/** A 4xx answer in the one error envelope; resolves to its code. */
export async function errorCode(res: Response, status: number): Promise<string> {
  const body = await res.json();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(body)}`);
  if (typeof body?.error?.code !== 'string' || typeof body.error.message !== 'string') throw new Error(`not the error envelope: ${JSON.stringify(body)}`);
  return body.error.code;
}

/** Where a 303 from a no-JS form post goes: path, query and anchor. */
export function redirect(res: Response) {
  if (res.status !== 303) throw new Error(`expected a 303, got ${res.status}`);
  const url = new URL(res.headers.get('location')!, 'https://x.test');
  return { path: url.pathname, query: Object.fromEntries(url.searchParams), hash: url.hash };
}

/** Follows a seller list (GET /api/v1/feedback or /reports) page by page to its end. */
export async function walk(h: Harness, shop: Shop, path: string, query: Record<string, string> = {}) {
  const pages: { orderNumber: string }[][] = [];
  let cursor: string | null = null;
  do {
    const q = new URLSearchParams({ ...query, ...(cursor ? { cursor } : {}) });
    const res = await call(h, 'GET', `${path}?${q}`, { key: shop.key });
    if (res.status !== 200) throw new Error(`${path}?${q}: ${res.status} ${await res.text()}`);
    const page = await res.json();
    pages.push(page.items);
    cursor = page.nextCursor;
    if (pages.length > 50) throw new Error('the cursor never ends');
  } while (cursor);
  return pages.map((p) => p.map((i) => i.orderNumber));
}
