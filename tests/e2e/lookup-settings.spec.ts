import { expect, test, type Page } from '@playwright/test';
import { noAxeViolations, signUpStore } from './seller';
import { suffix } from './api';
import { E2E } from './env';

// The public "track your order" page, the settings page, and tenancy: seller B signed in and trying
// seller A's (the demo store's) ids.



test.describe('track your order (/s/{slug})', () => {
  test('the order number and its postal code lead to the tracking page; any miss gets the same answer', async ({ page, request }) => {
    await page.goto('/s/juniper-oak');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Track your order from Juniper & Oak');
    await noAxeViolations(page);
    await page.getByLabel('Order number').fill('JO-1001');
    await page.getByLabel('ZIP or postal code').fill('48084');
    await page.getByRole('button', { name: 'Find my order' }).click();
    await expect(page).toHaveURL(/\/t\/[A-Za-z0-9_-]+$/);
    await expect(page.getByText('Hi Dana, here is your order JO-1001.')).toBeVisible();

    // a wrong code and an unknown order: the same status and the same page, but for what was typed
    const miss = async (orderNumber: string, postalCode: string) => {
      // a browser's form post carries its Origin (Astro refuses a form post without one)
      const res = await request.post('/s/juniper-oak', { form: { orderNumber, postalCode }, maxRedirects: 0, headers: { origin: E2E.baseUrl } });
      return { status: res.status(), body: (await res.text()).replaceAll(orderNumber, 'N').replaceAll(postalCode, 'P') };
    };
    const wrongCode = await miss('JO-1002', '99999');
    const unknown = await miss('JO-9999', '78701');
    expect(wrongCode.status).toBe(404);
    expect(unknown).toEqual(wrongCode);
    expect(wrongCode.body).toContain('We couldn’t find an order with that number and postal code.');
    expect(wrongCode.body).not.toContain('Luis'); // JO-1002's customer
  });

  test('an unknown store is a 404', async ({ request }) => {
    expect((await request.get('/s/no-such-store')).status()).toBe(404);
  });
});

test('settings: the accent’s contrast is checked, a logo is uploaded, and the customer page shows both', async ({ page }) => {
  await signUpStore(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  await noAxeViolations(page);
  await page.getByLabel('Accent color').fill('#e0f2fe');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status')).toHaveText('Settings saved.');
  await expect(page.getByText(/below WCAG AA \(4\.5:1\)/)).toBeVisible();
  // a 1×1 PNG
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  await page.getByLabel('Logo image').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: 'Upload logo' }).click();
  await expect(page.getByRole('status')).toHaveText('Logo saved.');
  await page.getByLabel('Logo image').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
  await page.getByRole('button', { name: 'Upload logo' }).click();
  await expect(page.getByRole('alert')).toContainText('SVG is not accepted');
  // over the upload limit: the body is never read, the page says why
  await page.getByLabel('Logo image').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.alloc(300 * 1024, 1) });
  await page.getByRole('button', { name: 'Upload logo' }).click();
  await expect(page.getByRole('alert')).toHaveText('The file is too large. A logo can be up to 200 KB.');
});

test('seller B signed in gets a 404 for each of seller A’s ids, and changes nothing', async ({ page, request }) => {
  await signUpStore(page);
  for (const path of ['/dashboard/orders/JO-1005', '/dashboard/orders/JO-1009']) expect((await page.goto(path))!.status(), path).toBe(404);
  // A's order never shows in B's list or search
  await page.goto('/dashboard/orders?q=JO-10');
  await expect(page.getByText('No orders match.')).toBeVisible();
  // posts naming A's ids: resolve A's report id 1, revoke A's key id 1, remove A's owner (user 1), preview A's order
  const posts: [string, Record<string, string>][] = [
    ['/dashboard/orders/JO-1005', { form: 'resolve', reportId: '1', note: 'x' }],
    ['/dashboard/keys', { form: 'revoke', id: '1' }],
    ['/dashboard/team', { form: 'remove', userId: '1' }],
    ['/dashboard/team', { form: 'role', userId: '1', role: 'member' }],
  ];
  for (const [path, form] of posts) {
    const res = await page.request.post(path, { form, maxRedirects: 0, headers: { origin: E2E.baseUrl } });
    expect([403, 404], `${path} ${JSON.stringify(form)}`).toContain(res.status());
  }
  const preview = await page.request.get('/dashboard/messages?order=JO-1005');
  expect(await preview.text()).not.toContain('JO-1005 ·');
  const live = await page.request.get('/dashboard/messages/preview.json?touchpoint=shipped&language=en&order=JO-1005&subject=x&body={link}');
  expect(live.status()).toBe(404);
  expect(await live.text()).not.toContain('/t/');
  // the demo store still signs in, with its key and its owner
  await page.goto('/login');
  const demo = await request.post('/login', { form: { email: 'demo@juniper-oak.example', password: 'porchlight demo login' }, maxRedirects: 0, headers: { origin: E2E.baseUrl } });
  expect(demo.status()).toBe(303);
});

test('a dashboard post from another site is refused (403)', async ({ page }) => {
  await signUpStore(page);
  const res = await page.request.post('/dashboard/keys', { form: { form: 'create', name: 'evil' }, headers: { origin: 'https://evil.example' } });
  expect(res.status()).toBe(403);
});
