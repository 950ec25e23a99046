import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Client } from '@libsql/client';
import { openDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { EventBudget, generateOrder, type GeneratedOrder } from './generate';
import { Random } from './random';
import { InsertBuffer } from './sql';

export interface SeedOptions {
  orders: number;
  events: number;
  appSecret: string;
  now: Date;
  /** PRNG seed: the same seed gives the same data (salts, hence tokens, stay random) */
  seed?: number;
}

export interface SeedResult {
  tokens: string[];
  counts: { orders: number; packages: number; items: number; events: number; links: number };
  seconds: number;
  /** size of the database file once loaded */
  fileBytes: number;
}

const ORDERS_PER_TRANSACTION = 10_000;
const ROWS_PER_STATEMENT = 2_000;
const SELLER_ID = 1;

const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#7a3e9d"/><path d="M9 22V10h8a4 4 0 0 1 0 8H9" fill="none" stroke="#fff" stroke-width="3"/></svg>';

/** Migrates a fresh database file with the app's own migrator, then bulk-loads the synthetic data set. */
export async function seedDatabase(path: string, opts: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const database = await openDatabase(`file:${path}`);
  try {
    await migrateDatabase(database);
    const { client } = database;
    // A throw-away database: no fsync per commit while loading.
    await client.execute('PRAGMA synchronous = OFF');
    await client.execute('PRAGMA cache_size = -262144');
    await insertSeller(client, opts.now.getTime());

    const r = new Random(opts.seed ?? 20_261_127);
    const budget = new EventBudget(opts.events, opts.orders);
    const now = opts.now.getTime();
    const tokens: string[] = new Array<string>(opts.orders);
    const tables = newBuffers();
    let itemId = 0;
    let eventId = 0;

    for (let first = 1; first <= opts.orders; first += ORDERS_PER_TRANSACTION) {
      const last = Math.min(opts.orders, first + ORDERS_PER_TRANSACTION - 1);
      for (let id = first; id <= last; id++) {
        const g = generateOrder(id, { r, now, appSecret: opts.appSecret, sellerId: SELLER_ID, budget });
        tokens[id - 1] = g.token;
        itemId = addOrderRows(tables, g, itemId, eventId);
        eventId += g.events.length;
      }
      // One transaction per chunk; parents before children for the foreign keys.
      await client.batch([...tables.orders.drain(), ...tables.packages.drain(), ...tables.items.drain(), ...tables.links.drain(), ...tables.events.drain()], 'write');
    }
    const counts = {
      orders: tables.orders.rowCount, packages: tables.packages.rowCount, items: tables.items.rowCount,
      events: tables.events.rowCount, links: tables.links.rowCount,
    };
    // Leave the data in the main file and an empty WAL for the server.
    await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    database.close();
    return { tokens, counts, seconds: (performance.now() - started) / 1000, fileBytes: statSync(path).size };
  } catch (e) {
    database.close();
    throw e;
  }
}

async function insertSeller(client: Client, now: number): Promise<void> {
  const logoVersion = createHash('sha256').update(LOGO).digest('hex').slice(0, 12);
  await client.execute({
    sql: `INSERT INTO sellers (id, slug, name, accent_color, logo, logo_type, logo_version, support_email, support_phone, support_url, created_at)
          VALUES (?, 'bench-goods', 'Bench Goods Co.', '#7a3e9d', ?, 'image/svg+xml', ?, 'help@bench-goods.example', '+1 (555) 010-4477', 'https://bench-goods.example/help', ?)`,
    args: [SELLER_ID, Buffer.from(LOGO), logoVersion, now],
  });
}

function newBuffers() {
  const n = ROWS_PER_STATEMENT;
  return {
    orders: new InsertBuffer('orders', ['id', 'seller_id', 'order_number', 'customer_first_name', 'language', 'dest_city', 'dest_region', 'dest_postal_code', 'dest_country', 'time_zone', 'time_zone_basis', 'time_zone_assumed', 'promised_date', 'created_at'], n),
    packages: new InsertBuffer('packages', ['id', 'order_id', 'carrier', 'tracking_number', 'created_at'], n),
    items: new InsertBuffer('items', ['id', 'order_id', 'package_id', 'name', 'quantity', 'sku'], n),
    links: new InsertBuffer('tracking_links', ['id', 'order_id', 'version', 'salt', 'token_hash', 'created_at', 'revoked_at'], n),
    events: new InsertBuffer('tracking_events', ['id', 'order_id', 'package_id', 'source', 'external_id', 'payload_hash', 'type', 'occurred_at', 'received_at', 'city', 'region', 'country', 'stops_away', 'window_start', 'window_end', 'delivered_to', 'signature_required', 'note'], n),
  };
}

/** Adds one generated order's rows; returns the last item id used. */
function addOrderRows(t: ReturnType<typeof newBuffers>, g: GeneratedOrder, itemId: number, eventId: number): number {
  const o = g.order;
  t.orders.add([o.id, SELLER_ID, o.orderNumber, o.firstName, o.language, o.dest.city, o.dest.region, o.dest.postalCode, 'US', o.dest.zone.zone, o.dest.zone.basis, o.dest.zone.assumed, o.promisedDate, o.createdAt]);
  t.packages.add([g.pkg.id, o.id, g.pkg.carrier, g.pkg.trackingNumber, g.pkg.createdAt]);
  for (const item of g.items) t.items.add([++itemId, o.id, g.pkg.id, item.name, item.quantity, item.sku]);
  t.links.add([o.id, o.id, 1, g.link.salt, g.link.tokenHash, g.link.createdAt, null]);
  for (const e of g.events) {
    t.events.add([
      ++eventId, o.id, e.packageId, 'api', e.externalId, e.payloadHash, e.type, e.occurredAt, e.receivedAt,
      e.place?.city ?? null, e.place?.region ?? null, e.place?.country ?? null, e.stopsAway,
      e.window?.start ?? null, e.window?.end ?? null, e.deliveredTo, e.signatureRequired, e.note,
    ]);
  }
  return itemId;
}
