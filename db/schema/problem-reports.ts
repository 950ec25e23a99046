import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { orders, LANGUAGES } from './orders';
import { packages } from './packages';
import { sellers } from './sellers';

export const REPORT_STATUSES = ['open', 'resolved'] as const;
export const CONTACT_KINDS = ['email', 'phone'] as const;
/** what went wrong: marked delivered but not there, or there but damaged */
export const PROBLEMS = ['not_received', 'damaged'] as const;
export type Problem = (typeof PROBLEMS)[number];

// "Marked delivered but not received", or "arrived damaged": one report per order, problem and
// thing (the whole order or one package); a second report on the same thing updates the first.
export const problemReports = sqliteTable(
  'problem_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id').notNull().references(() => orders.id, { onDelete: 'cascade' }),
    sellerId: integer('seller_id').notNull().references(() => sellers.id, { onDelete: 'cascade' }),
    // null: the whole order is missing
    packageId: integer('package_id').references(() => packages.id, { onDelete: 'cascade' }),
    problem: text('problem', { enum: PROBLEMS }).notNull().default('not_received'),
    // 'order' or 'package:<id>' (prefixed 'damaged:' for damage), so the one-report rule holds for
    // whole-order reports too (NULLs never collide)
    target: text('target').notNull(),
    note: text('note'),
    // for the seller only: never rendered on a customer page
    contact: text('contact'),
    contactKind: text('contact_kind', { enum: CONTACT_KINDS }),
    language: text('language', { enum: LANGUAGES }).notNull(),
    status: text('status', { enum: REPORT_STATUSES }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
    resolutionNote: text('resolution_note'),
  },
  (t) => [
    uniqueIndex('problem_reports_target_uq').on(t.orderId, t.target),
    index('problem_reports_seller_idx').on(t.sellerId, t.createdAt),
  ],
);

export type ProblemReport = typeof problemReports.$inferSelect;
