import { giveFeedback } from '../../src/domain/feedback/feedback';
import { feedbackInput, reportInput } from '../../src/domain/feedback/inputs';
import { reportNotReceived, resolveReport } from '../../src/domain/feedback/reports';
import { addTrackingEvent } from '../../src/domain/events';
import { createOrderInput, trackingEventInput } from '../../src/domain/inputs';
import { createOrder } from '../../src/domain/orders';
import { createSeller } from '../../src/domain/sellers';
import type { Harness } from './harness';
import { rows } from './sms-api';

// Builds a seller's history straight through the domain verbs the routes call, each step at its
// own instant, for the dashboard numbers (src/domain/feedback/stats.ts).

export interface BuiltOrder {
  orderId: number;
  sellerId: number;
  packages: { id: number; number: number; trackingNumber: string }[];
}

export function domainBuilder(h: Harness) {
  const db = h.database.db;
  const ctx = { db, appSecret: h.config.appSecret, baseUrl: h.config.publicBaseUrl };
  let ip = 0;
  const nextIp = () => `10.9.${(++ip >> 8) & 255}.${ip & 255}`;

  return {
    seller: async (name: string) => (await createSeller(db, { name }, new Date('2026-10-01T00:00:00Z'))).sellerId,

    /** An order to `zip` with one package per carrier listed (none: an order without packages). */
    async order(sellerId: number, orderNumber: string, zip: string, carriers: string[]): Promise<BuiltOrder> {
      const order = createOrderInput.parse({
        orderNumber, destination: { city: 'Somewhere', region: 'MI', postalCode: zip, country: 'US', timeZone: 'America/Detroit' },
        packages: carriers.map((carrier, i) => ({ carrier, trackingNumber: `${orderNumber}-P${i + 1}` })),
      });
      const { orderId } = await createOrder(ctx, { sellerId, order, source: 'api', now: new Date('2026-10-01T00:00:00Z') });
      const pkgs = await rows(h, 'SELECT id, tracking_number FROM packages WHERE order_id = ? ORDER BY id', [orderId]);
      return { orderId, sellerId, packages: pkgs.map((p, i) => ({ id: Number(p.id), number: i + 1, trackingNumber: String(p.tracking_number) })) };
    },

    /** A delivered scan at `at`: for package `number`, or the whole order when null. */
    async delivered(o: BuiltOrder, at: string, number: number | null = null) {
      const trackingNumber = number === null ? undefined : o.packages[number - 1]!.trackingNumber;
      const event = trackingEventInput.parse({ type: 'delivered', occurredAt: at, trackingNumber });
      await addTrackingEvent(ctx, { orderId: o.orderId, event, source: 'api', now: new Date(at) });
    },

    async feedback(o: BuiltOrder, at: string, body: { rating: number; arrivedOk?: boolean; comment?: string }) {
      return giveFeedback(db, {
        orderId: o.orderId, sellerId: o.sellerId, delivered: true, feedback: feedbackInput.parse(body), lang: 'en', ip: nextIp(), now: new Date(at),
      });
    },

    async report(o: BuiltOrder, at: string, missing: 'order' | number = 'order') {
      const { report } = await reportNotReceived(db, {
        orderId: o.orderId, sellerId: o.sellerId, country: 'US', delivered: o.packages, packageCount: o.packages.length, orderDelivered: true,
        report: reportInput.parse({ missing }), lang: 'en', ip: nextIp(), now: new Date(at),
      });
      return report.id;
    },

    resolve: (sellerId: number, reportId: number, at: string) => resolveReport(db, { sellerId, reportId, note: 'Sorted out', now: new Date(at) }),
  };
}
