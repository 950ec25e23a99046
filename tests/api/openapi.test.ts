import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness';

// The OpenAPI document as published: valid OpenAPI 3.1 by a maintained validator, and saying what
// a developer reading it needs (auth, idempotency, rate limits, outbound webhooks); the reference
// page that renders it loads nothing from anywhere but this server.

let h: Harness;
let doc: any;
beforeAll(async () => {
  h = await startHarness();
  const res = await h.app.request('/api/v1/openapi.json');
  expect(res.status).toBe(200);
  doc = await res.json();
});
afterAll(() => h.close());

describe('GET /api/v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document (@readme/openapi-parser)', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc));
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('needs no API key, and names this server as the one to call', async () => {
    expect(doc.servers).toEqual([{ url: 'https://track.example.test' }]);
  });

  it('every seller operation needs the Bearer key; every seller POST takes Idempotency-Key; every operation has a summary and description', () => {
    const ops = Object.entries(doc.paths).flatMap(([path, methods]: [string, any]) => Object.entries(methods).map(([method, op]: [string, any]) => ({ path, method, op })));
    expect(ops.length).toBeGreaterThan(15);
    for (const { path, method, op } of ops) {
      expect(op.summary, `${method} ${path}`).toBeTruthy();
      expect(op.description, `${method} ${path}`).toBeTruthy();
      const seller = path.startsWith('/api/v1/') && path !== '/api/v1/openapi.json';
      expect(op.security ?? null, `${method} ${path}`).toEqual(seller ? [{ apiKey: [] }] : null);
      const idem = (op.parameters ?? []).some((p: any) => p.in === 'header' && p.name === 'Idempotency-Key');
      expect(idem, `${method} ${path}`).toBe(seller && method === 'post');
      if (seller) expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['401', '429']));
    }
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('documents each outbound webhook event with its Standard Webhooks signature headers', () => {
    expect(Object.keys(doc.webhooks).sort()).toEqual([
      'feedback.created', 'order.delivered', 'order.exception', 'order.out_for_delivery', 'order.shipped', 'order.stalled', 'report.created', 'sms.opted_out',
    ]);
    for (const [name, item] of Object.entries(doc.webhooks) as [string, any][]) {
      const headers = item.post.parameters.filter((p: any) => p.in === 'header').map((p: any) => p.name);
      expect(headers, name).toEqual(['webhook-id', 'webhook-timestamp', 'webhook-signature']);
      expect(item.post.requestBody.content['application/json'].schema.properties.type).toMatchObject({ enum: [name] });
    }
  });

  it('documents Twilio’s webhooks as signed form posts answered with TwiML or nothing, and the dev SMS endpoints as dev-only', () => {
    for (const path of ['/api/twilio/inbound', '/api/twilio/status']) {
      const op = doc.paths[path].post;
      expect(op.tags, path).toEqual(['Twilio']);
      expect(op.parameters.filter((p: any) => p.in === 'header').map((p: any) => [p.name, p.required]), path).toEqual([['X-Twilio-Signature', true]]);
      expect(Object.keys(op.requestBody.content), path).toEqual(['application/x-www-form-urlencoded']);
      expect(Object.keys(op.responses), path).toEqual(expect.arrayContaining(['403', '415', '422']));
    }
    expect(Object.keys(doc.paths['/api/twilio/inbound'].post.responses['200'].content)).toEqual(['text/xml']);
    expect(doc.paths['/api/twilio/status'].post.responses['204'].content).toBeUndefined();
    expect(doc.paths['/api/twilio/status'].post.parameters).toContainEqual(expect.objectContaining({ in: 'query', name: 'm', required: true }));
    for (const [path, method] of [['/api/dev/sms', 'get'], ['/api/dev/sms/reply', 'post']] as const) {
      const op = doc.paths[path][method];
      expect(op.tags, path).toEqual(['Development']);
      expect(op.description, path).toContain('only with `SMS_TRANSPORT=dev`');
      expect(op.responses['404'], path).toBeDefined();
    }
  });

  it('a request body in the document is the schema the route validates with (an order without orderNumber is refused by both)', () => {
    const create = doc.paths['/api/v1/orders'].post.requestBody.content['application/json'].schema;
    expect(create.required).toEqual(expect.arrayContaining(['orderNumber', 'destination']));
    expect(create.properties.orderNumber.pattern).toBe('^[A-Za-z0-9][A-Za-z0-9._:#-]{0,63}$');
  });
});

describe('GET /docs/api', () => {
  it('serves the reference page with its scripts from this origin only, under a policy that allows nothing else', async () => {
    const res = await h.app.request('/docs/api');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual(['/docs/api/scalar.js', '/docs/api/setup.js']);
    expect(html).not.toMatch(/https?:\/\//);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:|unsafe-eval|\*/);
  });

  it('/docs/api/ with a trailing slash is a 308 to the page, keeping the query', async () => {
    const res = await h.app.request('/docs/api/?x=1');
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe('/docs/api?x=1');
    const page = await h.app.request(res.headers.get('location')!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Porchlight API reference</title>');
  });

  it('the renderer is Scalar’s bundle from node_modules; the setup turns off its fonts, telemetry, proxy and AI agent', async () => {
    const bundle = await h.app.request('/docs/api/scalar.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(bundle.headers.get('content-encoding')).toBe('gzip');
    expect(Buffer.from(await bundle.arrayBuffer()).length).toBeGreaterThan(100_000);
    const setup = await (await h.app.request('/docs/api/setup.js')).text();
    const config = JSON.parse(setup.slice(setup.indexOf('{'), setup.lastIndexOf('}') + 1));
    expect(config).toMatchObject({ url: '/api/v1/openapi.json', withDefaultFonts: false, telemetry: false, proxyUrl: '', agent: { disabled: true }, mcp: { disabled: true } });
    expect(config.defaultHttpClient).toEqual({ targetKey: 'shell', clientKey: 'curl' });
  });
});
