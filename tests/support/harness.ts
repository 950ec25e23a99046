import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { loadConfig, type Config } from '../../src/config';
import type { ServiceContext } from '../../src/domain/context';
import { createSeller } from '../../src/domain/sellers';
import { createApp } from '../../src/server/app';
import { serviceContext } from '../../src/server/services';
import { startHranaServer } from './hrana-server';

export interface Harness {
  app: ReturnType<typeof createApp>;
  database: Database;
  config: Config;
  /** the app's service context, on the harness clock */
  ctx: ServiceContext;
  clock: { now: Date };
  close(): Promise<void>;
}

/**
 * PORCHLIGHT_TEST_DB=libsql-server runs the same tests through @libsql/client over HTTP, against the
 * Hrana test server (tests/support/hrana-server.ts) on the temp file: the way production runs
 * against sqld or Turso (`npm run test:remote`).
 */
export const REMOTE_DB = process.env.PORCHLIGHT_TEST_DB === 'libsql-server';

/** A libSQL database on a temp file: its URL (the file, or the Hrana test server on it) and how to stop. */
export async function testDatabaseUrl(file: string): Promise<{ url: string; stop(): Promise<void> }> {
  if (!REMOTE_DB) return { url: `file:${file}`, stop: async () => {} };
  const server = await startHranaServer({ file });
  return { url: server.url, stop: () => server.stop() };
}

/** A real libSQL file in a fresh temp folder, migrated, behind the real Hono app, with a settable clock. */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-test-'));
  const db = await testDatabaseUrl(join(dir, 'test.db'));
  const config = loadConfig({
    DATABASE_URL: db.url,
    APP_SECRET: 'test-secret-test-secret-test-secret-1234',
    PUBLIC_BASE_URL: 'https://track.example.test',
    ...env,
  });
  const database = await openDatabase(config.databaseUrl);
  await migrateDatabase(database);
  const clock = { now: new Date('2026-11-27T15:00:00Z') };
  const ctx = serviceContext(config, database, () => clock.now);
  const app = createApp({ ctx, config });
  return {
    app,
    database,
    config,
    ctx,
    clock,
    async close() {
      database.close();
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function newSeller(h: Harness, name = 'Acme Goods') {
  return createSeller({ ctx: h.ctx, input: { seller: { name, supportEmail: 'help@acme.example' } } });
}

/** JSON request helper: app.request with a Bearer key. */
export function call(h: Harness, method: string, path: string, opts: { key?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  }
  return h.app.request(path, { method, headers, body });
}

export const sampleOrder = (orderNumber = 'SO-1001') => ({
  orderNumber,
  customer: { firstName: 'Dana', lastName: 'Privatename' },
  destination: { address1: '123 Secret Street', city: 'Troy', region: 'MI', postalCode: '48084', country: 'US', timeZone: 'America/Detroit' },
  items: [{ name: 'Ceramic mug', quantity: 2 }],
  promisedDate: '2026-11-27',
  placedAt: '2026-11-25T12:00:00Z',
  packages: [{ carrier: 'AMZL', trackingNumber: 'TBA312345678000' }],
});

export const tokenOf = (trackingUrl: string) => trackingUrl.split('/t/')[1]!;
