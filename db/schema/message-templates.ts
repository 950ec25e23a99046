import { sqliteTable, integer, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { LANGUAGES } from './orders';
import { sellers } from './sellers';

// The ready-made messages a seller sends its customers at each touchpoint, as the seller edited
// them; a touchpoint and language without a row uses Porchlight's default wording.
export const TOUCHPOINTS = ['order_placed', 'ready_to_ship', 'shipped', 'out_for_delivery', 'delivered', 'feedback_request'] as const;
export type Touchpoint = (typeof TOUCHPOINTS)[number];

export const messageTemplates = sqliteTable(
  'message_templates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sellerId: integer('seller_id').notNull().references(() => sellers.id, { onDelete: 'cascade' }),
    touchpoint: text('touchpoint', { enum: TOUCHPOINTS }).notNull(),
    language: text('language', { enum: LANGUAGES }).notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('message_templates_uq').on(t.sellerId, t.touchpoint, t.language)],
);

export type MessageTemplate = typeof messageTemplates.$inferSelect;
