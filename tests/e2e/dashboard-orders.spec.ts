import { expect, test, type Page } from '@playwright/test';
import { noAxeViolations, signUpStore } from './seller';
import { suffix } from './api';

// The seller's journey in a real browser, at phone and desktop sizes: sign up → create an order →
// copy its link → open it as the customer; find it in the list; add an update; rotate the link.



for (const size of [{ name: 'phone', width: 390, height: 844 }, { name: 'desktop', width: 1280, height: 900 }]) {
  test(`${size.name}: sign up, create an order, copy its link, open it as the customer`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: size });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    await signUpStore(page);
    await page.getByRole('link', { name: 'New order' }).click();
    const orderNumber = `MG-${suffix()}`;
    await page.getByLabel('Order number').fill(orderNumber);
    await page.getByLabel('Customer’s first name').fill('Rosa');
    await page.getByLabel('City').fill('Austin');
    await page.getByLabel('State or region').fill('TX');
    await page.getByLabel('ZIP or postal code').fill('78701');
    await page.getByLabel('Tracking number').fill(`TBA3${Date.now().toString().slice(-11)}`);
    await page.getByLabel('Item', { exact: false }).first().fill('Maple syrup, 1 qt');
    await noAxeViolations(page);
    await page.getByRole('button', { name: 'Create order' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Order ${orderNumber}`);
    await noAxeViolations(page);

    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect(page.getByText('Copied.')).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await page.getByRole('textbox', { name: 'Tracking link' }).inputValue());
    expect(copied).toMatch(/\/t\/[A-Za-z0-9_-]+$/);

    // the customer, in a browser of their own, with no session
    const customer = await browser.newContext({ viewport: size });
    const customerPage = await customer.newPage();
    await customerPage.goto(copied);
    await expect(customerPage.getByText(`Hi Rosa, here is your order ${orderNumber}.`)).toBeVisible();
    await expect(customerPage.getByRole('heading', { level: 1 })).toHaveText('Order received');
    await customer.close();

    // it is in the list, found by its order number
    await page.getByRole('link', { name: 'Orders', exact: true }).click();
    await page.getByLabel('Search').fill(orderNumber);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('row')).toHaveCount(2);
    await expect(page.getByRole('rowheader', { name: orderNumber })).toBeVisible();
    await noAxeViolations(page);
    await context.close();
  });
}

test('an update by hand reaches the customer page; a new link stops the old one', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUpStore(page);
  await page.goto('/dashboard/orders/new');
  const orderNumber = `MG-${suffix()}`;
  await page.getByLabel('Order number').fill(orderNumber);
  await page.getByLabel('Tracking number').fill(`TBA3${Date.now().toString().slice(-11)}`);
  await page.getByRole('button', { name: 'Create order' }).click();
  const oldLink = await page.getByRole('textbox', { name: 'Tracking link' }).inputValue();

  await page.getByLabel('What happened').selectOption('shipped');
  await page.getByRole('button', { name: 'Add update' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Update added. The customer’s page shows it now.');
  const customer = await browser.newContext();
  const customerPage = await customer.newPage();
  await customerPage.goto(oldLink);
  await expect(customerPage.getByRole('heading', { level: 1 })).toHaveText('Shipped');

  await page.getByRole('button', { name: 'Make a new link' }).click();
  await expect(page.getByRole('status').first()).toHaveText('A new link is ready. The old one no longer works.');
  const newLink = await page.getByRole('textbox', { name: 'Tracking link' }).inputValue();
  expect(newLink).not.toBe(oldLink);
  expect((await customerPage.goto(oldLink))!.status()).toBe(410);
  expect((await customerPage.goto(newLink))!.status()).toBe(200);
  await customer.close();
  await context.close();
});

test('another seller’s order number is a 404 in the dashboard', async ({ page }) => {
  await signUpStore(page);
  // JO-1001 is the demo store's order
  expect((await page.goto('/dashboard/orders/JO-1001'))!.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not found');
  await expect(page.locator('main')).not.toContainText('Dana');
  await noAxeViolations(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the order page shows its link as a field to select (no copy button), and the list works', async ({ page }) => {
    await signUpStore(page);
    await page.goto('/dashboard/orders/new');
    const orderNumber = `NJ-${suffix()}`;
    await page.getByLabel('Order number').fill(orderNumber);
    await page.getByRole('button', { name: 'Create order' }).click();
    await expect(page.getByRole('textbox', { name: 'Tracking link' })).toHaveValue(/\/t\//);
    await expect(page.getByRole('button', { name: 'Copy link' })).toBeHidden();
    await page.goto('/dashboard/orders?status=order_placed');
    await expect(page.getByRole('rowheader', { name: orderNumber })).toBeVisible();
  });
});
