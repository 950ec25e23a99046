import { giveFeedback } from '../../src/domain/feedback/feedback';
import { feedbackInput, reportInput } from '../../src/domain/feedback/inputs';
import { reportNotReceived, resolveReport } from '../../src/domain/feedback/reports';
import { addTrackingEvent } from '../../src/domain/events';
import { createOrderInput, trackingEventInput } from '../../src/domain/inputs';
import { createOrder } from '../../src/domain/orders';
import { createSeller } from '../../src/domain/sellers';
import { forLink, forSeller, type ServiceContext } from '../../src/domain/context';
import { currentTrackingUrl } from '../../src/domain/links';
import { openLinkOrFail } from '../../src/domain/tracking';
import { tokenOf, type Harness } from './harness';
import { rows } from './sms-api';

// Builds a seller's history straight through the domain verbs the routes call, each step at its
// own instant, for the dashboard numbers (src/domain/feedback/stats.ts).

export interface BuiltOrder {
  orderId: number;
  sellerId: number;
  packages: { id: number; number: number; trackingNumber: string }[];
}

export function domainBuilder(h: Harness) {
  /** The harness's context with the clock at `instant`. */
  const at = (instant: string): ServiceContext => ({ ...h.ctx, now: () => new Date(instant) });
  /** The customer's side: the order's link opened at `instant`. */
  const customer = async (o: BuiltOrder, instant: string, opts: { assumeDelivered?: boolean } = {}) => {
    const token = tokenOf((await currentTrackingUrl(forSeller(h.ctx, o.sellerId), o.orderId))!);
    const link = await openLinkOrFail({ ctx: at(instant), input: { token } });
    // These histories are about the seller's numbers; "feedback opens on delivery" has its own tests.
    const view = opts.assumeDelivered ? { ...link.view, status: { ...link.view.status, stage: 'delivered' as const, finishedAt: new Date(instant) } } : link.view;
    return forLink(at(instant), { ...link, view });
  };
  const orderNumbers = new Map<number, string>();
  let ip = 0;
  const nextIp = () => `10.9.${(++ip >> 8) & 255}.${ip & 255}`;

  return {
    seller: async (name: string) => (await createSeller({ ctx: at('2026-10-01T00:00:00Z'), input: { seller: { name } } })).sellerId,

    /** An order to `zip` with one package per carrier listed (none: an order without packages). */
    async order(sellerId: number, orderNumber: string, zip: string, carriers: string[]): Promise<BuiltOrder> {
      const order = createOrderInput.parse({
        orderNumber, destination: { city: 'Somewhere', region: 'MI', postalCode: zip, country: 'US', timeZone: 'America/Detroit' },
        packages: carriers.map((carrier, i) => ({ carrier, trackingNumber: `${orderNumber}-P${i + 1}` })),
      });
      const { orderId } = await createOrder({ ctx: forSeller(at('2026-10-01T00:00:00Z'), sellerId), input: { order, source: 'api' } });
      orderNumbers.set(orderId, orderNumber);
      const pkgs = await rows(h, 'SELECT id, tracking_number FROM packages WHERE order_id = ? ORDER BY id', [orderId]);
      return { orderId, sellerId, packages: pkgs.map((p, i) => ({ id: Number(p.id), number: i + 1, trackingNumber: String(p.tracking_number) })) };
    },

    /** A delivered scan at `at`: for package `number`, or the whole order when null. */
    async delivered(o: BuiltOrder, instant: string, number: number | null = null) {
      const trackingNumber = number === null ? undefined : o.packages[number - 1]!.trackingNumber;
      const event = trackingEventInput.parse({ type: 'delivered', occurredAt: instant, trackingNumber });
      await addTrackingEvent({ ctx: forSeller(at(instant), o.sellerId), input: { orderNumber: orderNumbers.get(o.orderId)!, event, source: 'api' } });
    },

    async feedback(o: BuiltOrder, instant: string, body: { rating: number; arrivedOk?: boolean; comment?: string }) {
      return giveFeedback({ ctx: await customer(o, instant, { assumeDelivered: true }), input: { feedback: feedbackInput.parse(body), lang: 'en', ip: nextIp() } });
    },

    async report(o: BuiltOrder, instant: string, missing: 'order' | number = 'order') {
      const { report } = await reportNotReceived({ ctx: await customer(o, instant), input: { report: reportInput.parse({ missing }), lang: 'en', ip: nextIp() } });
      return report.id;
    },

    resolve: (sellerId: number, reportId: number, instant: string) => resolveReport({ ctx: forSeller(at(instant), sellerId), input: { reportId, note: 'Sorted out' } }),
  };
}
