import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { onCleanup } from './cleanup';
import { ROOT } from './build';

// The bench's libSQL server: the Hrana-over-HTTP test server (tests/support/hrana-server.ts) in a
// process of its own on a seeded file, standing in for sqld the way the tests use it.

export async function startHranaProcess(file: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/hrana-server.ts', file, '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const unregister = onCleanup(() => void child.kill('SIGKILL'));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the libSQL test server exited (${code}) before listening: ${out}`)));
  });
  return {
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }
      unregister();
    },
  };
}
