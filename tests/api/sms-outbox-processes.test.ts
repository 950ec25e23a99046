import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { openDatabase, type Database } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { killProcess, outboxStates, seedDueTexts, startWorkerProcess, type WorkerProcess } from '../support/outbox-processes';
import { waitFor } from '../support/ports';
import { testDatabaseUrl } from '../support/harness';
import { startTwilioSink, twilioEnv, type TwilioSink } from '../support/twilio-sink';

// Two server processes on one database (a file, or a libSQL server under `npm run test:remote`)
// send 2,000 due texts through the real worker and the real twilio transport to our sink; one is
// killed -9 mid-send. Every text must go exactly once.

const TEXTS = 2_000;
const SUBSCRIPTIONS = 1_000; // two texts each: the second must wait for the first
const KILL_AFTER_SENDS = 500;
const DRAIN_TIMEOUT_MS = 50_000;

let sink: TwilioSink;
beforeAll(async () => void (sink = await startTwilioSink({ latencyMs: [5, 20] })));
afterAll(() => sink?.stop());

let dir: string;
let database: Database;
let dbServer: { url: string; stop(): Promise<void> };
let processes: WorkerProcess[];
let ids: number[];
beforeEach(async () => {
  sink.clear();
  processes = [];
  dir = mkdtempSync(join(tmpdir(), 'porchlight-outbox-'));
  // the file itself, or (npm run test:remote) the Hrana test server on it, as sqld would be
  dbServer = await testDatabaseUrl(join(dir, 'outbox.db'));
  database = await openDatabase(dbServer.url);
  await migrateDatabase(database);
  const started = Date.now();
  ids = await seedDueTexts(database, { subscriptions: SUBSCRIPTIONS, perSubscription: TEXTS / SUBSCRIPTIONS, now: new Date(Date.now() - 1_000) });
  console.log(`seeded ${ids.length} due texts in ${Date.now() - started} ms`);
  onTestFailed(() => processes.forEach((p) => console.log(`--- worker process ${p.pid} output:\n${p.output()}`)));
});
afterEach(async () => {
  await Promise.all(processes.map(killProcess));
  database.close();
  await dbServer.stop();
  rmSync(dir, { recursive: true, force: true });
});

function spawnWorker(): WorkerProcess {
  const p = startWorkerProcess({
    ...twilioEnv(sink.baseUrl),
    DATABASE_URL: dbServer.url,
    PUBLIC_BASE_URL: 'https://track.example.test',
    SMS_DAILY_BUDGET: '100000',
    OUTBOX_LEASE_MS: '2000',
    OUTBOX_GRACE_MS: '5000',
    OUTBOX_IDLE_MS: '50',
  });
  processes.push(p);
  return p;
}

async function drained(): Promise<number> {
  const started = Date.now();
  await waitFor(`all ${TEXTS} texts submitted`, async () => (await outboxStates(database)).submitted === TEXTS, DRAIN_TIMEOUT_MS, 200)
    .catch(async (e) => {
      throw new Error(`${(e as Error).message}; outbox: ${JSON.stringify(await outboxStates(database))}, sends: ${sink.sends.length}`);
    });
  return Date.now() - started;
}

/** Exactly one send per message, and each row records the sid of that very send. */
async function expectEachTextSentOnce() {
  const perMessage = sink.sendsPerMessage();
  const duplicates = [...perMessage].filter(([, n]) => n > 1);
  expect(duplicates).toEqual([]);
  expect([...perMessage.keys()].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  expect(sink.sends).toHaveLength(TEXTS);
  const rows = await database.client.execute('SELECT id, provider_sid FROM sms_messages');
  const sidOf = new Map(sink.sends.map((s) => [s.messageId, s.sid]));
  expect(rows.rows.filter((r) => sidOf.get(Number(r.id)) !== r.provider_sid)).toEqual([]);
}

const ownersOf = async (messageIds: number[]) => {
  if (!messageIds.length) return new Set<string>();
  const res = await database.client.execute(`SELECT DISTINCT lease_owner FROM sms_messages WHERE id IN (${messageIds.join(',')})`);
  return new Set(res.rows.map((r) => String(r.lease_owner).split('-')[0]!));
};

describe('two server processes, one database', () => {
  it('send 2,000 due texts exactly once between them', async () => {
    const started = Date.now();
    spawnWorker();
    spawnWorker();
    const ms = await drained();

    await expectEachTextSentOnce();
    const split = await database.client.execute('SELECT lease_owner, count(*) AS n FROM sms_messages GROUP BY lease_owner');
    const first = sink.sends[0]!.dateCreated.getTime() - started;
    const sending = sink.sends.at(-1)!.dateCreated.getTime() - sink.sends[0]!.dateCreated.getTime();
    console.log(`2 processes: first send ${first} ms after spawn, then ${TEXTS} texts in ${sending} ms (${Math.round(TEXTS / (sending / 1000))}/s); split ${split.rows.map((r) => r.n).join(' / ')}; ${ms} ms in all`);
    expect(split.rows).toHaveLength(2); // both processes did share the work
  }, 75_000);

  it('still send each text exactly once when one is killed -9 mid-send and replaced', async () => {
    const started = Date.now();
    const [a, b] = [spawnWorker(), spawnWorker()];
    // From the 500th send on, Twilio takes texts but holds its answers: both processes end up
    // waiting on sends whose outcome they do not know yet — then one of them dies.
    let holding = true;
    sink.failWhen((r) => (r.route === 'create' && holding && sink.sends.length >= KILL_AFTER_SENDS ? { kind: 'hang' } : undefined));
    await waitFor('both processes to wait on a held send', async () => {
      const owners = await ownersOf(sink.hungMessageIds());
      return owners.has(String(a.pid)) && owners.has(String(b.pid));
    }, DRAIN_TIMEOUT_MS, 50);

    await killProcess(a);
    const orphaned = await database.client.execute({ sql: "SELECT count(*) AS n FROM sms_messages WHERE state = 'leased' AND lease_owner LIKE ?", args: [`${a.pid}-%`] });
    const orphanedCount = Number(orphaned.rows[0]!.n);
    const sentAtKill = sink.sends.length;
    holding = false;
    sink.releaseHung();
    spawnWorker();
    const ms = await drained();

    console.log(`kill -9 after ${sentAtKill} sends with ${orphanedCount} texts leased by the dead process; all ${TEXTS} submitted ${ms} ms later, ${Date.now() - started} ms in all`);
    expect(orphanedCount).toBeGreaterThan(0);
    await expectEachTextSentOnce();
  }, 75_000);
});
