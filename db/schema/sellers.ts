import { sqliteTable, integer, text, blob } from 'drizzle-orm/sqlite-core';

export const sellers = sqliteTable('sellers', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  accentColor: text('accent_color').notNull().default('#1f6feb'),
  // Logos are served from our own origin: the customer page makes no third-party request.
  logo: blob('logo', { mode: 'buffer' }),
  logoType: text('logo_type'),
  logoVersion: text('logo_version'),
  supportEmail: text('support_email'),
  supportPhone: text('support_phone'),
  supportUrl: text('support_url'),
  // Shown, the same way, to every customer who leaves feedback: never only to happy ones.
  publicFeedbackUrl: text('public_feedback_url'),
  // Texts due in the recipient's local quiet hours wait until they end (minutes after midnight).
  quietStartMinute: integer('quiet_start_minute').notNull().default(20 * 60),
  quietEndMinute: integer('quiet_end_minute').notNull().default(8 * 60),
  // Settings from the dashboard: the zone for orders whose destination says nothing better, the
  // countries whose numbers may sign up for texts (ISO codes, comma-separated; null: the server's
  // SMS_ALLOWED_COUNTRIES), and how many days after delivery links keep working (null: LINK_TTL_DAYS).
  defaultTimeZone: text('default_time_zone'),
  smsCountries: text('sms_countries'),
  linkTtlDays: integer('link_ttl_days'),
  // Set only by the demo seed: the home page lists this seller's orders while SEED_DEMO is on.
  isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
  // Raised by a trigger (migration 0009) when anything its customers' pages show changes: name,
  // brand, logo, contacts, link lifetime. Part of every cached page's version.
  pageVersion: integer('page_version').notNull().default(0),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

export type Seller = typeof sellers.$inferSelect;
