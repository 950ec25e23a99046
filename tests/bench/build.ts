import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const ENTRY = join(ROOT, 'dist', 'server', 'entry.mjs');
/** What `npm start` runs: one server process per core (src/cli/serve.ts). */
export const SERVE = join(ROOT, 'src', 'cli', 'serve.ts');
export const HTTP_SERVER = join(ROOT, 'src', 'cli', 'http-server.ts');

// What the server bundle is built from: anything newer than the entry means a rebuild.
const SOURCES = ['src', 'db', 'public', 'astro.config.mjs', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds the server unless dist/server/entry.mjs is newer than every source; returns whether it built. */
export function ensureBuild(force: boolean): boolean {
  const built = existsSync(ENTRY) ? statSync(ENTRY).mtimeMs : 0;
  const stale = SOURCES.some((s) => newestMtime(join(ROOT, s)) > built);
  if (!force && !stale) return false;
  const res = spawnSync('npx', ['astro', 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (res.status !== 0) {
    throw new Error(`astro build failed (exit ${res.status}):\n${res.stdout}\n${res.stderr}`);
  }
  return true;
}
