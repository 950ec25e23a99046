import { expect, test } from '@playwright/test';
import { localClock, pathOf } from './demo';

const HEADLINES: Record<string, string> = {
  placed: 'Order received',
  ready_to_ship: 'Packed and ready to ship',
  shipped: 'On its way',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  attempted: 'Delivery attempted',
  delayed: 'Running late',
  locker_pickup: 'Ready for pickup',
  split_shipment: '1 of 2 packages delivered',
  delivered_3_days_ago: 'Delivered',
};
const CURRENT_STEP: Record<string, string> = {
  placed: 'Placed', ready_to_ship: 'Ready to ship', shipped: 'Shipped', out_for_delivery: 'Out for delivery',
  delivered: 'Delivered', split_shipment: 'Shipped', delivered_3_days_ago: 'Delivered',
};

test.describe('tracking page in every state, on a phone', () => {
  for (const [key, headline] of Object.entries(HEADLINES)) {
    test(`${key}: shows "${headline}", the progress and the history`, async ({ page }) => {
      const res = await page.goto(pathOf(key));
      expect(res?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(headline);
      if (CURRENT_STEP[key]) {
        await expect(page.locator('.steps [aria-current="step"]')).toContainText(CURRENT_STEP[key]);
      }
      await expect(page.getByRole('heading', { name: 'Tracking history' })).toBeVisible();
      await expect(page.locator('.timeline li').last()).toContainText('Order placed');
    });
  }

  test('out for delivery: window and times in the destination zone, whatever the phone’s zone', async ({ browser }) => {
    const context = await browser.newContext({ timezoneId: 'Asia/Tokyo', locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(pathOf('out_for_delivery'));
    // where the demo put it (the seed picks a place whose window is open) and when it went out, from the page's data
    const data = await (await page.request.get(`/api${pathOf('out_for_delivery')}`)).json();
    const zone: string = data.zone.id;
    const ofd = data.timeline.find((e: { type: string }) => e.type === 'out_for_delivery');
    const at = new Date(ofd.at);
    const now = localClock(new Date(), zone);
    const lastCall = data.packages[0].carrier === 'AMZL' ? 22 : 21;
    const late = now.hour >= lastCall || localClock(at, zone).date !== now.date;
    const day = now.hour >= lastCall ? 'Tomorrow' : 'Today';
    await expect(page.locator('.eta')).toHaveText(late ? `Running late. Now expected ${day}, 8 AM – 8 PM.` : 'Today, 8 AM – 8 PM');
    const zoneName = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(at).find((p) => p.type === 'timeZoneName')!.value;
    await expect(page.getByText(`Times are in ${zoneName}.`)).toBeVisible();
    await expect(page.getByText(`${ofd.stopsAway} stops away`).first()).toBeVisible();
    const stamp = new Intl.DateTimeFormat('en-US', { timeZone: zone, month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(at);
    await expect(page.locator('.timeline li').first()).toContainText(`Out for delivery${stamp} · ${ofd.place.city}, ${ofd.place.region} · ${ofd.stopsAway} stops away`);
    await context.close();
  });

  test('delivered: says when and where it was left, and links to the not-received help', async ({ page }) => {
    await page.goto(pathOf('delivered'));
    await expect(page.locator('.delivered')).toContainText('Where it was left: at the front door');
    await page.getByRole('link', { name: 'Marked delivered but not here?' }).click();
    await expect(page).toHaveURL(/\/not-received$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Marked delivered, but not here?');
  });

  test('attempted with a signature required: says the driver tries again the next day', async ({ page }) => {
    await page.goto(pathOf('attempted'));
    await expect(page.getByRole('status')).toContainText('A signature is required');
    const data = await (await page.request.get(`/api${pathOf('attempted')}`)).json();
    const attempt = data.timeline.find((e: { type: string }) => e.type === 'delivery_attempted');
    const attemptedToday = localClock(new Date(attempt.at), data.zone.id).date === localClock(new Date(), data.zone.id).date;
    await expect(page.locator('.eta')).toHaveText(`${attemptedToday ? 'Tomorrow' : 'Today'}, 8 AM – 8 PM`);
  });

  test('locker pickup: names the locker and the 3-day hold', async ({ page }) => {
    await page.goto(pathOf('locker_pickup'));
    await expect(page.getByRole('status')).toContainText('Pickup point: Amazon Hub Locker – Juniper');
    await expect(page.getByRole('status')).toContainText('hold packages for 3 days');
  });

  test('split shipment: each package has its own carrier, tracking number and status', async ({ page }) => {
    await page.goto(pathOf('split_shipment'));
    const packages = page.locator('section.pkg');
    await expect(packages).toHaveCount(2);
    await expect(packages.nth(0)).toContainText('Package 1 of 2: Delivered');
    await expect(packages.nth(0)).toContainText('USPS tracking number 9400111899223100000901');
    await expect(packages.nth(1)).toContainText('Package 2 of 2: On its way');
    await expect(packages.nth(1)).toContainText('Amazon Logistics tracking number TBA310000000902');
  });

  test('delayed: shows the carrier’s reason in a banner', async ({ page }) => {
    await page.goto(pathOf('delayed'));
    await expect(page.getByRole('status')).toContainText('Severe weather on the route');
  });
});

test.describe('Spanish', () => {
  test('?lang=es shows the page in Spanish with Spanish times', async ({ page }) => {
    await page.goto(`${pathOf('out_for_delivery')}?lang=es`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('En reparto');
    await expect(page.locator('.eta')).toContainText(/8\s?a\.\s?m\.\s–\s8\s?p\.\s?m\./);
    await expect(page.getByRole('heading', { name: 'Historial del envío' })).toBeVisible();
  });

  test('a phone set to Spanish gets Spanish without asking', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'es-US' });
    const page = await context.newPage();
    await page.goto(pathOf('delivered_3_days_ago'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Entregado');
    await context.close();
  });

  test('the language switch moves between English and Spanish', async ({ page }) => {
    await page.goto(pathOf('placed'));
    await page.getByRole('link', { name: 'Español' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pedido recibido');
    await page.getByRole('link', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Order received');
  });
});

test.describe('not-received guidance', () => {
  test('three days after delivery: reporting to the seller is the main action', async ({ page }) => {
    await page.goto(`${pathOf('delivered_3_days_ago')}/not-received`);
    await expect(page.locator('[data-phase]')).toHaveAttribute('data-phase', 'after_48h');
    await expect(page.getByText(/more than 48 hours/)).toBeVisible();
    // the report form comes before the checklist, and the contact card names the seller
    const form = await page.getByRole('heading', { name: 'Report it to Juniper & Oak' }).boundingBox();
    expect(form!.y).toBeLessThan((await page.getByRole('heading', { name: 'Checklist' }).boundingBox())!.y);
    await expect(page.getByRole('heading', { name: 'Contact Juniper & Oak' })).toBeVisible();
    await expect(page.getByText('Check where it was left: in the mailroom.')).toBeVisible();
  });

  test('on the delivery day: it may still be coming, checklist first', async ({ page }) => {
    await page.goto(`${pathOf('delivered')}/not-received`);
    const data = await (await page.request.get(`/api${pathOf('delivered')}`)).json();
    const zone: string = data.zone.id;
    const now = localClock(new Date(), zone);
    const deliveredDay = localClock(new Date(data.packages[0].deliveredAt), zone).date;
    const phase = now.date === deliveredDay && now.hour < 22 ? 'before_window_closes' : 'within_48h';
    await expect(page.locator('[data-phase]')).toHaveAttribute('data-phase', phase);
    await expect(page.locator('ol.check li')).toContainText(['Check where it was left: at the front door.']);
  });

  test('before any delivery scan: nothing to worry about yet', async ({ page }) => {
    await page.goto(`${pathOf('shipped')}/not-received`);
    await expect(page.getByText('has not been marked delivered yet')).toBeVisible();
  });

  test('in Spanish', async ({ page }) => {
    await page.goto(`${pathOf('delivered_3_days_ago')}/not-received?lang=es`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('¿Aparece como entregado, pero no lo recibiste?');
  });
});
