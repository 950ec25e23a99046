import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { orders } from './orders';
import { packages } from './packages';

export const MAIN_STAGES = ['order_placed', 'ready_to_ship', 'shipped', 'in_transit', 'out_for_delivery', 'delivered'] as const;
export const EXCEPTION_TYPES = ['delivery_attempted', 'delayed', 'available_for_pickup', 'returning', 'returned', 'lost', 'cancelled'] as const;
export const EVENT_TYPES = [...MAIN_STAGES, ...EXCEPTION_TYPES] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_SOURCES = ['api', 'amazon', 'demo', 'dashboard', 'import', 'shopify', 'woocommerce', 'easypost', 'shippo'] as const;

// SP-API AdditionalLocationInfo values: where a delivered package was left.
export const DELIVERED_TO = [
  'AS_INSTRUCTED', 'CARPORT', 'CUSTOMER_PICKUP', 'DECK', 'DOOR_PERSON', 'FRONT_DESK', 'FRONT_DOOR', 'GARAGE',
  'GUARD', 'MAIL_ROOM', 'MAIL_SLOT', 'MAILBOX', 'MC_BOY', 'MC_GIRL', 'MC_MAN', 'MC_WOMAN', 'NEIGHBOR',
  'OFFICE', 'OUTBUILDING', 'PATIO', 'PORCH', 'REAR_DOOR', 'RECEPTIONIST', 'RECEIVER', 'SECURE_LOCATION',
  'SIDE_DOOR',
] as const;
export type DeliveredTo = (typeof DELIVERED_TO)[number];

export const trackingEvents = sqliteTable(
  'tracking_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id').notNull().references(() => orders.id, { onDelete: 'cascade' }),
    // null: the event concerns the whole order (placed, ready to ship) or every package
    packageId: integer('package_id').references(() => packages.id, { onDelete: 'cascade' }),
    source: text('source', { enum: EVENT_SOURCES }).notNull(),
    // the sender's own event id, for dedupe; null when the sender gave none
    externalId: text('external_id'),
    payloadHash: text('payload_hash').notNull(),
    type: text('type', { enum: EVENT_TYPES }).notNull(),
    occurredAt: integer('occurred_at', { mode: 'timestamp_ms' }).notNull(),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
    city: text('city'),
    region: text('region'),
    country: text('country'),
    stopsAway: integer('stops_away'),
    windowStart: integer('window_start', { mode: 'timestamp_ms' }),
    windowEnd: integer('window_end', { mode: 'timestamp_ms' }),
    deliveredTo: text('delivered_to', { enum: DELIVERED_TO }),
    signatureRequired: integer('signature_required', { mode: 'boolean' }),
    note: text('note'),
    // the carrier's expected delivery date as of this event, destination-local 'YYYY-MM-DD'
    // (SP-API estimatedArrivalDate); a delay's new date
    estimatedDate: text('estimated_date'),
    // available_for_pickup: where, when it is open, and the last day to collect ('YYYY-MM-DD')
    pickupLocation: text('pickup_location'),
    pickupHours: text('pickup_hours'),
    pickupBy: text('pickup_by'),
  },
  (t) => [
    index('tracking_events_order_idx').on(t.orderId, t.occurredAt),
    uniqueIndex('tracking_events_external_uq').on(t.orderId, t.source, t.externalId),
  ],
);

export type TrackingEvent = typeof trackingEvents.$inferSelect;
