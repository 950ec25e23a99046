// Runs before the server starts (npm start / npm run serve): migrate, seed the demo into an
// empty database, print the demo links. The server itself never migrates on import.
import { count } from 'drizzle-orm';
import { openDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { sellers } from '../../db/schema';
import { ConfigError, devSecretWarning, loadConfig } from '../config';
import { DEMO_LOGIN, demoLinks, seedDemo } from '../domain/demo/seed';
import { backfillOrderStatuses } from '../domain/order-status';
import { serviceContext } from '../server/services';

async function main() {
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);
  await migrateDatabase(database);
  console.log(`Database ready: ${config.databaseUrl}`);
  const warning = devSecretWarning(config);
  if (warning) console.warn(warning);
  const ctx = serviceContext(config, database);
  // orders stored before their status was kept on the row get it now
  const refreshed = await backfillOrderStatuses({ ctx });
  if (refreshed) console.log(`Order status filled in for ${refreshed} orders.`);
  if (process.argv.includes('--no-seed')) return database.close();

  const [{ n }] = (await database.db.select({ n: count() }).from(sellers)) as [{ n: number }];
  if (n === 0 && config.seedDemo) {
    const demo = await seedDemo({ ctx });
    console.log(`\nSeeded the demo seller. Its API key (shown only now): ${demo.apiKey}`);
  }
  const links = config.seedDemo ? await demoLinks({ ctx }) : [];
  if (links.length) {
    console.log('\nDemo tracking links:');
    for (const l of links) console.log(`  ${l.orderNumber}  ${l.key.replaceAll('_', ' ').padEnd(22)} ${l.url}`);
    console.log(`\nDemo login: ${config.publicBaseUrl}/login  ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}`);
    console.log('');
  }
  database.close();
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
