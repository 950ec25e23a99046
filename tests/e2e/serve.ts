// Playwright's web server: a fresh temp database, migrated and seeded with the demo, then the
// built server (src/cli/http-server.ts in front of dist/server/entry.mjs) on it. The demo's links go to tests/.output/demo.json.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { loadConfig } from '../../src/config';
import { forSeller } from '../../src/domain/context';
import { seedDemo } from '../../src/domain/demo/seed';
import { addTrackingEvent } from '../../src/domain/events';
import { currentTrackingUrl } from '../../src/domain/links';
import { createOrderInput, trackingEventInput } from '../../src/domain/inputs';
import { createOrder } from '../../src/domain/orders';
import { createSeller } from '../../src/domain/sellers';
import { serviceContext } from '../../src/server/services';
import { E2E } from './env';

const dir = mkdtempSync(join(tmpdir(), 'porchlight-e2e-'));
const env = { ...process.env, ...E2E.env, DATABASE_URL: `file:${join(dir, 'e2e.db')}`, SEED_DEMO: 'true' };

const database = await openDatabase(env.DATABASE_URL);
await migrateDatabase(database);
const seededAt = new Date();
const ctx = serviceContext(loadConfig(env), database, () => seededAt);
const demo = await seedDemo({ ctx });
// A seller with a very light accent (1.15:1 on white), to check what is drawn in it stays visible.
const pale = await createSeller({ ctx, input: { seller: { name: 'Pale Sky Co', accentColor: '#e0f2fe', supportEmail: 'hi@pale.example' } } });
const paleCtx = forSeller(ctx, pale.sellerId);
const paleOrder = await createOrder({
  ctx: paleCtx,
  input: { source: 'api', order: createOrderInput.parse({ orderNumber: 'PS-1', destination: { city: 'Troy', region: 'MI', postalCode: '48084', country: 'US' }, packages: [{ carrier: 'AMZL', trackingNumber: 'TBA388888888888' }] }) },
});
const deliveredAt = new Date(seededAt.getTime() - 3_600_000).toISOString();
await addTrackingEvent({ ctx: paleCtx, input: { orderNumber: 'PS-1', source: 'api', event: trackingEventInput.parse({ type: 'delivered', occurredAt: deliveredAt, trackingNumber: 'TBA388888888888', deliveredTo: 'PORCH' }) } });
const paleUrl = await currentTrackingUrl(paleCtx, paleOrder.orderId);
database.close();
mkdirSync(E2E.outputDir, { recursive: true });
writeFileSync(E2E.demoFile, JSON.stringify({ ...demo, seededAt: seededAt.toISOString(), paleAccentUrl: paleUrl }, null, 2));

const server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/http-server.ts'], { env, stdio: 'inherit' });
const stop = () => {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
};
process.on('SIGTERM', () => (stop(), process.exit(0)));
process.on('SIGINT', () => (stop(), process.exit(0)));
server.on('exit', (code) => {
  rmSync(dir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
