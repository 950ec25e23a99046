import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from './build';

// npm run bench [-- --quick] [-- --profile] [-- --rebuild]
export const flags = parseArgs({
  options: {
    /** smoke test: 10k orders, short runs, results to tests/.output/ */
    quick: { type: 'boolean', default: false },
    /** after the measured runs, profile the server under load and print the top frames */
    profile: { type: 'boolean', default: false },
    /** run astro build even if dist/ looks up to date */
    rebuild: { type: 'boolean', default: false },
  },
}).values;

export const SIZES = flags.quick
  ? { large: { orders: 10_000, events: 100_000 }, small: { orders: 1_000, events: 10_000 }, remote: { orders: 10_000, events: 100_000 }, huge: { orders: 20_000, events: 20_000 } }
  : { large: { orders: 100_000, events: 1_000_000 }, small: { orders: 1_000, events: 10_000 }, remote: { orders: 10_000, events: 100_000 }, huge: { orders: 1_000_000, events: 1_000_000 } };
export const SATURATION = { connections: 50, seconds: flags.quick ? 3 : 10, warmupSeconds: flags.quick ? 1 : 3 };
export const FIXED_RATE = { overallRate: 200, connections: 20, seconds: flags.quick ? 5 : 15 };
/** pages the cache-hit runs ask for (each process keeps its own copy); the cold run asks for each other order once */
export const HOT_PAGES = 200;
/** each server process's page cache in the bench: small enough that the cold run fills it */
export const BENCH_PAGE_CACHE_MB = 32;
export const GOALS = { ratio: 0.5, coldRatio: 0.25, p99Ms: 20, scale: 0.9, smsEvents: 300, smsDrain: 500, webhooks: 300, outbound: 500 };
export const SMS_ORDERS = flags.quick ? 200 : 1_000;
export const OUTBOUND_MESSAGES = flags.quick ? 2_000 : 10_000;

// a --quick run is a smoke test: its figures never replace the committed results
export const RESULTS = flags.quick ? join(ROOT, 'tests', '.output', 'bench-quick.json') : join(ROOT, 'tests', 'bench', 'results', 'latest.json');
export const PROFILES = join(ROOT, 'tests', '.output', 'bench-profiles');

export interface StaticBaseline {
  path: string;
  /** what its body must contain ('' when it is not text we can check) */
  expectInBody: string;
}

/** The static baseline: /favicon.svg, or else the first file in public/. */
export function staticBaseline(): StaticBaseline {
  const publicDir = join(ROOT, 'public');
  const name = existsSync(join(publicDir, 'favicon.svg'))
    ? 'favicon.svg'
    : existsSync(publicDir) ? readdirSync(publicDir, { withFileTypes: true }).find((e) => e.isFile())?.name : undefined;
  if (!name) throw new Error('public/ has no file to use as the static baseline (expected public/favicon.svg)');
  return { path: `/${name}`, expectInBody: name.endsWith('.svg') ? '<svg' : '' };
}
