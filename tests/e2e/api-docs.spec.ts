import { expect, test } from '@playwright/test';
import { E2E } from './env';

// The API reference renders in a real browser under its own CSP, from this server alone: no CDN,
// no fonts, no telemetry. Every request the page makes is watched; one to another origin fails.

test('/docs/api renders the API reference with curl examples, and no request leaves our origin @desktop', async ({ page }) => {
  const foreign: string[] = [];
  const refused: string[] = [];
  const ours = new URL(E2E.baseUrl).origin;
  // anything not ours is recorded and cut off, so a phone-home can neither succeed nor hang the page
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === ours || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  page.on('console', (m) => m.type() === 'error' && /Content.Security.Policy|Refused/i.test(m.text()) && refused.push(m.text()));

  await page.goto('/docs/api');
  await expect(page.getByRole('heading', { name: 'Porchlight API', exact: true })).toBeVisible({ timeout: 20_000 });
  const operation = page.getByRole('heading', { name: 'Create an order' });
  await operation.scrollIntoViewIfNeeded();
  await expect(operation).toBeVisible();
  // the copy-paste example: curl against this server, with the key header and the example order
  const curl = page.locator('code').filter({ hasText: `curl ${E2E.baseUrl}/api/v1/orders ` }).first();
  await curl.scrollIntoViewIfNeeded();
  await expect(curl).toBeVisible();
  await expect(curl).toContainText('--request POST');
  await expect(curl).toContainText('Authorization: Bearer');
  await expect(curl).toContainText('SO-1001');

  expect(foreign).toEqual([]);
  expect(refused).toEqual([]);
});
