import { expect, test, type Page } from '@playwright/test';
import { demo, pathOf } from './demo';

// The tracking page for customers who see it differently: forced colours, a seller's pale accent,
// a 280 px wide screen (or 200% zoom), a large default font.

const KEYS = ['placed', 'ready_to_ship', 'shipped', 'out_for_delivery', 'delivered', 'attempted', 'delayed', 'locker_pickup', 'split_shipment', 'delivered_3_days_ago'];

/** WCAG contrast of two computed `rgb(…)` colours, computed here, not by the app. */
function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const style = (page: Page, selector: string, prop: string, pseudo: string | null = null) =>
  page.locator(selector).first().evaluate((el, [p, ps]) => getComputedStyle(el, ps).getPropertyValue(p!), [prop, pseudo] as const);

const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

test.describe('forced colours (Windows high contrast)', () => {
  test.beforeEach(async ({ page }) => page.emulateMedia({ forcedColors: 'active' }));

  test('the chosen star rating and answer are marked by a border and a check, not by colour alone', async ({ page }) => {
    await page.goto(pathOf('delivered_3_days_ago'));
    await page.locator('label[for="rating-4"]').click();
    await page.locator('label[for="arrived-no"]').click();
    for (const id of ['rating-4', 'arrived-no']) {
      const chosen = `label[for="${id}"]`;
      expect(await style(page, chosen, 'outline-style')).not.toBe('none');
      expect(parseFloat(await style(page, chosen, 'border-top-width'))).toBeGreaterThanOrEqual(3);
      expect(await style(page, chosen, 'content', '::before')).toContain('✓');
    }
    expect(await style(page, 'label[for="rating-2"]', 'outline-style')).toBe('none');
    expect(await style(page, 'label[for="rating-2"]', 'content', '::before')).toBe('none');
  });

  test('the stepper shows how far the order got, and the current language is marked', async ({ page }) => {
    await page.goto(pathOf('shipped'));
    const done = await style(page, '.steps .done', 'background-color', '::before');
    const todo = await style(page, '.steps li:last-child', 'background-color', '::before');
    expect(done).not.toBe(todo);
    expect(contrast(done, todo)).toBeGreaterThanOrEqual(3);
    expect(await style(page, '.steps [aria-current="step"]', 'text-decoration-line')).toContain('underline');
    expect(await style(page, '.langs a[aria-current]', 'text-decoration-line')).toContain('underline');
    expect(await style(page, '.langs a:not([aria-current])', 'text-decoration-line')).not.toContain('underline');
  });
});

test.describe('a seller whose accent is very light (#e0f2fe, 1.15:1 on white)', () => {
  test('the stepper, the header rule, the timeline dot and the buttons still stand out 3:1 from the card', async ({ page }) => {
    await page.goto(new URL(demo().paleAccentUrl).pathname);
    const card = await style(page, '.card', 'background-color');
    expect(contrast(await style(page, '.steps .done', 'background-color', '::before'), card)).toBeGreaterThanOrEqual(3);
    expect(contrast(await style(page, '.steps .done', 'background-color', '::after'), card)).toBeGreaterThanOrEqual(3);
    expect(contrast(await style(page, '.timeline li', 'background-color', '::before'), card)).toBeGreaterThanOrEqual(3);
    expect(contrast(await style(page, '.top', 'border-bottom-color'), card)).toBeGreaterThanOrEqual(3);
    // A primary button's pale fill cannot stand out, so its border does.
    expect(contrast(await style(page, 'button.button.primary', 'border-top-color'), card)).toBeGreaterThanOrEqual(3);
    expect(contrast(await style(page, 'a.button', 'border-top-color'), card)).toBeGreaterThanOrEqual(3);
  });
});

test.describe('narrow screens and large text', () => {
  test('no demo page scrolls sideways at 280 CSS px (200% zoom on a small phone), in English or Spanish', async ({ page }) => {
    await page.setViewportSize({ width: 280, height: 640 });
    for (const key of KEYS) {
      for (const lang of ['en', 'es']) {
        await page.goto(`${pathOf(key)}?lang=${lang}`);
        expect(await scrollsSideways(page), `${key} ${lang}`).toBe(false);
      }
    }
  });

  test('a 32 px default font makes the text 32 px, and still nothing scrolls sideways', async ({ page }) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
    for (const key of ['out_for_delivery', 'split_shipment', 'delivered']) {
      await page.goto(pathOf(key));
      expect(await style(page, 'main p', 'font-size')).toBe('32px');
      expect(await scrollsSideways(page), key).toBe(false);
    }
  });
});

test.describe('keyboard', () => {
  test('tabbing to a star keeps its chip on screen (the hidden input sits under the chip, not at the top of the page)', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 500 });
    await page.goto(pathOf('delivered_3_days_ago'));
    await page.locator('#feedback-comment').focus();
    await page.keyboard.press('Shift+Tab'); // back through "arrived in good condition?" to the stars
    await page.keyboard.press('Shift+Tab');
    const focused = await page.evaluate(() => document.activeElement?.id ?? '');
    expect(focused).toMatch(/^(rating-\d|arrived-(yes|no))$/);
    const chip = await page.locator(`label[for="${focused}"]`).boundingBox();
    const viewport = page.viewportSize()!;
    expect(chip!.y).toBeGreaterThanOrEqual(0);
    expect(chip!.y + chip!.height).toBeLessThanOrEqual(viewport.height);
  });
});

test.describe('screen readers', () => {
  test('an exception banner does not read the headline a second time (delayed, attempted, split shipment)', async ({ page }) => {
    for (const key of ['delayed', 'attempted']) {
      await page.goto(pathOf(key));
      const headline = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
      const banner = page.locator('.card .banner').first();
      await expect(banner).toBeVisible();
      await expect(banner.locator('strong')).toHaveText(headline); // still shown
      expect(await banner.ariaSnapshot(), key).not.toContain(headline);
    }
  });
});
