import { expect, test } from '@playwright/test';
import { demoLogin, noAxeViolations } from './seller';

// The dashboard home, signed in as the demo store: what needs attention (the demo's exceptions),
// today's numbers, and charts readable as tables; English and Spanish, with and without JavaScript.


test('needs attention lists the demo’s attempted, delayed and locker orders, each linking to its order page', async ({ page }) => {
  await demoLogin(page);
  const attention = page.getByRole('list', { name: 'Needs attention' });
  for (const [order, words] of [['JO-1006', 'Delivery attempted'], ['JO-1007', 'Delayed'], ['JO-1008', 'Ready for pickup']] as const) {
    await expect(attention.getByRole('listitem').filter({ hasText: order })).toContainText(words);
  }
  await attention.getByRole('link', { name: 'JO-1007' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Order JO-1007');
});

test('today’s numbers and the charts, with their numbers as tables', async ({ page }) => {
  await demoLogin(page);
  await expect(page.getByRole('region', { name: 'Today' }).getByRole('term')).toHaveText(['Out for delivery', 'Delivered', 'Texts sent', 'Texts failed', 'Text sign-ups']);
  const deliveries = page.getByRole('img', { name: 'Deliveries per day' });
  await expect(deliveries).toBeVisible();
  // the split shipment's mailbox delivery (yesterday) and the Honolulu one (3 days ago) are in the 30 days
  await page.getByText('The numbers as a table').first().click();
  const table = page.getByRole('table', { name: 'Deliveries per day' });
  await expect(table.getByRole('row')).toHaveCount(31);
  // the demo's delivered orders had promised dates: a week-by-week rate, its table headed by week
  await expect(page.getByText(/^On time against the promised date: \d+% \(\d+ of \d+\)$/)).toBeVisible();
  await expect(page.getByRole('img', { name: 'On time against the promised date, week by week' })).toBeVisible();
  for (const summary of await page.getByText('The numbers as a table').all()) await summary.click();
  await expect(page.getByRole('table', { name: 'On time against the promised date, week by week' }).getByRole('columnheader')).toHaveText(['Week', 'On time']);
  await expect(page.getByRole('table', { name: 'Ratings' }).getByRole('rowheader')).toHaveText(['1 star', '2 stars', '3 stars', '4 stars', '5 stars']);
  const opens = page.getByRole('table', { name: 'Orders by how often customers opened their tracking page' });
  await expect(opens.getByRole('rowheader')).toHaveText(['1 open', '2 opens', '3–5 opens', '6–10 opens', '11 or more opens']);
  await noAxeViolations(page);
  await page.goto('/dashboard?lang=es');
  await expect(page.getByRole('heading', { name: 'Requiere atención' })).toBeVisible();
  await noAxeViolations(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the home page is whole: attention, numbers and charts', async ({ page }) => {
    await demoLogin(page);
    await expect(page.getByRole('img', { name: 'Ratings' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Needs attention' }).getByRole('listitem').first()).toBeVisible();
  });
});
