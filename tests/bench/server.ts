import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { onCleanup } from './cleanup';
import { HTTP_SERVER, ROOT, SERVE } from './build';

export interface ServerOptions {
  dbPath: string;
  appSecret: string;
  /** a path that must answer 200 before the server counts as ready */
  probePath: string;
  /** extra node flags, e.g. --cpu-prof: the server then runs as one plain process (no cluster) */
  nodeArgs?: string[];
  /** further settings (e.g. SMS_TRANSPORT) */
  env?: Record<string, string>;
  /** a libSQL server's URL instead of the file (the file is then the server's) */
  databaseUrl?: string;
}

export interface RunningServer {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

// Only the variables the bench controls reach the server, so a developer's .env-style shell
// (PUBLIC_BASE_URL, DATABASE_AUTH_TOKEN, SMS_*) cannot change what is measured.
const CONFIG_KEYS = /^(PORT|HOST|PUBLIC_BASE_URL|DATABASE_URL|DATABASE_AUTH_TOKEN|APP_SECRET|SEED_DEMO|LINK_TTL_DAYS|WEB_CONCURRENCY|TRUST_PROXY_HOPS|PAGE_CACHE_MB|SMS_.*|TWILIO_.*)$/;

export async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const address = srv.address();
  srv.close();
  if (!address || typeof address === 'string') throw new Error('could not get a free port');
  return address.port;
}

/** Starts the server as `npm start` does (src/cli/serve.ts) on a free port; waits until the probe path answers 200. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !CONFIG_KEYS.test(k)));
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: opts.databaseUrl ?? `file:${opts.dbPath}`,
    APP_SECRET: opts.appSecret,
    SEED_DEMO: 'false',
    NODE_ENV: 'production',
    ...opts.env,
  });
  // with node flags (a profile): one server process as each of `npm start`'s runs, without the cluster
  const args = opts.nodeArgs ? [...opts.nodeArgs, '--import', 'tsx', HTTP_SERVER] : ['--import', 'tsx', SERVE];
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = captureOutput(child);
  const unregister = onCleanup(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitReady(child, `${baseUrl}${opts.probePath}`, output);
  } catch (e) {
    unregister();
    throw e;
  }

  return {
    baseUrl,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      unregister();
    },
  };
}

async function waitReady(child: ChildProcess, url: string, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
      // It answers, but not 200: waiting will not change that.
      throw new Error(`server answers ${url} with ${last}`);
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('server answers')) throw new Error(`${e.message}\n${output()}`);
      last = e instanceof Error ? e.message : String(e);
    }
    await sleep(100);
  }
  throw new Error(`server not ready after ${READY_TIMEOUT_MS / 1000} s (${last}):\n${output()}`);
}

/** Keeps the last lines the server printed, for error messages. */
function captureOutput(child: ChildProcess): () => string {
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => lines.map((l) => `  | ${l}`).join('\n');
}
