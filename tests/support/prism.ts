import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { freePort, waitFor } from './ports';

/**
 * Twilio's own OpenAPI description (from @twilio-alpha/mcp) served by Prism with --errors: a
 * request Twilio's spec does not allow (missing To, malformed SIDs, no Basic auth …) is answered
 * 4xx with Prism's list of violations instead of a sample message.
 */
const SPEC = fileURLToPath(new URL('../../node_modules/@twilio-alpha/mcp/twilio-oai/spec/json/twilio_api_v2010.json', import.meta.url));
const PRISM = fileURLToPath(new URL('../../node_modules/.bin/prism', import.meta.url));
const STARTUP_TIMEOUT_MS = 30_000;

export interface PrismViolation {
  /** e.g. ['body', 'To'], ['path', 'accountsid'], or ['response', 'body', 'uri'] for the spec's own examples */
  location: string[];
  message: string;
}

/** One request that reached Prism and what Prism said about it. */
export interface PrismExchange {
  method: string;
  path: string;
  requestBody: string;
  status: number;
  responseBody: string;
  violations: PrismViolation[];
}

export interface PrismMock {
  /** TWILIO_API_BASE_URL for the mock: a recording pass-through in front of Prism */
  baseUrl: string;
  exchanges: PrismExchange[];
  startupMs: number;
  stop(): Promise<void>;
}

export async function startPrism(): Promise<PrismMock> {
  const started = Date.now();
  const port = await freePort();
  const child = spawn(process.execPath, [realpathSync(PRISM), 'mock', SPEC, '--host', '127.0.0.1', '--port', String(port), '--errors'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Prism logs every route at start (thousands of lines): drain the pipes, keep the tail for errors.
  let output = '';
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve(void (exited = true))));
  const stopPrism = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exit;
    clearTimeout(killer);
  };

  const upstream = `http://127.0.0.1:${port}`;
  try {
    await waitFor('Prism to answer', async () => {
      if (exited) throw new Error(`prism exited during startup:\n${output}`);
      return fetch(`${upstream}/`).then(() => true, () => false);
    }, STARTUP_TIMEOUT_MS, 100);
  } catch (e) {
    await stopPrism();
    throw e;
  }

  const exchanges: PrismExchange[] = [];
  const proxy = createServer(async (req, res) => {
    let requestBody = '';
    for await (const chunk of req) requestBody += chunk;
    const forward = request(`${upstream}${req.url}`, { method: req.method, headers: req.headers }, async (answer) => {
      let responseBody = '';
      for await (const chunk of answer) responseBody += chunk;
      exchanges.push({ method: req.method ?? '', path: req.url ?? '', requestBody, status: answer.statusCode ?? 0, responseBody, violations: violationsIn(responseBody) });
      res.writeHead(answer.statusCode ?? 502, answer.headers).end(responseBody);
    });
    forward.on('error', () => res.destroy());
    forward.end(requestBody);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));

  return {
    baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    exchanges,
    startupMs: Date.now() - started,
    async stop() {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await stopPrism();
    },
  };
}

function violationsIn(body: string): PrismViolation[] {
  try {
    const parsed = JSON.parse(body) as { validation?: { location?: string[]; message?: string }[] };
    return (parsed.validation ?? []).map((v) => ({ location: v.location ?? [], message: v.message ?? '' }));
  } catch {
    return [];
  }
}
