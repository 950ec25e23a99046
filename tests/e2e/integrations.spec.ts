import { createHmac } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { noAxeViolations, signUpStore } from './seller';
import { suffix } from './api';

// The Integrations page in a real browser: each source set up by its labelled fields, the webhook
// URL to paste shown (Shippo's token once), a signed delivery to that URL making an order the
// dashboard lists, and a source switched off. The whole page is forms: it works without its scripts.

const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test('a seller connects each source from the Integrations page; a Shopify order then arrives by itself @desktop', async ({ browser, request }) => {
  test.setTimeout(90_000);
  // the page's own scripts refused (axe needs the browser's JavaScript): every step is a plain form
  const context = await browser.newContext();
  await context.route('**/js/**', (route) => route.abort());
  const page = await context.newPage();
  await signUpStore(page);
  await page.getByRole('link', { name: 'Integrations' }).click();
  await expect(page.getByRole('heading', { name: 'Integrations', level: 1 })).toBeVisible();
  await noAxeViolations(page);

  const shopify = section(page, 'Shopify');
  await shopify.getByLabel('Shop domain (your-shop.myshopify.com)').fill('maple-goods.myshopify.com');
  await shopify.getByLabel('Admin API access token').fill('shpat_browser_token_0001');
  await shopify.getByLabel('API secret key (signs the webhooks)').fill('shpss_browser_secret_01');
  await shopify.getByRole('button', { name: 'Connect Shopify' }).click();
  await expect(page.getByRole('status')).toHaveText('Shopify is connected.');
  const url = await section(page, 'Shopify').getByLabel('Webhook URL for Shopify').inputValue();
  expect(url).toMatch(/\/hooks\/shopify\/[A-Za-z0-9_-]{22}$/);
  // the secrets are never filled back in, nor anywhere on the page
  await expect(page.locator('main')).not.toContainText('shpss_browser_secret_01');
  expect(await page.content()).not.toContain('shpat_browser_token_0001');

  // Shopify calls the URL: the order appears on the dashboard with the first name only
  const number = `BR${suffix()}`;
  const body = JSON.stringify({
    id: Date.now(), name: `#${number}`, created_at: new Date().toISOString(), customer_locale: 'en',
    customer: { first_name: 'Robin', last_name: 'Hiddensurname' },
    shipping_address: { first_name: 'Robin', last_name: 'Hiddensurname', address1: '77 Private Road', city: 'Denver', province_code: 'CO', zip: '80202', country_code: 'US' },
    line_items: [{ title: 'Wool scarf', quantity: 1 }],
  });
  const hook = await request.post(new URL(url).pathname, {
    headers: { 'content-type': 'application/json', 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': `wh-${number}`, 'x-shopify-hmac-sha256': createHmac('sha256', 'shpss_browser_secret_01').update(body).digest('base64') },
    data: body,
  });
  expect(hook.status()).toBe(200);
  await page.goto('/dashboard/orders');
  await expect(page.getByRole('row', { name: new RegExp(number) })).toContainText('Robin');
  await page.goto('/dashboard/integrations');
  await expect(section(page, 'Shopify')).toContainText('1 deliveries received');

  // writing the tracking link back into Shopify is off until the seller turns it on
  const writeBack = 'Put the Porchlight tracking link on Shopify’s fulfillments';
  await expect(section(page, 'Shopify').getByLabel(writeBack)).not.toBeChecked();
  await expect(section(page, 'Shopify')).not.toContainText('Tracking links are written back to Shopify.');
  await section(page, 'Shopify').getByLabel('Admin API access token').fill('shpat_browser_token_0001');
  await section(page, 'Shopify').getByLabel('API secret key (signs the webhooks)').fill('shpss_browser_secret_01');
  await section(page, 'Shopify').getByLabel(writeBack).check();
  await section(page, 'Shopify').getByRole('button', { name: 'Save Shopify' }).click();
  await expect(page.getByRole('status')).toHaveText('Shopify is connected.');
  await expect(section(page, 'Shopify').getByLabel(writeBack)).toBeChecked();
  await expect(section(page, 'Shopify')).toContainText('Tracking links are written back to Shopify.');
  expect(await section(page, 'Shopify').getByLabel('Webhook URL for Shopify').inputValue()).toBe(url); // the URL stays

  // WooCommerce and EasyPost take a webhook secret; a too-short one is refused by name
  const woo = section(page, 'WooCommerce');
  await woo.getByLabel('Webhook secret').fill('short');
  await woo.getByRole('button', { name: 'Connect WooCommerce' }).click();
  await expect(section(page, 'WooCommerce').getByRole('alert')).toContainText('webhookSecret');
  await section(page, 'WooCommerce').getByLabel('Webhook secret').fill('woo-browser-secret-1');
  await section(page, 'WooCommerce').getByRole('button', { name: 'Connect WooCommerce' }).click();
  await expect(page.getByRole('status')).toHaveText('WooCommerce is connected.');
  await section(page, 'EasyPost').getByLabel('Webhook secret').fill('easypost-browser-1');
  await section(page, 'EasyPost').getByRole('button', { name: 'Connect EasyPost' }).click();
  await expect(section(page, 'EasyPost').getByLabel('Webhook URL for EasyPost')).toHaveValue(/\/hooks\/easypost\//);

  // Shippo: the URL with its token, shown this once
  await section(page, 'Shippo').getByRole('button', { name: 'Connect Shippo' }).click();
  const shippoUrl = await page.getByRole('textbox', { name: 'Webhook URL for Shippo' }).inputValue();
  expect(shippoUrl).toMatch(/\/hooks\/shippo\/[A-Za-z0-9_-]+\?token=[A-Za-z0-9_-]{32}$/);
  await page.goto('/dashboard/integrations');
  expect(await page.content()).not.toContain(new URL(shippoUrl).searchParams.get('token')!);

  // Amazon: Login with Amazon credentials and the region
  const amazon = section(page, 'Amazon Multi-Channel Fulfillment');
  await amazon.getByLabel('LWA client ID').fill('amzn1.application-oa2-client.browser');
  await amazon.getByLabel('LWA client secret').fill('lwa-browser-secret-01');
  await amazon.getByLabel('Refresh token').fill('Atzr|browser-refresh-token');
  await amazon.getByLabel('Region').selectOption('eu');
  await amazon.getByRole('button', { name: 'Connect Amazon Multi-Channel Fulfillment' }).click();
  await expect(page.getByRole('status')).toHaveText('Amazon Multi-Channel Fulfillment is connected.');
  await expect(section(page, 'Amazon Multi-Channel Fulfillment').getByLabel('Region')).toHaveValue('eu');

  // Klaviyo: a private key in, no URL out; the key is never shown again
  await section(page, 'Klaviyo').getByLabel('Private API key (pk_…)').fill('pk_browser_0123456789abcdef');
  await section(page, 'Klaviyo').getByRole('button', { name: 'Connect Klaviyo' }).click();
  await expect(page.getByRole('status')).toHaveText('Klaviyo is connected.');
  expect(await page.content()).not.toContain('pk_browser_0123456789abcdef');
  await expect(section(page, 'Klaviyo').getByRole('link', { name: /listed with the webhook deliveries/ })).toHaveAttribute('href', '/dashboard/webhooks#deliveries');

  // switched off: deliveries to its URL are refused
  await section(page, 'EasyPost').getByRole('button', { name: 'Switch off EasyPost' }).click();
  await expect(page.getByRole('status')).toContainText('EasyPost is switched off');
  await expect(section(page, 'EasyPost')).toContainText('Switched off');
  await noAxeViolations(page);
  await page.goto('/dashboard/integrations?lang=es');
  await expect(page.getByRole('heading', { name: 'Integraciones', level: 1 })).toBeVisible();
  await noAxeViolations(page);
  await context.close();
});
