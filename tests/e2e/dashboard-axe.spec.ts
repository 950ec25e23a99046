import { expect, test } from '@playwright/test';
import { demoLogin, noAxeViolations } from './seller';

// Every dashboard page, signed in as the demo store, is axe-clean in English and Spanish, with
// JavaScript and without it. axe itself runs as JavaScript, so "without" means the page's own
// scripts never load (every request for /js/ is refused): the page as the server rendered it,
// which is what a browser without JavaScript shows (the pages have no inline scripts: the CSP
// forbids them).

const PAGES = [
  '/dashboard', '/dashboard/orders', '/dashboard/orders?status=exception', '/dashboard/orders/JO-1006', '/dashboard/orders/JO-1010',
  '/dashboard/orders/new', '/dashboard/import', '/dashboard/messages', '/dashboard/texts', '/dashboard/settings',
  '/dashboard/keys', '/dashboard/integrations', '/dashboard/webhooks', '/dashboard/team', '/dashboard/account', '/dashboard/orders/NO-SUCH-ORDER',
];

for (const lang of ['en', 'es'] as const) {
  test(`every dashboard page is axe-clean in ${lang === 'en' ? 'English' : 'Spanish'}, with and without its scripts`, async ({ page, context }) => {
    test.slow();
    await demoLogin(page);
    const bare = await context.newPage();
    await bare.route('**/js/**', (route) => route.abort());
    for (const path of PAGES) {
      const url = `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
      for (const p of [page, bare]) {
        const res = await p.goto(url);
        expect(res!.status(), url).toBe(path.endsWith('NO-SUCH-ORDER') ? 404 : 200);
        await expect(p.locator('html'), url).toHaveAttribute('lang', lang);
        await noAxeViolations(p);
      }
    }
  });
}
