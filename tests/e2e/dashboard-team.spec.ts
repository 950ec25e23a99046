import { expect, test, type Browser, type Page } from '@playwright/test';
import { noAxeViolations } from './seller';
import { suffix } from './api';
import { E2E } from './env';

// Keys and the team in a real browser: a key shown once; an invited teammate signs in as a member
// and cannot open the keys; a password change signs the other browser out.

const PASSWORD = 'owner of the maple shop';

async function ownerPage(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const email = `owner-${suffix().toLowerCase()}@shop.example`;
  await page.goto('/signup');
  await page.getByLabel('Store name').fill(`Team Shop ${suffix()}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  return { page, context, email };
}

test('an API key is shown once, works against the API, and stops the moment it is revoked', async ({ browser, request }) => {
  const { page } = await ownerPage(browser);
  await page.getByRole('link', { name: 'API keys' }).click();
  await noAxeViolations(page);
  await page.getByLabel('Key name').fill('shop backend');
  await page.getByRole('button', { name: 'Create key' }).click();
  const key = await page.getByRole('textbox', { name: 'New API key' }).inputValue();
  expect(key).toMatch(/^pl_live_/);
  const api = (k: string) => request.get('/api/v1/reports', { headers: { authorization: `Bearer ${k}` } });
  expect((await api(key)).status()).toBe(200);
  // shown once: the list has only its first characters
  await page.goto('/dashboard/keys');
  await expect(page.locator('main')).not.toContainText(key);
  await expect(page.getByRole('row', { name: /shop backend/ })).toContainText(key.slice(0, 12));
  await page.getByRole('button', { name: 'Revoke shop backend' }).click();
  await expect(page.getByRole('status')).toHaveText('The key is revoked: it stopped working now.');
  expect((await api(key)).status()).toBe(401);
});

test('an invited teammate signs in as a member, sees the team, and cannot open the keys (403)', { tag: '@desktop' }, async ({ browser }) => {
  const { page } = await ownerPage(browser);
  await page.getByRole('link', { name: 'Team' }).click();
  const email = `member-${suffix().toLowerCase()}@shop.example`;
  await page.getByLabel('Their email').fill(email);
  await page.getByRole('button', { name: 'Send invite' }).click();
  await expect(page.getByRole('status')).toContainText(`Invite sent to ${email}`);
  await noAxeViolations(page);

  // the invite, as the dev mailbox shows it
  const teammate = await browser.newContext();
  const mailPage = await teammate.newPage();
  await mailPage.goto(`/dev/mail?to=${encodeURIComponent(email)}`);
  const link = (await mailPage.locator('pre').first().textContent())!.match(/https?:\/\/\S+\/invite\/\S+/)![0];
  await mailPage.goto(new URL(link).pathname);
  await mailPage.getByLabel('Password').fill('member of the maple shop');
  await mailPage.getByRole('button', { name: 'Accept the invite' }).click();
  await expect(mailPage).toHaveURL(/\/dashboard$/);
  const keys = await mailPage.goto('/dashboard/keys');
  expect(keys!.status()).toBe(403);
  await expect(mailPage.getByRole('heading', { level: 1 })).toHaveText('Only owners can open this page');
  await mailPage.goto('/dashboard/team');
  await expect(mailPage.getByText('Only an owner can invite, remove or change teammates.')).toBeVisible();
  // a member's forbidden action, posted by hand: 403, nothing changes
  // (with the Origin a browser sends, so the refusal is the owner check, not the origin check)
  const res = await mailPage.request.post('/dashboard/team', { form: { form: 'invite', email: 'x@shop.example' }, headers: { origin: E2E.baseUrl } });
  expect(res.status()).toBe(403);
  expect(await res.text()).toContain('Only an owner of this store can do that.');
  await teammate.close();
});

test('changing the password signs the other browser out, and keeps this one in', { tag: '@desktop' }, async ({ browser }) => {
  const { page, email } = await ownerPage(browser);
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto('/login');
  await otherPage.getByLabel('Email').fill(email);
  await otherPage.getByLabel('Password').fill(PASSWORD);
  await otherPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(otherPage).toHaveURL(/\/dashboard$/);

  await page.getByRole('link', { name: 'Your account' }).click();
  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByLabel('New password').fill('a completely new passphrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('status')).toHaveText('Your password is changed. Every other session of your account is signed out.');
  await noAxeViolations(page);

  await otherPage.goto('/dashboard');
  await expect(otherPage).toHaveURL(/\/login\?next=/);
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/dashboard$/);
  await other.close();
});

test('texts: a customer’s sign-up shows on the order and the texts page with the number masked; the consent ledger downloads as CSV', async ({ browser }) => {
  const { page } = await ownerPage(browser);
  await page.goto('/dashboard/orders/new');
  const orderNumber = `TX-${suffix()}`;
  await page.getByLabel('Order number').fill(orderNumber);
  await page.getByRole('button', { name: 'Create order' }).click();
  const link = await page.getByRole('textbox', { name: 'Tracking link' }).inputValue();
  const token = link.split('/t/')[1]!;
  const optIn = await page.request.post(`/api/t/${token}/sms`, { data: { phone: '(404) 555-2699', consent: true } });
  expect(optIn.status()).toBe(202);
  await page.reload();
  const texts = page.getByRole('region', { name: 'Text updates for this order' });
  await expect(texts).toContainText('•••• 2699');
  await expect(texts.getByRole('rowheader', { name: 'confirm_request' })).toBeVisible();
  await page.getByRole('link', { name: 'Texts' }).click();
  await expect(page.getByRole('rowheader', { name: '•••• 2699' })).toBeVisible();
  await expect(page.locator('main')).not.toContainText('555-2699');
  await expect(page.locator('main')).not.toContainText('4045552699');
  await noAxeViolations(page);
  const csv = await page.request.get('/dashboard/texts/consent.csv');
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect((await csv.text()).split('\n')[0]).toMatch(/^at,event,source,phone,orderNumber,/);
});
