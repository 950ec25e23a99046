// One API server process standing for one machine: the real Hono app (seller and customer API)
// and the real SMS outbox worker with the twilio transport, on DATABASE_URL, listening on PORT.
// Run: node --import tsx tests/support/api-process.ts   (env: see tests/api/two-servers.test.ts)
import http from 'node:http';
import { openDatabase } from '../../db/client';
import { loadConfig } from '../../src/config';
import { outboxWorker } from '../../src/domain/sms/worker';
import { createApp } from '../../src/server/app';
import { serviceContext } from '../../src/server/services';
import { twilioTransport } from '../../src/server/sms/twilio-transport';

const config = loadConfig(process.env);
const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);
const ctx = serviceContext(config, database);
const app = createApp({ ctx, config });
const worker = outboxWorker({ ctx, transport: twilioTransport(config.sms), leaseMs: 2_000, reconcileGraceMs: 5_000, idleMs: 50 });
worker.start();

// Node's request to the app's fetch handler and back (the app never reads the socket itself).
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks);
    const answer = await app.fetch(new Request(`http://127.0.0.1:${config.port}${req.url}`, { method: req.method, headers, body }));
    res.writeHead(answer.status, [...answer.headers].flat());
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
});
server.listen(config.port, '127.0.0.1', () => console.log(`api process ${process.pid} on ${config.port}`));

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void worker.stop().finally(() => (server.close(), database.close(), process.exit(0))));
}
