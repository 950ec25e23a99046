// Runs before the server starts (npm start / npm run serve): migrate, seed the demo into an
// empty database, print the demo links. The server itself never migrates on import.
import { count } from 'drizzle-orm';
import { openDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { sellers } from '../../db/schema';
import { demoLinks, seedDemo } from '../../db/seed';
import { ConfigError, loadConfig } from '../config';

async function main() {
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);
  await migrateDatabase(database);
  console.log(`Database ready: ${config.databaseUrl}`);
  if (config.appSecretIsDefault) {
    console.warn('APP_SECRET is not set: using a development secret. Set APP_SECRET before sharing real tracking links.');
  }
  if (process.argv.includes('--no-seed')) return database.close();

  const ctx = { db: database.db, appSecret: config.appSecret, baseUrl: config.publicBaseUrl };
  const [{ n }] = (await database.db.select({ n: count() }).from(sellers)) as [{ n: number }];
  if (n === 0 && config.seedDemo) {
    const demo = await seedDemo(ctx, new Date());
    console.log(`\nSeeded the demo seller. Its API key (shown only now): ${demo.apiKey}`);
  }
  const links = await demoLinks(ctx);
  if (links.length) {
    console.log('\nDemo tracking links:');
    for (const l of links) console.log(`  ${l.orderNumber}  ${l.key.replaceAll('_', ' ').padEnd(22)} ${l.url}`);
    console.log('');
  }
  database.close();
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
