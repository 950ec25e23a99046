import { readFileSync } from 'node:fs';
import { E2E } from './env';

export interface Demo {
  apiKey: string;
  seededAt: string;
  links: { key: string; orderNumber: string; url: string }[];
  /** a delivered order of a seller whose accent is #e0f2fe */
  paleAccentUrl: string;
}

let cached: Demo | null = null;
export function demo(): Demo {
  cached ??= JSON.parse(readFileSync(E2E.demoFile, 'utf8')) as Demo;
  return cached;
}

/** Path of the demo order in a given state, e.g. pathOf('out_for_delivery'). */
export function pathOf(key: string): string {
  const link = demo().links.find((l) => l.key === key);
  if (!link) throw new Error(`no demo order "${key}"`);
  return new URL(link.url).pathname;
}

/** Wall-clock facts in a zone, computed here independently of the app's code. */
export function localClock(at: Date, zone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}
