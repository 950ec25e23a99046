// npm run bench [-- --quick] [-- --profile] [-- --rebuild]   (see tests/bench/README.md)
// Seeds a 100k-order / 1M-event database, runs the built server on it and measures the tracking
// page against a static file of the same server; then the same on a 1k-order database.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureBuild } from './build';
import { installCleanupHandlers, onCleanup, runCleanup } from './cleanup';
import { benchDataset } from './dataset';
import { benchSms } from './sms';
import { benchHooks } from './hooks';
import { benchOutbound } from './outbound';
import { machineInfo, printReport, target, writeReport, type BenchReport, type DatasetReport } from './report';
import { FIXED_RATE, flags, GOALS, OUTBOUND_MESSAGES, RESULTS, SATURATION, SIZES, SMS_ORDERS, staticBaseline } from './settings';

async function main(): Promise<number> {
  const started = performance.now();
  installCleanupHandlers();
  const machine = machineInfo();
  const baseline = staticBaseline();

  const rebuilt = ensureBuild(flags.rebuild);
  console.log(rebuilt ? 'Built the server (astro build).' : 'Server build is up to date.');

  const dir = mkdtempSync(join(tmpdir(), 'porchlight-bench-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const ctx = { dir, appSecret: randomBytes(32).toString('base64url'), now: new Date(), baseline };

  const large = await benchDataset({ label: `${SIZES.large.orders / 1000}k`, ...SIZES.large, profile: flags.profile }, ctx);
  const small = await benchDataset({ label: `${SIZES.small.orders / 1000}k`, ...SIZES.small, profile: false }, ctx);
  // the scale comparison: a database of a million orders against the thousand-order one (cache hits)
  const huge = await benchDataset({ label: `${SIZES.huge.orders.toLocaleString('en-US')} orders`, ...SIZES.huge, profile: false, hitsOnly: true }, ctx);

  const sms = await benchSms(ctx, SMS_ORDERS);
  const hooks = await benchHooks(ctx);
  const outbound = await benchOutbound(ctx, OUTBOUND_MESSAGES);
  // the same through a libSQL server (the Hrana test server standing in for sqld)
  const remote = await benchDataset({ label: `${SIZES.remote.orders / 1000}k libSQL server`, ...SIZES.remote, profile: false, remote: true }, ctx);
  const remoteSms = await benchSms(ctx, SMS_ORDERS, true);

  const pick = (d: DatasetReport, prefix: string) => d.runs.find((r) => r.name.startsWith(prefix))!;
  const figures = {
    staticReqPerSec: pick(large, 'static').reqPerSec,
    trackingReqPerSec: pick(large, 'tracking /t').reqPerSec,
    trackingToStaticRatio: pick(large, 'tracking /t').reqPerSec / pick(large, 'static').reqPerSec,
    fixedRateP50Ms: pick(large, 'tracking @').latencyMs.p50,
    fixedRateP99Ms: pick(large, 'tracking @').latencyMs.p99,
    smallStaticReqPerSec: pick(small, 'static').reqPerSec,
    smallTrackingReqPerSec: pick(small, 'tracking /t').reqPerSec,
    smallFixedRateP99Ms: pick(small, 'tracking @').latencyMs.p99,
    scaleRatio: pick(large, 'tracking /t').reqPerSec / pick(small, 'tracking /t').reqPerSec,
    hugeTrackingReqPerSec: pick(huge, 'tracking /t').reqPerSec,
    hugeToSmallRatio: pick(huge, 'tracking /t').reqPerSec / pick(small, 'tracking /t').reqPerSec,
    coldReqPerSec: pick(large, 'tracking cold').reqPerSec,
    uncachedReqPerSec: pick(large, 'tracking, cache off').reqPerSec,
    coldToStaticRatio: pick(large, 'tracking cold').reqPerSec / pick(large, 'static').reqPerSec,
    remoteHitsReqPerSec: pick(remote, 'tracking /t').reqPerSec,
    remoteColdReqPerSec: pick(remote, 'tracking cold').reqPerSec,
    remoteEventsPerSec: remoteSms.eventsPerSec,
    remoteDrainTextsPerSec: remoteSms.drainTextsPerSec,
    maxWorkerRssMb: Math.max(...large.memory.filter((m) => m.role === 'worker').map((m) => m.rssMb)),
    smsEventsPerSec: sms.eventsPerSec,
    smsDrainTextsPerSec: sms.drainTextsPerSec,
    webhookDeliveriesPerSec: hooks.deliveriesPerSec,
    outboundDeliveriesPerSec: outbound.deliveriesPerSec,
  };
  const failures = [
    ...[large, small, huge, remote].flatMap((d) => d.runs.flatMap((r) => r.failures.map((f) => `${d.label} ${r.name}: ${f}`))),
    ...sms.failures.map((f) => `text updates: ${f}`),
    ...remoteSms.failures.map((f) => `text updates (libSQL server): ${f}`),
    ...hooks.failures.map((f) => `webhooks: ${f}`),
    ...outbound.failures.map((f) => `outbound webhooks: ${f}`),
  ];
  const report: BenchReport = {
    date: new Date().toISOString(),
    machine,
    build: { rebuilt },
    settings: { saturation: SATURATION, fixedRate: FIXED_RATE, staticPath: baseline.path, quick: flags.quick },
    datasets: [large, small, huge, remote],
    sms,
    hooks,
    outbound,
    figures,
    targets: [
      target('throughput ratio', `tracking req/s ÷ static req/s (${large.label}, ${SATURATION.connections} conns)`, '>=', GOALS.ratio, figures.trackingToStaticRatio),
      target('cold throughput', `tracking req/s, every request another order ÷ static req/s (${large.label})`, '>=', GOALS.coldRatio, figures.coldToStaticRatio),
      target('p99 latency', `tracking p99 ms at ${FIXED_RATE.overallRate} req/s, ${FIXED_RATE.connections} conns (${large.label})`, '<=', GOALS.p99Ms, figures.fixedRateP99Ms),
      target('1M ÷ 1k orders', `tracking req/s, cache hits, ${huge.label} ÷ ${small.label}`, '>=', GOALS.scale, figures.hugeToSmallRatio),
      target('scale ratio', `tracking req/s ${large.label} ÷ ${small.label}`, '>=', GOALS.scale, figures.scaleRatio),
      target('events with texts', `tracking events/s with their texts enqueued (${SMS_ORDERS} subscribers, 10 clients)`, '>=', GOALS.smsEvents, figures.smsEventsPerSec),
      target('outbox drain', 'texts/s to a zero-latency local Twilio sink', '>=', GOALS.smsDrain, figures.smsDrainTextsPerSec),
      target('outbound webhooks', `deliveries/s drained, ${outbound.messages} to 3 receivers (one failing 30%, one hanging 2 s), 1 worker process`, '>=', GOALS.outbound, figures.outboundDeliveriesPerSec),
      target('webhook burst', `deliveries/s, ${hooks.deliveries} mixed (10% repeats, 5% bad signatures), ${hooks.clients} clients`, '>=', GOALS.webhooks, figures.webhookDeliveriesPerSec),
    ],
    failures,
    totalSeconds: (performance.now() - started) / 1000,
  };
  printReport(report);
  writeReport(RESULTS, report);
  console.log(`Wrote ${RESULTS}`);
  // A missed target is a finding; only failed requests make the run fail.
  return failures.length ? 1 : 0;
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exitCode = 1;
  })
  .finally(runCleanup);
