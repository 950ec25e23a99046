import autocannon, { type Result } from 'autocannon';

export interface LoadSpec {
  name: string;
  baseUrl: string;
  /** the path of each next request (called once per request) */
  nextPath: () => string;
  /** substring every 200 body must contain, so an error page served as 200 still counts as a failure */
  expectInBody: string;
  connections: number;
  seconds: number;
  /** requests per second over all connections; unset = as fast as the server answers */
  overallRate?: number;
  /** an unmeasured run first, same shape, to warm the JIT and the page cache */
  warmupSeconds?: number;
}

export interface LoadResult {
  name: string;
  connections: number;
  seconds: number;
  overallRate: number | null;
  requests: number;
  reqPerSec: number;
  /** exact percentiles over every response's own latency (autocannon's histogram rounds to whole ms) */
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  bytesPerResponse: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  mismatches: number;
  /** human-readable reasons this run (or its warm-up) had failed requests; empty when all were 200 */
  failures: string[];
}

// Uncompressed, so every body can be checked without decoding it on the same two cores; the
// compressed sizes are measured apart (dataset.ts wireSizes).
const HEADERS = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'accept-language': 'en-US,en;q=0.9' };

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const failures: string[] = [];
  if (spec.warmupSeconds) {
    const warm = await measure({ ...spec, seconds: spec.warmupSeconds });
    failures.push(...warm.failures.map((f) => `warm-up: ${f}`));
  }
  const result = await measure(spec);
  result.failures.unshift(...failures);
  return result;
}

async function measure(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  let bytes = 0;
  const errorSamples = new Set<string>();
  const instance = autocannon({
    url: spec.baseUrl,
    connections: spec.connections,
    duration: spec.seconds,
    // our own percentiles below; autocannon's rate-mode correction assumes an interval in seconds
    ...(spec.overallRate ? { overallRate: spec.overallRate, ignoreCoordinatedOmission: true } : {}),
    headers: HEADERS,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: spec.nextPath() }) }],
    verifyBody: (body) => body.includes(spec.expectInBody),
  });
  instance.on('response', (_client, statusCode, resBytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    bytes += resBytes;
  });
  instance.on('reqError', (error) => {
    if (errorSamples.size < 5) errorSamples.add(error.message);
  });
  const r: Result = await instance;
  return summarize(spec, r, latencies, bytes, [...errorSamples]);
}

function summarize(spec: LoadSpec, r: Result, latencies: number[], bytes: number, errorSamples: string[]): LoadResult {
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count]));
  const requests = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  const failures: string[] = [];
  if (r.non2xx > 0) {
    const bad = Object.entries(statusCodes).filter(([code]) => !code.startsWith('2')).map(([code, n]) => `${n}× ${code}`);
    failures.push(`${r.non2xx} non-2xx responses (${bad.join(', ')})`);
  }
  if (r.errors > 0) failures.push(`${r.errors} request errors, ${r.timeouts} of them timeouts (${errorSamples.join('; ') || 'no message'})`);
  if (r.mismatches > 0) failures.push(`${r.mismatches} responses without "${spec.expectInBody}" in the body`);
  if (requests === 0) failures.push('no response at all');
  return {
    name: spec.name,
    connections: spec.connections,
    seconds: r.duration,
    overallRate: spec.overallRate ?? null,
    requests,
    reqPerSec: requests / r.duration,
    latencyMs: percentiles(latencies),
    bytesPerResponse: requests ? Math.round(bytes / requests) : 0,
    statusCodes,
    errors: r.errors,
    timeouts: r.timeouts,
    mismatches: r.mismatches,
    failures,
  };
}

function percentiles(values: number[]): LoadResult['latencyMs'] {
  if (!values.length) return { p50: NaN, p90: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = Float64Array.from(values).sort();
  // nearest-rank percentile
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { p50: at(50), p90: at(90), p99: at(99), max: sorted[sorted.length - 1]!, mean };
}
