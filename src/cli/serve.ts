// Runs the built server (dist/server/entry.mjs) in one process per CPU core (WEB_CONCURRENCY).
// The processes share the port through node:cluster and everything else through the database,
// exactly as separate instances behind a load balancer would.
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../config';

// Each process runs our HTTP server in front of the built app (see http-server.ts).
const ENTRY = fileURLToPath(new URL('./http-server.ts', import.meta.url));
const CRASH_WINDOW_MS = 60_000;
const MAX_CRASHES_IN_WINDOW = 5;

function main() {
  const config = loadConfig();
  const count = config.webConcurrency ?? availableParallelism();
  // tsx only loads http-server.ts itself; the app it imports is the built JavaScript.
  cluster.setupPrimary({ exec: ENTRY, execArgv: ['--import', 'tsx'] });

  let stopping = false;
  const crashes: number[] = [];
  const fork = () => cluster.fork();
  cluster.on('exit', (worker: Worker, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    crashes.push(now);
    while (crashes.length && crashes[0]! < now - CRASH_WINDOW_MS) crashes.shift();
    console.error(`server process ${worker.process.pid} exited (${signal ?? code}); starting another`);
    if (crashes.length > MAX_CRASHES_IN_WINDOW) {
      console.error(`server processes keep exiting (${crashes.length} in a minute): giving up`);
      process.exit(1);
    }
    fork();
  });
  for (let i = 0; i < count; i++) fork();
  console.log(`Porchlight: ${count} server process${count > 1 ? 'es' : ''} on ${config.publicBaseUrl}`);

  const stop = () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    if (!workers.length) process.exit(0);
    let left = workers.length;
    for (const w of workers) {
      w.once('exit', () => --left === 0 && process.exit(0));
      w.process.kill('SIGTERM');
    }
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

try {
  main();
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
}
