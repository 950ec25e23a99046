import { openDatabase } from '../../db/client';
import { ConfigError, devSecretWarning, loadConfig, type Config } from '../config';
import { outboxWorker } from '../domain/sms/worker';
import { outboundWorker } from '../domain/outbound/worker';
import { outboundSenders } from './outbound';
import { flushPageOpens } from '../domain/dashboard/page-opens';
import { pollAmazon } from '../domain/integrations/amazon-poll';
import { writeBackLinks } from '../domain/integrations/writeback';
import { serviceContext, type Services } from './services';
import { smsTransport } from './sms';

// The running server process: config read, database opened and the service context built once.
// Migrations run before the server starts (src/cli/prepare.ts), never here.

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}

const PAGE_OPENS_FLUSH_MS = 10_000;
const WRITE_BACK_EVERY_MS = 15_000;

/** Builds this process's services and starts its SMS outbox worker (leases in the database keep processes apart). */
export async function startServices(): Promise<Services> {
  const config = readConfig();
  const warning = devSecretWarning(config);
  if (warning) console.warn(warning);
  const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);
  const ctx = serviceContext(config, database);
  const worker = outboxWorker({ ctx, transport: smsTransport(config) });
  worker.start();
  // Outbound webhooks and Klaviyo events: claimed under leases, so every process can send.
  const senders = outboundSenders(ctx, config);
  const outbound = outboundWorker({ ctx, senders: senders.byKind, leaseMs: Math.max(60_000, 2 * config.webhooks.timeoutMs + 10_000) });
  outbound.start();
  // Tracking-page opens are counted in memory and added to the database every few seconds.
  const flush = () => flushPageOpens({ ctx }).catch((e: unknown) => console.error('page opens not saved yet:', e));
  const opens = setInterval(() => void flush(), PAGE_OPENS_FLUSH_MS);
  opens.unref();
  // The Amazon MCF poller: every process tries each round; the lease lets one of them poll.
  const owner = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const poll = () => pollAmazon({ ctx, input: { owner, tokenUrl: config.amazon.lwaTokenUrl } }).catch((e: unknown) => console.error('amazon poll:', e));
  const amazon = config.amazon.pollMinutes > 0 ? setInterval(() => void poll(), config.amazon.pollMinutes * 60_000) : null;
  amazon?.unref();
  // Tracking links written back into Shopify fulfillments: each process claims due ones under a lease.
  const writeBack = () => writeBackLinks({ ctx, input: { owner, adminBaseUrl: config.shopify.adminBaseUrl } }).catch((e: unknown) => console.error('shopify write-back:', e));
  const writeBacks = setInterval(() => void writeBack(), WRITE_BACK_EVERY_MS);
  writeBacks.unref();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      clearInterval(opens);
      clearInterval(writeBacks);
      if (amazon) clearInterval(amazon);
      void Promise.allSettled([worker.stop(), outbound.stop(), flush()]).finally(() => process.exit(0));
    });
  }
  return { ctx, config };
}
