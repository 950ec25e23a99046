// Playwright's web server: a fresh temp database, migrated and seeded with the demo, then the
// built server (src/cli/http-server.ts in front of dist/server/entry.mjs) on it. The demo's links go to tests/.output/demo.json.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { loadConfig } from '../../src/config';
import { seedDemo } from '../../src/domain/demo/seed';
import { serviceContext } from '../../src/server/services';
import { E2E } from './env';

const dir = mkdtempSync(join(tmpdir(), 'porchlight-e2e-'));
const env = { ...process.env, ...E2E.env, DATABASE_URL: `file:${join(dir, 'e2e.db')}`, SEED_DEMO: 'true' };

const database = await openDatabase(env.DATABASE_URL);
await migrateDatabase(database);
const seededAt = new Date();
const demo = await seedDemo({ ctx: serviceContext(loadConfig(env), database, () => seededAt) });
database.close();
mkdirSync(E2E.outputDir, { recursive: true });
writeFileSync(E2E.demoFile, JSON.stringify({ ...demo, seededAt: seededAt.toISOString() }, null, 2));

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
