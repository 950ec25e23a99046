import { expect, test, type Page } from '@playwright/test';
import { noAxeViolations, signUpStore } from './seller';
import { suffix } from './api';

// CSV import (good and bad rows, the same file twice) and editing a message template with its
// preview, in a real browser.



test('a CSV with good and bad rows: the good orders are in, the bad rows listed with their lines; the same file again adds nothing', async ({ page }) => {
  await signUpStore(page);
  await page.getByRole('link', { name: 'Import' }).click();
  await noAxeViolations(page);
  const id = suffix();
  const csv = [
    'order_number,first_name,city,region,postal_code,country,item_name,item_quantity,carrier,tracking_number',
    `IM-${id}-1,Ana,Austin,TX,78701,US,Mug,2,AMZL,TBA3${id}0001`,
    `IM-${id}-2,Ben,Denver,CO,80202,US,Bowl,1,UPS,1Z${id}0002`,
    `IM-${id}-3,Cy,Nowhere,ZZ,00000,USA,Plate,0,AMZL,TBA3${id}0003`,
  ].join('\n');
  const file = { name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(file);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status')).toHaveText('Import finished: 2 created, 0 already here, 1 not imported.');
  const rows = page.getByRole('region', { name: 'Rows not imported' }).getByRole('row');
  await expect(rows.nth(1).getByRole('rowheader')).toHaveText('4');
  await expect(rows.nth(1)).toContainText(`IM-${id}-3`);
  await noAxeViolations(page);

  await page.getByLabel('CSV file', { exact: true }).setInputFiles(file);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status')).toHaveText('Import finished: 0 created, 2 already here, 1 not imported.');

  await page.goto(`/dashboard/orders?q=IM-${id}`);
  await expect(page.getByRole('rowheader')).toHaveText([`IM-${id}-2`, `IM-${id}-1`]);
});

test('a message template: a bad variable is refused by name, a good edit is saved and previewed with a real order’s link', async ({ page }) => {
  await signUpStore(page);
  await page.goto('/dashboard/orders/new');
  const orderNumber = `MS-${suffix()}`;
  await page.getByLabel('Order number').fill(orderNumber);
  await page.getByLabel('Customer’s first name').fill('Lena');
  await page.getByRole('button', { name: 'Create order' }).click();
  const link = await page.getByRole('textbox', { name: 'Tracking link' }).inputValue();

  await page.getByRole('link', { name: 'Messages' }).click();
  await expect(page.getByRole('heading', { name: 'Shipped · English' })).toBeVisible();
  await noAxeViolations(page);
  await page.getByRole('textbox', { name: 'Message', exact: true }).first().fill('Hi {fist_name}, your order is on its way: {link}');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toContainText('{fist_name}');
  await expect(page.getByRole('alert')).toContainText('{first_name}');
  await expect(page.getByRole('textbox', { name: 'Message', exact: true }).first()).toHaveValue('Hi {fist_name}, your order is on its way: {link}');

  await page.getByRole('textbox', { name: 'Message', exact: true }).first().fill('Hi {first_name}, your order {order_number} is on its way: {link}');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Saved.');
  await expect(page.getByRole('link', { name: /Shipped · EN \(edited\)/ })).toBeVisible();
  const preview = page.getByRole('textbox', { name: 'Message' }).last();
  await expect(preview).toHaveValue(`Hi Lena, your order ${orderNumber} is on its way: ${link}`);
  await noAxeViolations(page);

  // with JavaScript the preview follows the typing, before anything is saved
  await page.getByRole('textbox', { name: 'Message', exact: true }).first().fill('Hola {first_name}, tu pedido {order_number} va en camino.');
  await expect(preview).toHaveValue(`Hola Lena, tu pedido ${orderNumber} va en camino.`);
  await page.getByRole('textbox', { name: 'Message', exact: true }).first().fill('Hi {nombre}');
  await expect(page.locator('[data-preview-status]')).toContainText('{nombre}');

  await page.getByRole('button', { name: 'Use Porchlight’s wording again' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Back to Porchlight’s wording.');
});
