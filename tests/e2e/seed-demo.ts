// A fresh database with the demo, for specs that start servers of their own (page-cache.spec.ts):
// `node --import tsx tests/e2e/seed-demo.ts <file.db>` prints the demo's API key and links as JSON.
import { openDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { loadConfig } from '../../src/config';
import { seedDemo } from '../../src/domain/demo/seed';
import { serviceContext } from '../../src/server/services';

const file = process.argv[2];
if (!file) throw new Error('usage: seed-demo.ts <file.db>');
const env = { ...process.env, DATABASE_URL: `file:${file}` };
const database = await openDatabase(env.DATABASE_URL);
await migrateDatabase(database);
const ctx = serviceContext(loadConfig(env), database);
const demo = await seedDemo({ ctx });
database.close();
process.stdout.write(JSON.stringify({ apiKey: demo.apiKey, links: demo.links }));
