import { expect, test } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { startReceiver } from '../support/webhook-receiver';
import { suffix } from './api';
import { noAxeViolations, signUpStore } from './seller';

// The Webhooks page in a real browser, without its scripts: an endpoint added with its events, the
// signing secret shown once, a real delivery (the running server's worker) verified by the
// receiver with the standardwebhooks library, listed with its answer, and resent by hand.

test('a seller adds a webhook endpoint, sees the delivery with its answer and resends it @desktop', async ({ browser, request }) => {
  test.setTimeout(60_000);
  const receiver = await startReceiver();
  try {
    const context = await browser.newContext();
    await context.route('**/js/**', (route) => route.abort());
    const page = await context.newPage();
    await signUpStore(page);

    // an API key to send the order's scans with
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Key name').fill('warehouse');
    await page.getByRole('button', { name: 'Create key' }).click();
    const apiKey = await page.getByLabel('New API key').inputValue();

    await page.getByRole('link', { name: 'Webhooks' }).click();
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
    await noAxeViolations(page);
    // an address that is not https (or http with the development setting) is refused, with the reason
    await page.getByLabel('Endpoint URL (https://…)').fill('ftp://files.example/hook');
    await page.getByLabel(/order\.shipped/).check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(page.getByRole('alert')).toContainText('must start with https://');
    await expect(page.getByLabel(/order\.shipped/)).toBeChecked(); // what was chosen stays chosen
    await page.getByLabel(/order\.shipped/).uncheck();
    await page.getByLabel('Endpoint URL (https://…)').fill(receiver.url);
    await page.getByLabel(/order\.shipped/).check();
    await page.getByLabel(/order\.delivered/).check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(page.getByRole('status')).toContainText('The endpoint is added');
    const secret = await page.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await noAxeViolations(page);

    const orderNumber = `WH-${suffix()}`;
    const headers = { authorization: `Bearer ${apiKey}` };
    expect((await request.post('/api/v1/orders', { headers, data: { orderNumber, destination: { city: 'Troy', region: 'MI', postalCode: '48084', country: 'US' }, packages: [{ carrier: 'AMZL', trackingNumber: 'TBA300000000001' }], placedAt: new Date(Date.now() - 3_600_000).toISOString() } })).status()).toBe(201);
    expect((await request.post(`/api/v1/orders/${orderNumber}/events`, { headers, data: { type: 'shipped', occurredAt: new Date(Date.now() - 60_000).toISOString(), trackingNumber: 'TBA300000000001' } })).status()).toBe(201);

    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(1);
    const got = receiver.received[0]!;
    const payload = new Webhook(secret).verify(got.body, got.headers as Record<string, string>) as { type: string; data: { orderNumber: string } };
    expect(payload).toMatchObject({ type: 'order.shipped', data: { orderNumber } });

    // listed with its answer; the secret is not on the page any more
    await page.goto('/dashboard/webhooks');
    expect(await page.content()).not.toContain(secret.slice(6));
    const row = page.getByRole('region', { name: 'Recent deliveries' }).getByRole('row', { name: /order\.shipped/ });
    await expect(row).toContainText('Delivered');
    await expect(row).toContainText('200');
    await noAxeViolations(page);
    await row.getByRole('button', { name: 'Resend order.shipped' }).click();
    await expect(page.getByRole('status')).toContainText('queued again');
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(2);
    expect(receiver.received[1]!.headers['webhook-id']).toBe(got.headers['webhook-id']);

    // Spanish, and the endpoint deleted
    await page.goto('/dashboard/webhooks?lang=es');
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
    await noAxeViolations(page);
    await page.getByRole('button', { name: `Eliminar ${receiver.url}` }).click();
    await expect(page.getByRole('status')).toContainText('El endpoint está eliminado');
    await context.close();
  } finally {
    await receiver.close();
  }
});
