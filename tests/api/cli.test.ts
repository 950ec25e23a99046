import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { createApp } from '../../src/server/app';
import { loadConfig } from '../../src/config';
import { serviceContext } from '../../src/server/services';

const run = promisify(execFile);
const tsx = (script: string, args: string[], env: Record<string, string>) =>
  run(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...env }, cwd: join(import.meta.dirname, '../..') });

let dir: string;
let env: Record<string, string>;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'porchlight-cli-'));
  env = { DATABASE_URL: `file:${join(dir, 'cli.db')}`, APP_SECRET: 'cli-secret-cli-secret-cli-secret-0123', PUBLIC_BASE_URL: 'http://t.example' };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('command line', () => {
  it('seller:create prints the seller and a working API key as one JSON object on its last line', async () => {
    const { stdout } = await tsx('src/cli/seller-create.ts', ['--name', 'Acme Goods', '--email', 'help@acme.example'], env);
    const last = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(last).toEqual({ sellerId: expect.any(Number), slug: 'acme-goods', apiKey: expect.stringMatching(/^pl_live_/) });
    const database = await openDatabase(env.DATABASE_URL!);
    const config = loadConfig(env);
    const app = createApp({ ctx: serviceContext(config, database), config });
    const res = await app.request('/api/v1/orders/NONE', { headers: { authorization: `Bearer ${last.apiKey}` } });
    expect(res.status).toBe(404); // authenticated: a 401 would mean the key does not work
    database.close();
  });

  it('seller:keys creates a second key, lists both without the secret, and revoke makes a key answer 401 at once', async () => {
    const seller = JSON.parse((await tsx('src/cli/seller-create.ts', ['--name', 'Acme Goods'], env)).stdout.trim().split('\n').at(-1)!);
    const created = JSON.parse((await tsx('src/cli/seller-keys.ts', ['create', '--seller', 'acme-goods', '--name', 'shop sync'], env)).stdout.trim().split('\n').at(-1)!);
    expect(created).toEqual({ id: expect.any(Number), apiKey: expect.stringMatching(/^pl_live_/) });
    const listed = (await tsx('src/cli/seller-keys.ts', ['list', '--seller', String(seller.sellerId)], env)).stdout;
    expect(listed).toContain('shop sync');
    expect(listed).not.toContain(created.apiKey);
    expect(listed).not.toContain(seller.apiKey);
    const firstId = Number(/^\s*(\d+)\s+pl_live_/m.exec(listed)![1]);
    await tsx('src/cli/seller-keys.ts', ['revoke', '--seller', 'acme-goods', '--id', String(firstId)], env);
    expect((await tsx('src/cli/seller-keys.ts', ['list', '--seller', 'acme-goods'], env)).stdout).toContain('REVOKED');
    const database = await openDatabase(env.DATABASE_URL!);
    const config = loadConfig(env);
    const app = createApp({ ctx: serviceContext(config, database), config });
    const ask = (key: string) => app.request('/api/v1/orders/NONE', { headers: { authorization: `Bearer ${key}` } });
    expect((await ask(seller.apiKey)).status).toBe(401);
    expect((await ask(created.apiKey)).status).toBe(404);
    database.close();
    // revoking it again, or a key of no such seller, fails with a message and a non-zero exit
    await expect(tsx('src/cli/seller-keys.ts', ['revoke', '--seller', 'acme-goods', '--id', String(firstId)], env)).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('not found') });
    await expect(tsx('src/cli/seller-keys.ts', ['list', '--seller', 'nobody'], env)).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('no seller') });
    await expect(tsx('src/cli/seller-keys.ts', ['revoke', '--seller', 'acme-goods'], env)).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('usage') });
  }, 120_000); // nine commands, each a fresh Node process

  it('seller:create without a name exits 2 with usage help', async () => {
    await expect(tsx('src/cli/seller-create.ts', [], env)).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run seller:create') });
  });

  it('prepare migrates, seeds the demo into an empty database once, and prints its links', async () => {
    const first = await tsx('src/cli/prepare.ts', [], env);
    expect(first.stdout).toContain('Seeded the demo seller');
    expect(first.stdout.match(/http:\/\/t\.example\/t\/[A-Za-z0-9_-]{32}/g)).toHaveLength(10);
    const second = await tsx('src/cli/prepare.ts', [], env);
    expect(second.stdout).not.toContain('Seeded the demo seller');
    expect(second.stdout.match(/http:\/\/t\.example\/t\/[A-Za-z0-9_-]{32}/g)).toEqual(first.stdout.match(/http:\/\/t\.example\/t\/[A-Za-z0-9_-]{32}/g));
  });

  it('prepare with SEED_DEMO=false leaves the database empty', async () => {
    const { stdout } = await tsx('src/cli/prepare.ts', [], { ...env, SEED_DEMO: 'false' });
    expect(stdout).not.toContain('Demo tracking links');
    const database = await openDatabase(env.DATABASE_URL!);
    expect((await database.client.execute('SELECT count(*) AS n FROM sellers')).rows[0]!.n).toBe(0);
    database.close();
  });

  it('a bad setting stops start-up with a message naming it and a non-zero exit', async () => {
    await expect(tsx('src/cli/prepare.ts', [], { ...env, PORT: 'eighty' })).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('PORT:') });
  });

  it('the file database runs with WAL, a busy timeout and foreign keys on every connection', async () => {
    const database = await openDatabase(env.DATABASE_URL!);
    const pragmas = await Promise.all(['journal_mode', 'busy_timeout', 'foreign_keys'].map((p) => database.client.execute(`PRAGMA ${p}`)));
    expect(pragmas.map((r) => Object.values(r.rows[0]!)[0])).toEqual(['wal', 5000, 1]);
    database.close();
  });
});
