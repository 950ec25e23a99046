import { Agent, request } from 'node:http';

// The benches' load generator for POSTs: node:http over kept-alive connections. It shares the two
// cores with the server, and fetch costs it about twice the CPU per request.

export const keepAliveAgent = (connections: number) => new Agent({ keepAlive: true, maxSockets: connections });

/** POSTs `body` and reads the whole answer. */
export function post(agent: Agent, url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
