import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './build';

// Reads a V8 .cpuprofile (node --cpu-prof) and lists where the time went.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Frame {
  frame: string;
  selfMs: number;
  selfPct: number;
}

export function newestProfile(dir: string): string | null {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f));
  files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return files[0] ?? null;
}

function label(frame: ProfileNode['callFrame']): string {
  const url = frame.url.replace(/^file:\/\//, '');
  const where = url ? `${url.startsWith('/') ? relative(ROOT, url) : url}:${frame.lineNumber + 1}` : '';
  return `${frame.functionName || '(anonymous)'} ${where}`.trim();
}

/** Where a frame's code lives: an npm package, a server chunk, Node's internals, or native/VM time. */
function group(frame: ProfileNode['callFrame']): string {
  const url = frame.url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const chunk = /dist\/server\/(?:chunks\/)?([^/]+?)(?:_[A-Za-z0-9_-]{8})?\.mjs$/.exec(url);
  if (chunk) return `server chunk ${chunk[1]}`;
  if (url.startsWith('node:')) return 'node internals';
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native: fs, crypto, …)';
  return relative(ROOT, url.replace(/^file:\/\//, ''));
}

function rank(self: Map<string, number>, total: number, limit: number): Frame[] {
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([frame, us]) => ({ frame, selfMs: Math.round(us / 1000), selfPct: Math.round((1000 * us) / total) / 10 }));
}

/**
 * The frames with the most self time, and self time summed per package or source file, over the
 * samples inside `window` (monotonic µs, as process.hrtime), or all of them.
 */
export function summarizeProfile(path: string, limit = 20, window?: { fromUs: number; toUs: number }): { frames: Frame[]; groups: Frame[]; sampledMs: number } {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const frames = new Map<string, number>();
  const groups = new Map<string, number>();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    at += dt;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    const node = byId.get(id);
    if (!node) return;
    frames.set(label(node.callFrame), (frames.get(label(node.callFrame)) ?? 0) + dt);
    groups.set(group(node.callFrame), (groups.get(group(node.callFrame)) ?? 0) + dt);
    total += dt;
  });
  return { frames: rank(frames, total, limit), groups: rank(groups, total, limit), sampledMs: Math.round(total / 1000) };
}
