import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { LoadResult } from './load';
import type { SeedResult } from './seed';
import type { SmsBenchResult } from './sms';
import type { HooksBenchResult } from './hooks';
import type { OutboundBenchResult } from './outbound';

export interface Target {
  name: string;
  /** what is compared, e.g. "tracking req/s ÷ static req/s" */
  measure: string;
  op: '>=' | '<=';
  goal: number;
  value: number;
  pass: boolean;
}

export function target(name: string, measure: string, op: Target['op'], goal: number, value: number): Target {
  const pass = Number.isFinite(value) && (op === '>=' ? value >= goal : value <= goal);
  return { name, measure, op, goal, value, pass };
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  platform: string;
  node: string;
  /** 1-minute load average when the bench started: other work on the machine skews the figures */
  loadAverageAtStart: number;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    platform: `${process.platform}-${process.arch}`,
    node: process.version,
    loadAverageAtStart: Math.round(loadavg()[0]! * 100) / 100,
  };
}

export interface ProcessMemory {
  pid: number;
  role: 'primary' | 'worker';
  rssMb: number;
}
export interface WireSizes {
  page: { identity: number; gzip: number; br: number };
  static: { identity: number; gzip: number };
}

export interface DatasetReport {
  label: string;
  seed: Omit<SeedResult, 'tokens'>;
  runs: LoadResult[];
  /** resident memory of each server process after the cold run (page caches full) */
  memory: ProcessMemory[];
  wire: WireSizes;
}

export interface BenchReport {
  date: string;
  machine: MachineInfo;
  build: { rebuilt: boolean };
  settings: {
    saturation: { connections: number; seconds: number; warmupSeconds: number };
    fixedRate: { overallRate: number; connections: number; seconds: number };
    staticPath: string;
    quick: boolean;
  };
  datasets: DatasetReport[];
  sms: SmsBenchResult | null;
  hooks: HooksBenchResult | null;
  outbound?: OutboundBenchResult | null;
  figures: Record<string, number>;
  targets: Target[];
  failures: string[];
  totalSeconds: number;
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

/** A plain-text table; the first `textColumns` columns are left-aligned, the rest (figures) right-aligned. */
function table(rows: string[][], textColumns = 1): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i < textColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function printReport(report: BenchReport): void {
  const m = report.machine;
  console.log(`\nPorchlight bench · ${report.date} · ${m.cpus}× ${m.cpuModel} · ${m.memoryGiB} GiB · node ${m.node} · load avg at start ${m.loadAverageAtStart}`);
  if (m.loadAverageAtStart > m.cpus * 0.5) console.log(`warning: the machine was already busy (load ${m.loadAverageAtStart} on ${m.cpus} cpus); figures are pessimistic`);

  console.log('\nData sets');
  console.log(table([
    ['data set', 'orders', 'events', 'items', 'db MB', 'seed s'],
    ...report.datasets.map((d) => [d.label, String(d.seed.counts.orders), String(d.seed.counts.events), String(d.seed.counts.items), fmt(d.seed.fileBytes / 2 ** 20), fmt(d.seed.seconds, 2)]),
  ]));

  console.log('\nRuns');
  console.log(table([
    ['run', 'conns', 'rate', 'requests', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'bytes/resp', 'failed'],
    ...report.datasets.flatMap((d) => d.runs.map((r) => [
      `${d.label}: ${r.name}`, String(r.connections), r.overallRate ? String(r.overallRate) : 'max', String(r.requests),
      fmt(r.reqPerSec), fmt(r.latencyMs.p50, 2), fmt(r.latencyMs.p90, 2), fmt(r.latencyMs.p99, 2), fmt(r.latencyMs.max, 1),
      String(r.bytesPerResponse), r.failures.length ? 'YES' : 'no',
    ])),
  ]));

  if (report.sms) {
    const s = report.sms;
    console.log('\nText updates');
    console.log(table([
      ['run', 'orders', 'clients', 'per second', 'texts', 'duplicates'],
      ['events through the API, texts enqueued', String(s.orders), String(s.clients), fmt(s.eventsPerSec), String(s.textsEnqueued), '-'],
      ['outbox drained to a local Twilio sink', String(s.orders), '-', fmt(s.drainTextsPerSec), String(s.textsSent), String(s.duplicates)],
    ]));
  }

  console.log('\nTargets');
  console.log(table([
    ['target', 'measure', 'goal', 'value', 'result'],
    ...report.targets.map((t) => [t.name, t.measure, `${t.op} ${t.goal}`, fmt(t.value, t.value < 10 ? 3 : 1), t.pass ? 'pass' : 'MISS']),
  ], 2));

  if (report.failures.length) {
    console.log('\nFailed requests');
    for (const f of report.failures) console.log(`  - ${f}`);
  }
  console.log(`\nTotal ${fmt(report.totalSeconds)} s\n`);
}

export function writeReport(path: string, report: BenchReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
