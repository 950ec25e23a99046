import { expect, type APIRequestContext } from '@playwright/test';
import { demo } from './demo';

// Orders of its own for a browser test, made through the seller API with the demo seller's key
// (the seeded demo orders are shared by every spec and must stay as they are).

export const auth = () => ({ authorization: `Bearer ${demo().apiKey}` });
export const suffix = () => Math.random().toString(36).slice(2, 8).toUpperCase();
export const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
export const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

export interface MadeOrder { orderNumber: string; trackingNumbers: string[]; path: string }

/** An order to Pensacola, FL (America/Chicago) with `packages` Amazon packages; returns its page path. */
export async function makeOrder(request: APIRequestContext, opts: { orderNumber?: string; packages?: number; body?: object } = {}): Promise<MadeOrder> {
  const orderNumber = opts.orderNumber ?? `ST-${suffix()}`;
  const trackingNumbers = Array.from({ length: opts.packages ?? 1 }, () => `TBA3${digits(11)}`);
  const res = await request.post('/api/v1/orders', {
    headers: auth(),
    data: {
      orderNumber, customer: { firstName: 'Priya' },
      destination: { city: 'Pensacola', region: 'FL', postalCode: '32501', country: 'US' },
      packages: trackingNumbers.map((trackingNumber) => ({ carrier: 'AMZL', trackingNumber })),
      // placed two days ago, so the scans a test pushes (hours ago) are newer than the placing
      placedAt: hoursAgo(48),
      ...opts.body,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return { orderNumber, trackingNumbers, path: new URL((await res.json()).trackingUrl).pathname };
}

/** A tracking event for one of the order's packages (the first unless told). */
export async function pushEvent(request: APIRequestContext, order: MadeOrder, event: Record<string, unknown>, pkg = 0) {
  const res = await request.post(`/api/v1/orders/${order.orderNumber}/events`, {
    headers: auth(), data: { trackingNumber: order.trackingNumbers[pkg], ...event },
  });
  expect(res.status(), await res.text()).toBe(201);
}
