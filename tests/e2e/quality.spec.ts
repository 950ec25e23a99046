import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { demo, pathOf } from './demo';

const KEYS = ['placed', 'ready_to_ship', 'shipped', 'out_for_delivery', 'delivered', 'attempted', 'delayed', 'locker_pickup', 'split_shipment', 'delivered_3_days_ago'];

test.describe('accessibility (axe finds nothing)', () => {
  // [demo order, path suffix]: paths resolve inside each test, once the web server has seeded the demo
  const pages: [string | null, string][] = [
    ...KEYS.map((k): [string, string] => [k, '']),
    ['out_for_delivery', '?lang=es'],
    ['split_shipment', '?lang=es'],
    ['delivered', '/not-received'],
    ['delivered_3_days_ago', '/not-received'],
    ['delivered_3_days_ago', '/not-received?lang=es'],
    ['placed', '/not-received'],
    [null, '/t/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
  ];
  for (const [key, suffix] of pages) {
    test(`axe: ${key ?? 'unknown link'}${suffix}`, async ({ page }) => {
      await page.goto(key ? pathOf(key) + suffix : suffix);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }
});

test.describe('works without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the out-for-delivery page shows status, window, steps and history', async ({ page }) => {
    await page.goto(pathOf('out_for_delivery'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Out for delivery');
    await expect(page.locator('.eta')).toContainText('8 AM – 8 PM');
    await expect(page.locator('.steps li')).toHaveCount(5);
    await expect(page.locator('.timeline li')).toHaveCount(5);
  });
  test('every demo page shows its headline and history, and the language switch works', async ({ page }) => {
    for (const key of KEYS) {
      await page.goto(pathOf(key));
      await expect(page.getByRole('heading', { level: 1 })).not.toBeEmpty();
      await expect(page.locator('.timeline li').first()).toBeVisible();
    }
    await page.getByRole('link', { name: 'Español' }).click();
    await expect(page.getByRole('heading', { name: 'Historial del envío' })).toBeVisible();
  });
  test('the AMZL explainer opens without JavaScript', async ({ page }) => {
    // the shipped order always goes by Amazon Logistics; the out-for-delivery one is in Guam with
    // USPS at night on the US mainland (src/domain/demo/seed.ts), where there is no such explainer
    await page.goto(pathOf('shipped'));
    await page.getByText('About delivery by Amazon Logistics').click();
    await expect(page.getByText('7 days a week, 8 AM – 8 PM')).toBeVisible();
  });
});

test.describe('privacy, headers and link states', () => {
  test('no street address, last name, email, phone or postal code reaches the page', async ({ page, request }) => {
    const res = await request.post('/api/v1/orders', {
      headers: { authorization: `Bearer ${demo().apiKey}` },
      data: {
        orderNumber: 'E2E-PRIVACY', customer: { firstName: 'Robin', lastName: 'Zebulonsky', email: 'robin@private.example', phone: '+15550001111' },
        destination: { address1: '742 Evergreen Terrace', address2: 'Apt 9', city: 'Springfield', region: 'IL', postalCode: '62704', country: 'US' },
        packages: [{ carrier: 'AMZL', trackingNumber: 'TBA399999999999' }],
      },
    });
    expect(res.status()).toBe(201);
    const { trackingUrl } = await res.json();
    await page.goto(new URL(trackingUrl).pathname);
    await expect(page.getByText('Hi Robin')).toBeVisible();
    const html = await page.content();
    for (const secret of ['Evergreen', 'Apt 9', 'Zebulonsky', 'robin@private.example', '5550001111', '62704']) expect(html).not.toContain(secret);
    for (const key of KEYS) {
      const demoHtml = await (await request.get(pathOf(key))).text();
      expect(demoHtml).not.toMatch(/\b(48084|78701|32501|98101|33101|60601|85001|97201|90012|02108)\b/);
    }
  });

  test('customer pages send noindex, referrer, nosniff, CSP and private caching headers', async ({ request }) => {
    for (const path of [pathOf('delivered'), `${pathOf('delivered')}/not-received`, '/t/nope']) {
      const res = await request.get(path);
      const h = res.headers();
      expect(h['x-robots-tag']).toContain('noindex');
      expect(h['referrer-policy']).toBe('same-origin');
      expect(h['x-content-type-options']).toBe('nosniff');
      expect(h['cache-control']).toMatch(/private/);
      for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
        expect(h['content-security-policy']).toContain(directive);
      }
    }
  });

  test('unknown and malformed tokens get the same 404 page', async ({ request }) => {
    const a = await request.get('/t/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const b = await request.get('/t/not-a-token');
    expect(a.status()).toBe(404);
    expect(b.status()).toBe(404);
    expect(await a.text()).toBe(await b.text());
  });

  test('a rotated link shows a 410 page with the seller’s contact', async ({ page, request }) => {
    const headers = { authorization: `Bearer ${demo().apiKey}` };
    const created = await (await request.post('/api/v1/orders', { headers, data: { orderNumber: 'E2E-ROTATE', destination: { country: 'US', region: 'WA' } } })).json();
    const rotated = await request.post('/api/v1/orders/E2E-ROTATE/link/rotate', { headers });
    expect(rotated.status()).toBe(200);
    const res = await page.goto(new URL(created.trackingUrl).pathname);
    expect(res?.status()).toBe(410);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This tracking link is no longer active');
    await expect(page.getByRole('link', { name: 'Email Juniper & Oak' })).toHaveAttribute('href', 'mailto:help@juniper-oak.example');
  });
});

test.describe('page weight budget', () => {
  test('HTML+CSS of every tracking page is under 14 KB gzipped, JavaScript under 5 KB', async ({ request }) => {
    for (const key of KEYS) {
      for (const lang of ['en', 'es']) {
        const html = await (await request.get(`${pathOf(key)}?lang=${lang}`)).text();
        let css = 0;
        let js = Buffer.from([...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join(''));
        for (const [, href] of html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)) css += gzipSync(await (await request.get(href!)).body()).length;
        for (const [, src] of html.matchAll(/<script[^>]+src="([^"]+)"/g)) js = Buffer.concat([js, await (await request.get(src!)).body()]);
        const total = gzipSync(html).length + css;
        expect(total, `${key} ${lang}: ${total} bytes`).toBeLessThan(14 * 1024);
        expect(gzipSync(js).length, `${key} ${lang} JavaScript`).toBeLessThan(5 * 1024);
      }
    }
  });
});
