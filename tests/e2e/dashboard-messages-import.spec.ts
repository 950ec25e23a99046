import { expect, test, type Page } from '@playwright/test';
import { noAxeViolations, signUpStore } from './seller';
import { suffix } from './api';

// CSV import (good and bad rows, the same file twice) and editing a message template with its
// preview, in a real browser.



test('a CSV with good and bad rows: the good orders are in, the bad rows listed with their lines; the same file again adds nothing', { tag: '@desktop' }, async ({ page }) => {
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

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the import posts the file and answers with the result page: counts, and the bad row by its line', async ({ page }) => {
    await signUpStore(page);
    await page.goto('/dashboard/import');
    const id = suffix();
    const csv = ['order_number,country,item_name', `NJ-${id}-1,US,Mug`, `NJ-${id}-2,USA,Bowl`].join('\n');
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByRole('status')).toHaveText('Import finished: 1 created, 0 already here, 1 not imported.');
    await expect(page.getByRole('region', { name: 'Rows not imported' }).getByRole('row').nth(1).getByRole('rowheader')).toHaveText('3');
    await expect(page.getByLabel('Import progress')).toBeHidden();

    // a file over the upload limit: back on the page, told why, nothing imported
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.alloc(21 * 1024 * 1024 + 1, 'a') });
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByRole('alert')).toHaveText('The file is too large. A file can hold up to 20 MB and 50,000 rows; split a larger one.');
    await expect(page).toHaveURL(/\/dashboard\/import\?refused=too_large$/);
  });
});

test('with JavaScript the import shows live progress in Spanish, then the result and the rows left out', { tag: '@desktop' }, async ({ page }) => {
  await signUpStore(page);
  await page.goto('/dashboard/import?lang=es');
  await expect(page.getByRole('heading', { name: 'Importar pedidos desde un archivo CSV' })).toBeVisible();
  await page.getByText('Columnas').click();
  await expect(page.getByRole('rowheader', { name: 'order_number (obligatorio)' })).toBeVisible();
  await noAxeViolations(page);
  // every word the progress line says, in order, as the page's script writes it
  await page.evaluate(() => {
    const said: string[] = [];
    Object.assign(window, { said });
    new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach((n) => said.push(n.textContent ?? '')))).observe(document.querySelector('[data-import-phase]')!, { childList: true });
  });
  const id = suffix();
  const rows = Array.from({ length: 2_000 }, (_, i) => `LV-${id}-${i + 1},US,Mug`);
  const csv = ['order_number,country,item_name', ...rows, `LV-${id}-x,Nowhere,Mug`].join('\n');
  await page.getByLabel('Archivo CSV', { exact: true }).setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const answer = page.waitForResponse((r) => r.url().includes('/dashboard/import') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Importar' }).click();
  expect((await answer).headers()['content-type']).toBe('application/x-ndjson; charset=utf-8');
  await expect(page.getByRole('status')).toHaveText('Importación terminada: 2000 creados, 0 ya estaban, 1 sin importar.');
  await expect(page.getByRole('status')).toBeFocused();
  await expect(page.getByRole('region', { name: 'Filas sin importar' }).getByRole('row').nth(1).getByRole('rowheader')).toHaveText('2002');
  await expect(page.getByLabel('Progreso de la importación')).toBeHidden();
  const said = await page.evaluate(() => (window as unknown as { said: string[] }).said);
  const reading = said.filter((s) => s.startsWith('Importando'));
  expect(reading.length).toBeGreaterThanOrEqual(3);
  for (const s of reading) expect(s).toMatch(/^Importando: \d+ filas leídas \(\d+ %\)$/);
  const counts = reading.map((s) => Number(/(\d+) filas/.exec(s)![1]));
  expect(counts).toEqual([...counts].sort((a, b) => a - b));
  await noAxeViolations(page);

  // the same file again: the last result goes, the new one says nothing was added twice
  await page.getByRole('button', { name: 'Importar' }).click();
  await expect(page.getByRole('status')).toHaveText('Importación terminada: 0 creados, 2000 ya estaban, 1 sin importar.');
  await expect(page.getByRole('region', { name: 'Filas sin importar' })).toHaveCount(1);

  // a file over 20 MB is refused before it is sent
  const posts: string[] = [];
  page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
  await page.getByLabel('Archivo CSV', { exact: true }).setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.alloc(20 * 1024 * 1024 + 1, 'a') });
  await page.getByRole('button', { name: 'Importar' }).click();
  await expect(page.getByRole('alert')).toHaveText('El archivo es demasiado grande. Un archivo puede tener hasta 20 MB y 50.000 filas; divide uno más grande.');
  await expect(page.getByRole('alert')).toBeFocused();
  await expect(page.getByRole('status')).toHaveCount(0);
  expect(posts).toEqual([]);
});

test('a message template: a bad variable is refused by name, a good edit is saved and previewed with a real order’s link', { tag: '@desktop' }, async ({ page }) => {
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
