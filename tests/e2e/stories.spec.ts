import { expect, test, type Locator, type Page } from '@playwright/test';
import { noAxeViolations } from './seller';
import { auth, hoursAgo, makeOrder, pushEvent } from './api';
import { demo, localClock, pathOf } from './demo';

// The stories the page tells beyond a plain delivery (issue 13): a split shipment, a delay, a
// pickup point, "marked delivered but not here", damage; numbers that stay whole; required fields.

const SELLER = 'Juniper & Oak';

/** "Friday, December 4": a destination-local date `days` after the demo was seeded, as en-US writes it. */
function seededDatePlus(zone: string, days: number): string {
  const { date } = localClock(new Date(demo().seededAt), zone);
  const noon = new Date(`${date}T12:00:00Z`);
  noon.setUTCDate(noon.getUTCDate() + days);
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric' }).format(noon);
}


/** The top of the page y-position of a locator, to compare the order of sections. */
const top = async (locator: Locator) => (await locator.boundingBox())!.y;

test.describe('split shipment', () => {
  test('the next arrival is in the top card; packages, with their items, come before anything else; no feedback until both arrive', async ({ page }) => {
    await page.goto(`${pathOf('split_shipment')}?lang=en`);
    const status = page.getByRole('region', { name: '1 of 2 packages delivered' });
    await expect(status.locator('.eta-label')).toHaveText('Next: package 2 of 2');
    const packages = page.getByRole('region', { name: 'Your packages' });
    // the top card's arrival is package 2's
    await expect(status.locator('.eta')).toHaveText((await packages.locator('section.pkg').nth(1).locator('.eta').textContent())!);
    await expect(packages.locator('section.pkg').nth(0)).toContainText('In this package: Wool throw blanket × 1');
    await expect(packages.locator('section.pkg').nth(1)).toContainText('In this package: Stoneware bowl × 4');
    expect(await top(packages)).toBeLessThan(await top(page.getByRole('region', { name: 'Get text updates' })));
    await expect(page.getByRole('region', { name: 'How did your delivery go?' })).toHaveCount(0);
    await expect(status).toContainText('We’ll ask how it went once everything has arrived.');
    await noAxeViolations(page);
  });

  test('the not-received report starts on the package that was marked delivered', async ({ page }) => {
    await page.goto(`${pathOf('split_shipment')}/not-received?lang=en`);
    const missing = page.getByRole('group', { name: 'What’s missing?' });
    await expect(missing.getByRole('radio', { name: 'Package 1: USPS 9400111899223100000901' })).toBeChecked();
    await expect(missing.getByRole('radio', { name: 'The whole order' })).not.toBeChecked();
  });
});

test.describe('delayed', () => {
  test('says what the date was and what it is now; the carrier’s note is labelled as the carrier’s words; no promise the page updates itself', async ({ page }) => {
    await page.goto(pathOf('delayed'));
    const card = page.getByRole('region', { name: 'Running late' });
    await expect(card.locator('.eta')).toContainText(seededDatePlus('America/Phoenix', 3));
    await expect(card.getByText(/^Was expected (today|tomorrow|\w+day, \w+ \d+)\.$/)).toBeVisible();
    await expect(card.getByRole('status')).toContainText('The carrier’s note, in its words: “Severe weather on the route”');
    await expect(page.locator('main')).not.toContainText(/this page (will )?update|check this page again/i);

    await page.goto(`${pathOf('delayed')}?lang=es`);
    await expect(page.getByRole('status')).toContainText('Nota textual de la empresa de envíos: “Severe weather on the route”');
    await expect(page.getByText(/^Se esperaba /)).toBeVisible();
  });

  test('a delay without a new date says the new date is not known yet, and promises no date', async ({ page }) => {
    const order = await makeOrder(page.request, { body: { promisedDate: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) } });
    await pushEvent(page.request, order, { type: 'shipped', occurredAt: hoursAgo(20) });
    await pushEvent(page.request, order, { type: 'delayed', occurredAt: hoursAgo(1), note: 'Missed connection' });
    await page.goto(order.path);
    const card = page.getByRole('region', { name: 'Running late' });
    await expect(card.locator('.eta')).toHaveText('New delivery date not known yet.');
    await expect(card).not.toContainText(/\d+ AM – \d+ PM/);
    await page.goto(`${order.path}?lang=es`);
    await expect(page.locator('.eta')).toHaveText('Todavía no se sabe la nueva fecha de entrega.');
  });
});

test.describe('pickup', () => {
  test('a pick-up-by date, the locker and its area, its hours in the carrier’s words, and the stepper at "Ready for pickup"', async ({ page }) => {
    await page.goto(pathOf('locker_pickup'));
    const banner = page.getByRole('status');
    // the seed's last day to collect, written as the page writes a date
    const { pickup } = (await (await page.request.get(`/api${pathOf('locker_pickup')}`)).json()).packages[0];
    const by = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric' }).format(new Date(`${pickup.by}T12:00:00Z`));
    await expect(banner).toContainText(`Pick up by ${by}.`);
    await expect(banner).toContainText('Pickup point: Amazon Hub Locker – Juniper, Portland');
    await expect(banner).toContainText('Hours, as the carrier gives them: Daily 6 AM – 10 PM');
    const steps = page.getByRole('list', { name: 'Order progress' }).getByRole('listitem');
    await expect(page.locator('.steps [aria-current="step"]')).toContainText('Ready for pickup');
    await expect(steps.last()).toContainText('Picked up');
    await expect(page.locator('.steps .done')).toHaveCount(3);
    await noAxeViolations(page);
  });
});

test.describe('marked delivered, but not here', () => {
  test('one message: what may explain it, one moment to report by, places to look, and who to contact', async ({ page }) => {
    const order = await makeOrder(page.request);
    await pushEvent(page.request, order, { type: 'delivered', occurredAt: hoursAgo(1), deliveredTo: 'PORCH' });
    await page.goto(`${order.path}/not-received`);
    const main = page.locator('main');
    await expect(main.getByText(/report it to Juniper & Oak here/)).toHaveCount(1);
    await expect(main).not.toContainText(/wait 48 hours|wait until the delivery window/i);
    await expect(page.locator('ol.check li')).toHaveText([
      'Check where it was left: on the porch.',
      'Look around your property: porch, side and back doors, garage, mailbox, parcel locker, mailroom or front desk.',
      'Ask the people you live with and your neighbors.',
      'Check the shipping address in your order confirmation.',
    ]);
    const contact = page.getByRole('region', { name: `Contact ${SELLER}` });
    await expect(contact).toContainText(`Mention your order number, ${order.orderNumber}.`);
  });

  test('after a report the page says it was saved and what happens next, and stops asking for one', async ({ page }) => {
    const order = await makeOrder(page.request);
    await pushEvent(page.request, order, { type: 'delivered', occurredAt: hoursAgo(2), deliveredTo: 'PORCH' });
    await page.goto(`${order.path}/not-received`);
    await page.getByRole('textbox', { name: `Anything ${SELLER} should know? (optional)` }).fill('Not on the porch.');
    await page.getByRole('button', { name: 'Send report' }).click();
    await expect(page).toHaveURL((u) => u.searchParams.get('report') === 'sent');
    const form = page.getByRole('region', { name: `Your report to ${SELLER}` });
    await expect(form.getByRole('status')).toHaveText('Your report is saved.');
    await expect(page.locator('.banner').first()).toContainText(`${SELLER} has your report and will get in touch about a replacement or a refund.`);
    await expect(page.locator('main')).not.toContainText(/report it to/i);
    await expect(page.getByRole('heading', { name: `Report it to ${SELLER}` })).toHaveCount(0);
    // the form, now for changes, comes before the checklist
    expect(await top(form)).toBeLessThan(await top(page.getByRole('heading', { name: 'Checklist' })));
    await page.getByRole('link', { name: 'Back to tracking' }).click();
    await expect(page.getByRole('link', { name: 'See your report' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Marked delivered but not here?' })).toHaveCount(0);
    await noAxeViolations(page);
  });
});

test.describe('arrived damaged', () => {
  test('"No" to "arrived in good condition" shows the answer back and leads to a damage report the seller gets', async ({ page }) => {
    const order = await makeOrder(page.request);
    await pushEvent(page.request, order, { type: 'delivered', occurredAt: hoursAgo(3), deliveredTo: 'FRONT_DOOR' });
    await page.goto(order.path);
    await page.getByRole('radio', { name: '2 stars' }).check();
    await page.getByRole('group', { name: 'Did it arrive in good condition?' }).getByRole('radio', { name: 'No' }).check();
    await page.getByRole('textbox', { name: 'Anything to add? (optional)' }).fill('Handle snapped off');
    await page.getByRole('button', { name: 'Send feedback' }).click();
    const thanks = page.locator('[data-feedback-answers]');
    await expect(thanks).toContainText('You rated this delivery 2 out of 5.');
    await expect(thanks).toContainText('You said it did not arrive in good condition.');
    await expect(thanks).toContainText('Your comment: “Handle snapped off”');

    await thanks.getByRole('link', { name: `Tell ${SELLER} what was damaged` }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Arrived damaged?');
    await expect(page.getByRole('heading', { name: 'Checklist' })).toHaveCount(0);
    await noAxeViolations(page);
    await page.getByRole('textbox', { name: 'What’s wrong? (optional)' }).fill('Mug handle broken in the box');
    await page.getByRole('button', { name: 'Send report' }).click();
    await expect(page).toHaveURL((u) => u.searchParams.get('report') === 'sent' && u.searchParams.get('problem') === 'damaged');
    await expect(page.locator('.banner').first()).toContainText(`Damage reported to ${SELLER} on`);

    // the not-received page knows nothing of it; the tracking page shows it in place of the link
    await page.goto(`${order.path}/not-received`);
    await expect(page.locator('main')).not.toContainText('Damage reported');
    await page.goto(order.path);
    await expect(page.locator('[data-feedback-answers]')).toContainText(`Damage reported to ${SELLER} on`);
    await expect(page.getByRole('link', { name: `Tell ${SELLER} what was damaged` })).toHaveCount(0);

    const res = await page.request.get('/api/v1/reports?problem=damaged&limit=100', { headers: auth() });
    const mine = (await res.json()).items.filter((r: { orderNumber: string }) => r.orderNumber === order.orderNumber);
    expect(mine).toEqual([expect.objectContaining({ problem: 'damaged', note: 'Mug handle broken in the box' })]);
  });

  test('"Yes" shows that answer back, with no damage link', async ({ page }) => {
    const order = await makeOrder(page.request);
    await pushEvent(page.request, order, { type: 'delivered', occurredAt: hoursAgo(3) });
    await page.goto(`${order.path}?lang=es`);
    await page.getByRole('radio', { name: '5 estrellas' }).check();
    await page.getByRole('group', { name: '¿Llegó en buen estado?' }).getByRole('radio', { name: 'Sí' }).check();
    await page.getByRole('button', { name: 'Enviar opinión' }).click();
    const thanks = page.locator('[data-feedback-answers]');
    await expect(thanks).toContainText('Le diste 5 de 5 estrellas a esta entrega.');
    await expect(thanks).toContainText('Dijiste que llegó en buen estado.');
    await expect(thanks.getByRole('link', { name: /dañado/ })).toHaveCount(0);
  });
});

test.describe('numbers stay whole, required fields say so', () => {
  test('at 280 px an order number and the seller’s phone never break at a hyphen or a space', async ({ page }) => {
    await page.setViewportSize({ width: 280, height: 640 });
    const order = await makeOrder(page.request, { orderNumber: `SO-2026-11-${Math.floor(Math.random() * 9000 + 1000)}` });
    await page.goto(order.path);
    const lines = (l: Locator) => l.evaluate((el) => el.getClientRects().length);
    await expect(page.locator('.greet .nb')).toHaveText(order.orderNumber);
    expect(await lines(page.locator('.greet .nb'))).toBe(1);
    await expect(page.locator('.contact .nb')).toHaveText('+1 (555) 010-2030');
    expect(await lines(page.locator('.contact .nb'))).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)).toBe(false);
  });

  test('the phone number, the consent box and the rating are marked required, in words, in both languages', async ({ page }) => {
    const order = await makeOrder(page.request);
    await page.goto(order.path);
    await expect(page.locator('label[for="sms-phone"]')).toHaveText('Mobile number (required)');
    await expect(page.locator('label[for="sms-consent"]')).toContainText('(required)');
    await page.goto(`${order.path}?lang=es`);
    await expect(page.locator('label[for="sms-phone"]')).toHaveText('Número de celular (obligatorio)');
    await page.goto(`${pathOf('delivered_3_days_ago')}?lang=es`);
    await expect(page.getByRole('group', { name: 'Tu calificación (obligatorio)' })).toBeVisible();
  });
});
