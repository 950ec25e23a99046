import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runLoad, type LoadResult, type LoadSpec } from './load';
import { newestProfile, summarizeProfile } from './profile';
import type { DatasetReport } from './report';
import { seedDatabase } from './seed';
import { startServer } from './server';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { BENCH_PAGE_CACHE_MB, FIXED_RATE, HOT_PAGES, PROFILES, SATURATION, type StaticBaseline } from './settings';
import type { ProcessMemory, WireSizes } from './report';
import { startHranaProcess } from './hrana';

export interface DatasetPlan {
  label: string;
  orders: number;
  events: number;
  /** after the measured runs, a separate profiled server run of the tracking page */
  profile: boolean;
  /** served through a libSQL server (the Hrana test server on the seeded file) instead of the file */
  remote?: boolean;
  /** only the static file and the cache-hit runs (the scale comparison) */
  hitsOnly?: boolean;
}

export interface BenchContext {
  dir: string;
  appSecret: string;
  now: Date;
  baseline: StaticBaseline;
}

// Every tracking page names its order (BN-0000042): a 200 without it is an error page.
const TRACKING_BODY = 'BN-';
// Makes `node --cpu-prof` write its profile when the bench stops the server with SIGTERM.
const EXIT_ON_SIGTERM = 'data:text/javascript,process.once("SIGTERM",()=>process.exit(0))';

/** Seeds one database, starts the server on it and runs the same sequence of loads. */
export async function benchDataset(plan: DatasetPlan, ctx: BenchContext): Promise<DatasetReport> {
  const dbPath = join(ctx.dir, `${plan.orders}-orders${plan.remote ? '-remote' : ''}.db`);
  log(plan, `seeding ${plan.orders.toLocaleString('en-US')} orders, ${plan.events.toLocaleString('en-US')} events…`);
  const { tokens, ...seed } = await seedDatabase(dbPath, { orders: plan.orders, events: plan.events, appSecret: ctx.appSecret, now: ctx.now });
  log(plan, `seeded in ${seed.seconds.toFixed(2)} s (${(seed.fileBytes / 2 ** 20).toFixed(1)} MB, ${seed.counts.events.toLocaleString('en-US')} events)`);

  const randomTracking = () => `/t/${tokens[Math.floor(Math.random() * tokens.length)]}`;
  // cache hits: a set of pages asked for again and again (warmed by each run's warm-up); cold:
  // from the middle of the orders on, each request another order, never asked for before
  const hot = tokens.slice(0, HOT_PAGES);
  const hotTracking = () => `/t/${hot[Math.floor(Math.random() * hot.length)]}`;
  let cold = Math.floor(tokens.length / 2);
  const coldTracking = () => `/t/${tokens[cold++ % tokens.length]}`;
  const libsql = plan.remote ? await startHranaProcess(dbPath) : null;
  const server = await startServer({ dbPath, databaseUrl: libsql?.url, appSecret: ctx.appSecret, probePath: `/t/${tokens[0]}`, env: { PAGE_CACHE_MB: String(BENCH_PAGE_CACHE_MB) } });
  log(plan, `server pid ${server.pid} on ${server.baseUrl}`);
  const runs: LoadResult[] = [];
  let memory: ProcessMemory[] = [];
  let wire: WireSizes;
  try {
    const { baseline } = ctx;
    runs.push(await run(plan, server.baseUrl, { name: `static ${baseline.path}`, nextPath: () => baseline.path, expectInBody: baseline.expectInBody, ...SATURATION }));
    runs.push(await run(plan, server.baseUrl, { name: 'tracking /t/{token} (cache hits)', nextPath: hotTracking, expectInBody: TRACKING_BODY, ...SATURATION }));
    runs.push(await run(plan, server.baseUrl, { name: `tracking @${FIXED_RATE.overallRate} req/s (cache hits)`, nextPath: hotTracking, expectInBody: TRACKING_BODY, ...FIXED_RATE }));
    // on the small set every order would soon be asked for twice: cold is measured on the large one
    if (!plan.hitsOnly && (tokens.length >= 10_000 || plan.remote)) runs.push(await run(plan, server.baseUrl, { name: 'tracking cold (every request another order)', nextPath: coldTracking, expectInBody: TRACKING_BODY, ...SATURATION, warmupSeconds: 0 }));
    memory = serverMemory(server.pid);
    log(plan, `memory after the runs (page caches bounded at ${BENCH_PAGE_CACHE_MB} MB each): ${memory.map((m) => `pid ${m.pid} ${m.rssMb} MB`).join(', ')}`);
    wire = await wireSizes(server.baseUrl, `/t/${hot[0]}`, baseline.path);
    log(plan, `bytes on the wire: page ${wire.page.identity} plain, ${wire.page.gzip} gzip, ${wire.page.br} br; static ${wire.static.identity}`);
  } finally {
    await server.stop();
  }
  // the same pages with the cache off (PAGE_CACHE_MB=0): what every request cost before it, and what a miss costs beside it
  if (!plan.hitsOnly && tokens.length >= 10_000) {
    const uncached = await startServer({ dbPath, databaseUrl: libsql?.url, appSecret: ctx.appSecret, probePath: `/t/${tokens[0]}`, env: { PAGE_CACHE_MB: '0' } });
    try {
      runs.push(await run(plan, uncached.baseUrl, { name: 'tracking, cache off (random orders)', nextPath: randomTracking, expectInBody: TRACKING_BODY, ...SATURATION }));
    } finally {
      await uncached.stop();
    }
  }
  await libsql?.stop();
  if (plan.profile) await profileTracking(plan, dbPath, ctx.appSecret, tokens[0]!, coldTracking);
  return { label: plan.label, seed, runs, memory, wire: wire! };
}

function log(plan: DatasetPlan, message: string): void {
  console.log(`[${plan.label}] ${message}`);
}

async function run(plan: DatasetPlan, baseUrl: string, spec: Omit<LoadSpec, 'baseUrl'>): Promise<LoadResult> {
  const r = await runLoad({ ...spec, baseUrl });
  const mode = r.overallRate ? `${r.overallRate} req/s offered` : 'saturation';
  const failed = r.failures.length ? `, FAILED: ${r.failures.join('; ')}` : '';
  log(plan, `${r.name}: ${mode}, ${r.connections} conns, ${r.seconds} s → ${r.reqPerSec.toFixed(1)} req/s, p50 ${r.latencyMs.p50.toFixed(2)} ms, p99 ${r.latencyMs.p99.toFixed(2)} ms${failed}`);
  return r;
}

/** A separate server under `node --cpu-prof`, loaded with cold tracking pages (each another order: the render path); not part of the figures. */
async function profileTracking(plan: DatasetPlan, dbPath: string, appSecret: string, probeToken: string, nextPath: () => string): Promise<void> {
  mkdirSync(PROFILES, { recursive: true });
  const nodeArgs = ['--cpu-prof', `--cpu-prof-dir=${PROFILES}`, '--import', EXIT_ON_SIGTERM];
  const server = await startServer({ dbPath, appSecret, probePath: `/t/${probeToken}`, nodeArgs });
  let measured: { fromUs: number; toUs: number };
  try {
    const spec = { baseUrl: server.baseUrl, nextPath, expectInBody: TRACKING_BODY, connections: SATURATION.connections };
    await runLoad({ ...spec, name: 'profile warm-up', seconds: SATURATION.warmupSeconds });
    // V8 stamps samples with the same monotonic clock as hrtime: only the measured seconds count.
    const fromUs = Number(process.hrtime.bigint() / 1000n);
    const r = await run(plan, server.baseUrl, { ...spec, name: 'tracking under --cpu-prof', seconds: SATURATION.seconds });
    measured = { fromUs, toUs: Number(process.hrtime.bigint() / 1000n) };
    if (r.failures.length) log(plan, '(the profiled run had failures; they are not counted)');
  } finally {
    await server.stop();
  }
  printProfile(measured);
}

function printProfile(window: { fromUs: number; toUs: number }): void {
  const file = newestProfile(PROFILES);
  if (!file) return console.log('no CPU profile was written');
  const { frames, groups, sampledMs } = summarizeProfile(file, 25, window);
  const line = (f: { selfMs: number; selfPct: number; frame: string }) => `  ${String(f.selfMs).padStart(7)} ms ${f.selfPct.toFixed(1).padStart(5)}%  ${f.frame}`;
  console.log(`\nCPU profile of the server (${sampledMs} ms sampled under load): ${file}`);
  console.log('Self time by package / server chunk:');
  for (const f of groups.slice(0, 15)) console.log(line(f));
  console.log('Top frames by self time:');
  for (const f of frames) console.log(line(f));
}

/** Resident memory of the server's processes (the primary and its workers), from /proc. */
function serverMemory(pid: number): ProcessMemory[] {
  let children: number[] = [];
  try {
    children = execFileSync('pgrep', ['-P', String(pid)]).toString().trim().split(/\s+/).map(Number).filter(Boolean);
  } catch {
    // no workers (a single process)
  }
  return [pid, ...children].flatMap((p) => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? NaN);
      return [{ pid: p, role: p === pid ? 'primary' : 'worker', rssMb: Math.round(kb / 102.4) / 10 }];
    } catch {
      return [];
    }
  });
}

/** A tracking page's and the static file's size as sent, plain and compressed. */
async function wireSizes(baseUrl: string, pagePath: string, staticPath: string): Promise<WireSizes> {
  const size = async (path: string, encoding: string) => {
    const res = await fetch(new URL(path, baseUrl), { headers: { 'accept-encoding': encoding } });
    // fetch decodes bodies: the length sent is the header's
    return Number(res.headers.get('content-length') ?? (await res.arrayBuffer()).byteLength);
  };
  return {
    page: { identity: await size(pagePath, 'identity'), gzip: await size(pagePath, 'gzip'), br: await size(pagePath, 'br') },
    static: { identity: await size(staticPath, 'identity'), gzip: await size(staticPath, 'gzip') },
  };
}
