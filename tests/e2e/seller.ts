import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { suffix } from './api';

// What the seller-side browser tests share: axe with its findings named, and a fresh store.

/** axe finds nothing on the page (a finding is listed as "rule: selectors"). */
export const noAxeViolations = async (page: Page) =>
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

/** Signs up a new store through /signup and lands on its dashboard; returns the owner's email. */
export async function signUpStore(page: Page, opts: { name?: string; email?: string; password?: string } = {}): Promise<string> {
  const email = opts.email ?? `owner-${suffix().toLowerCase()}@shop.example`;
  await page.goto('/signup');
  await page.getByLabel('Store name').fill(opts.name ?? `Shop ${suffix()}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(opts.password ?? 'a long enough passphrase');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  return email;
}

/** Signs in as the demo store (seeded by `npm start` and the browser tests' server). */
export async function demoLogin(page: Page) {
  await page.goto('/login');
  await page.getByLabel('Email').fill('demo@juniper-oak.example');
  await page.getByLabel('Password').fill('porchlight demo login');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}
