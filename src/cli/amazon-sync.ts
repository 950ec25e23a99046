// npm run amazon:sync — one round of the Amazon MCF poller now (the servers also run it every
// AMAZON_POLL_MINUTES). It takes the same lease in the database: while a server is polling, this
// says so and does nothing.
import { openDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { ConfigError, loadConfig } from '../config';
import { pollAmazon } from '../domain/integrations/amazon-poll';
import { serviceContext } from '../server/services';

async function main(): Promise<number> {
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);
  try {
    await migrateDatabase(database);
    const ctx = serviceContext(config, database);
    const outcome = await pollAmazon({ ctx, input: { owner: `cli-${process.pid}`, tokenUrl: config.amazon.lwaTokenUrl } });
    if (!outcome) {
      console.log('Another process is polling Amazon right now; nothing done.');
      return 0;
    }
    const { added, known, unmatched, refused } = outcome.applied;
    console.log(`Amazon MCF: ${outcome.sellers} seller(s), ${outcome.orders} order(s) polled; ${added} scan(s) added, ${known} already known, ${unmatched} unmatched, ${refused.length} left out; ${outcome.failed} seller(s) stopped on an error (see the Integrations page).`);
    return outcome.failed ? 1 : 0;
  } finally {
    database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof ConfigError ? e.message : e);
    process.exit(1);
  },
);
