import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { demo } from './demo';

// The page's forms without JavaScript: a refusal comes back with everything typed still there, the
// field at fault marked and described, focus on the message, and never the browser's own bubble.


const auth = () => ({ authorization: `Bearer ${demo().apiKey}` });
const suffix = () => Math.random().toString(36).slice(2, 8).toUpperCase();
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

/** A fresh order through the seller API, delivered an hour ago when asked; returns its page path. */
async function order(request: APIRequestContext, delivered: boolean): Promise<string> {
  const orderNumber = `FORM-${suffix()}`;
  const trackingNumber = `TBA3${digits(11)}`;
  const res = await request.post('/api/v1/orders', {
    headers: auth(),
    data: { orderNumber, destination: { city: 'Pensacola', region: 'FL', postalCode: '32501', country: 'US' }, packages: [{ carrier: 'AMZL', trackingNumber }] },
  });
  expect(res.status()).toBe(201);
  if (delivered) {
    const event = { type: 'delivered', occurredAt: new Date(Date.now() - 3_600_000).toISOString(), trackingNumber, deliveredTo: 'PORCH' };
    expect((await request.post(`/api/v1/orders/${orderNumber}/events`, { headers: auth(), data: event })).status()).toBe(201);
  }
  return new URL((await res.json()).trackingUrl).pathname;
}

const noAxeViolations = async (page: Page) =>
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);

test.describe('text sign-up without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a toll-free number comes back kept, the box still ticked, the field marked and the message focused', async ({ page }) => {
    await page.goto(await order(page.request, false));
    const form = page.locator('form[data-sms-form]');
    await form.getByLabel('Mobile number').fill('(800) 225-5288');
    await form.getByRole('checkbox').check();
    await form.getByRole('button').click();
    const phone = page.locator('#sms-phone');
    await expect(phone).toHaveValue('(800) 225-5288');
    await expect(page.locator('#sms-consent')).toBeChecked();
    await expect(phone).toHaveAttribute('aria-invalid', 'true');
    await expect(phone).toHaveAttribute('aria-describedby', 'sms-error');
    await expect(page.locator('#sms-error')).toBeFocused();
    await expect(page.locator('#sms-error')).toHaveAttribute('role', 'alert');
    await expect(page.locator('#sms-error')).toContainText('toll-free');
  });

  test('the consent box left empty: the number is kept and the box is what is marked; the Spanish page explains it in Spanish, with no browser bubble', async ({ page }) => {
    await page.goto(`${await order(page.request, false)}?lang=es`);
    const posts: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
    await page.locator('#sms-phone').fill('415 555 2671');
    await page.locator('form[data-sms-form] button').click();
    await expect(page.locator('#sms-error')).toBeVisible();
    expect(posts).toHaveLength(1); // the browser did not stop the post with its own (English) bubble
    await expect(page.locator('#sms-phone')).toHaveValue('415 555 2671');
    await expect(page.locator('#sms-consent')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#sms-phone')).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.locator('#sms-error')).toHaveText(/casilla/i);
  });

  test('an empty number gets our own message in the page’s language, not the browser’s', async ({ page }) => {
    await page.goto(await order(page.request, false));
    await page.locator('#sms-consent').check();
    await page.locator('form[data-sms-form] button').click();
    await expect(page.locator('#sms-error')).toHaveText(/mobile number/i);
    await expect(page.locator('#sms-phone')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#sms-consent')).toBeChecked();
  });
});

// These forms have no script at all: with JavaScript on they post the same way (and axe can run).
test.describe('feedback and reports, posted as plain forms', () => {
  test('feedback without a rating keeps the comment and the answer, marks the stars and says why', async ({ page }) => {
    await page.goto(await order(page.request, true));
    await page.locator('label[for="arrived-no"]').click();
    await page.locator('#feedback-comment').fill('Box was crushed');
    await page.locator('#feedback form button[type="submit"]').click();
    await expect(page.locator('#feedback-error')).toBeFocused();
    await expect(page.locator('#feedback-error')).toHaveText('Choose a rating from 1 to 5 stars.');
    await expect(page.locator('#feedback-comment')).toHaveValue('Box was crushed');
    await expect(page.locator('#arrived-no')).toBeChecked();
    await expect(page.locator('#rating-1')).toHaveAttribute('aria-invalid', 'true');
    await noAxeViolations(page);
  });

  test('a report whose contact is neither an email nor a phone keeps the note and the contact typed, marks the contact', async ({ page }) => {
    const path = await order(page.request, true);
    await page.goto(`${path}/not-received`);
    await page.locator('#report-note').fill('Not on the porch or at the side door');
    await page.locator('#report-contact').fill('call me maybe');
    await page.locator('#report form button[type="submit"]').click();
    await expect(page.locator('#report-error')).toBeFocused();
    await expect(page.locator('#report-note')).toHaveValue('Not on the porch or at the side door');
    await expect(page.locator('#report-contact')).toHaveValue('call me maybe');
    await expect(page.locator('#report-contact')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#report-contact')).toHaveAttribute('aria-describedby', /report-error/);
    await noAxeViolations(page);
    // fixed and sent: the page comes back (303) with the report saved
    await page.locator('#report-contact').fill('dana@example.com');
    await page.locator('#report form button[type="submit"]').click();
    await expect(page).toHaveURL(/\/not-received\?report=sent&lang=en#report$/);
  });
});
