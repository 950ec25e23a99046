import { sqliteTable, integer, text, primaryKey } from 'drizzle-orm/sqlite-core';
import { sellers } from './sellers';

// A number that replied YES to a seller once need not confirm again for that seller's next order.
export const smsConfirmedPhones = sqliteTable(
  'sms_confirmed_phones',
  {
    sellerId: integer('seller_id').notNull().references(() => sellers.id, { onDelete: 'cascade' }),
    phone: text('phone').notNull(),
    confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.phone] })],
);

// STOP opts a number out of every text from our sender (the number it texted), for all sellers.
export const smsOptOuts = sqliteTable('sms_opt_outs', {
  phone: text('phone').primaryKey(),
  at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  source: text('source', { enum: ['stop_keyword', 'carrier'] }).notNull(),
});
