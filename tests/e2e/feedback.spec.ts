// Feedback after delivery and "marked delivered but not received" reports (product.md §6) in a
// real browser: the star rating on the tracking page (mouse, keyboard, with and without
// JavaScript), the same thank-you for every rating (no review gating), changing feedback, the
// report to the seller on /t/{token}/not-received (one package and a split shipment), Spanish,
// accessibility and page weight.
//
// What shapes this file:
// - Every test creates its own orders through the seller API, so no state leaks between tests or
//   into the demo orders the other spec files read. Demo orders are only read here, never posted to.
// - Every request comes from 127.0.0.1 and the app counts 30 feedback posts and 20 reports per
//   client address per hour (FEEDBACK_LIMITS / REPORT_LIMITS). This file makes about 13 accepted
//   feedback posts and 9 accepted reports; refused posts (no rating, bad contact, not delivered)
//   are refused before they are counted.
// - What the seller received is read back through the seller API (GET /api/v1/feedback and
//   /api/v1/reports), the way a seller's dashboard would.
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type APIResponse, type Locator, type Page, type Response } from '@playwright/test';
import { demo, pathOf } from './demo';

const SELLER = 'Juniper & Oak';
/** The demo seller's public feedback page (db/seed.ts). */
const PUBLIC_REVIEWS = 'https://juniper-oak.example/reviews';
const ZONE = 'America/Chicago'; // the orders below go to Pensacola, FL
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Lang = 'en' | 'es';

// What the customer reads (en.ts / es.ts wording, written out here rather than imported).
const EN = {
  fbTitle: 'How did your delivery go?',
  fbLink: `Tell ${SELLER} how it went`,
  fbIntro: `${SELLER} would like to hear how it went.`,
  rating: 'Your rating (required)',
  star: (n: number) => (n === 1 ? '1 star' : `${n} stars`),
  arrived: 'Did it arrive in good condition?',
  yes: 'Yes',
  no: 'No',
  comment: 'Anything to add? (optional)',
  send: 'Send feedback',
  update: 'Update feedback',
  thanks: `Thank you for your feedback. ${SELLER} reads every response.`,
  publicIntro: 'You can also share your experience publicly:',
  publicLink: `Leave a public review of ${SELLER}`,
  edit: (date: string) => `Change your feedback (until ${date})`,
  ratingMissing: 'Choose a rating from 1 to 5 stars.',
  // not received
  nrTitle: 'Marked delivered, but not here?',
  notDeliveredYet: 'This order has not been marked delivered yet, so there is nothing to worry about. We will show the delivery here.',
  reportTitle: `Report it to ${SELLER}`,
  reportTitleReported: `Your report to ${SELLER}`,
  missing: 'What’s missing?',
  whole: 'The whole order',
  pkg: (n: number, carrier: string, tracking: string) => `Package ${n}: ${carrier} ${tracking}`,
  note: `Anything ${SELLER} should know? (optional)`,
  contact: 'Email or phone to reach you (optional)',
  contactHint: `Only ${SELLER} sees this; it is never shown on this page.`,
  sendReport: 'Send report',
  updateReport: 'Update report',
  reported: (date: string) => `Reported to ${SELLER} on ${date}.`,
  reportedNext: `${SELLER} has your report and will get in touch about a replacement or a refund. If it turns up in the meantime, let them know.`,
  sent: 'Your report is saved.',
  contactInvalid: 'Enter an email address or a phone number, or leave the contact empty.',
  checklist: 'Checklist',
};
const ES: typeof EN = {
  fbTitle: '¿Cómo estuvo la entrega?',
  fbLink: `Cuéntale a ${SELLER} cómo estuvo`,
  fbIntro: `A ${SELLER} le gustaría saber cómo estuvo.`,
  rating: 'Tu calificación (obligatorio)',
  star: (n: number) => (n === 1 ? '1 estrella' : `${n} estrellas`),
  arrived: '¿Llegó en buen estado?',
  yes: 'Sí',
  no: 'No',
  comment: '¿Quieres agregar algo? (opcional)',
  send: 'Enviar opinión',
  update: 'Actualizar opinión',
  thanks: `Gracias por tu opinión. ${SELLER} lee todas las respuestas.`,
  publicIntro: 'También puedes compartir tu experiencia públicamente:',
  publicLink: `Deja una reseña pública de ${SELLER}`,
  edit: (date: string) => `Editar tu opinión (hasta el ${date})`,
  ratingMissing: 'Elige una calificación de 1 a 5 estrellas.',
  nrTitle: '¿Aparece como entregado, pero no lo recibiste?',
  notDeliveredYet: 'Este pedido todavía no aparece como entregado, así que no hay de qué preocuparse. Aquí verás la entrega cuando ocurra.',
  reportTitle: `Avísale a ${SELLER}`,
  reportTitleReported: `Tu reporte para ${SELLER}`,
  missing: '¿Qué falta?',
  whole: 'Todo el pedido',
  pkg: (n: number, carrier: string, tracking: string) => `Paquete ${n}: ${carrier} ${tracking}`,
  note: `¿Algo que ${SELLER} deba saber? (opcional)`,
  contact: 'Correo o teléfono para contactarte (opcional)',
  contactHint: `Solo ${SELLER} lo ve; nunca se muestra en esta página.`,
  sendReport: 'Enviar reporte',
  updateReport: 'Actualizar reporte',
  reported: (date: string) => `Le avisaste a ${SELLER} el ${date}.`,
  reportedNext: `${SELLER} tiene tu reporte y se comunicará contigo para enviarte un reemplazo o hacerte un reembolso. Si el paquete aparece mientras tanto, avísale.`,
  sent: 'Guardamos tu reporte.',
  contactInvalid: 'Escribe un correo o un teléfono, o deja ese campo en blanco.',
  checklist: 'Lista de verificación',
};
const WORDS = { en: EN, es: ES };

// ---------------------------------------------------------------------------------------------
// orders of our own, through the seller API

interface Pkg {
  carrier: 'AMZL' | 'USPS';
  trackingNumber: string;
  /** carrier name as the page prints it */
  name: string;
}
interface Order {
  orderNumber: string;
  /** /t/{token} */
  path: string;
  token: string;
  packages: Pkg[];
}

const auth = () => ({ authorization: `Bearer ${demo().apiKey}` });
const suffix = () => Math.random().toString(36).slice(2, 8).toUpperCase();
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
const amzl = (): Pkg => ({ carrier: 'AMZL', trackingNumber: `TBA3${digits(11)}`, name: 'Amazon Logistics' });
const usps = (): Pkg => ({ carrier: 'USPS', trackingNumber: `9400111899223${digits(9)}`, name: 'USPS' });
const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();

async function pushEvent(request: APIRequestContext, orderNumber: string, event: Record<string, unknown>) {
  const res = await request.post(`/api/v1/orders/${orderNumber}/events`, { headers: auth(), data: { id: `e2e-${event.type}-${suffix()}`, ...event } });
  expect(res.status(), await res.text()).toBe(201);
}

async function newOrder(request: APIRequestContext, prefix: string, packages: Pkg[], placedAgo: number): Promise<Order> {
  const orderNumber = `${prefix}-${suffix()}`;
  const res = await request.post('/api/v1/orders', {
    headers: auth(),
    data: {
      orderNumber,
      customer: { firstName: 'Priya', lastName: 'Castellanos' },
      destination: { city: 'Pensacola', region: 'FL', postalCode: '32501', country: 'US', timeZone: ZONE },
      items: [{ name: 'Ceramic mug', quantity: 1 }],
      placedAt: iso(placedAgo),
      packages: packages.map(({ carrier, trackingNumber }) => ({ carrier, trackingNumber })),
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const path = new URL(((await res.json()) as { trackingUrl: string }).trackingUrl).pathname;
  return { orderNumber, path, token: path.split('/').pop()!, packages };
}

const shipped = (request: APIRequestContext, order: Order, pkg: Pkg, ago: number) =>
  pushEvent(request, order.orderNumber, { type: 'shipped', occurredAt: iso(ago), trackingNumber: pkg.trackingNumber, location: { city: 'Atlanta', region: 'GA', country: 'US' } });
const delivered = (request: APIRequestContext, order: Order, pkg: Pkg, ago: number) =>
  pushEvent(request, order.orderNumber, { type: 'delivered', occurredAt: iso(ago), trackingNumber: pkg.trackingNumber, deliveredTo: 'FRONT_DOOR', location: { city: 'Pensacola', region: 'FL', country: 'US' } });

/** One AMZL package, shipped and not delivered. */
async function shippedOrder(request: APIRequestContext, prefix: string): Promise<Order> {
  const order = await newOrder(request, prefix, [amzl()], 2 * DAY);
  await shipped(request, order, order.packages[0]!, DAY);
  return order;
}

/** One AMZL package, delivered `ago` ms ago (default an hour). */
async function deliveredOrder(request: APIRequestContext, prefix: string, ago = HOUR): Promise<Order> {
  const order = await newOrder(request, prefix, [amzl()], ago + 2 * DAY);
  await shipped(request, order, order.packages[0]!, ago + DAY);
  await delivered(request, order, order.packages[0]!, ago);
  return order;
}

/** Two packages: 1 (USPS) still on its way, 2 (AMZL) delivered an hour ago. */
async function splitOrder(request: APIRequestContext, prefix: string): Promise<Order> {
  const order = await newOrder(request, prefix, [usps(), amzl()], 3 * DAY);
  await shipped(request, order, order.packages[0]!, 2 * DAY);
  await shipped(request, order, order.packages[1]!, 2 * DAY);
  await delivered(request, order, order.packages[1]!, HOUR);
  return order;
}

/** The same two packages, both delivered: package 1 an hour after package 2. */
async function deliveredSplitOrder(request: APIRequestContext, prefix: string): Promise<Order> {
  const order = await splitOrder(request, prefix);
  await delivered(request, order, order.packages[0]!, HOUR / 2);
  return order;
}

// ---------------------------------------------------------------------------------------------
// what the seller received (seller API)

interface SellerFeedback { orderNumber: string; rating: number; comment: string | null; arrivedOk: boolean | null; language: string; createdAt: string }
interface SellerReport { orderNumber: string; trackingNumber: string | null; note: string | null; contact: string | null; contactKind: string | null; language: string }

async function sellerFeedback(request: APIRequestContext, orderNumber: string): Promise<SellerFeedback[]> {
  const res = await request.get('/api/v1/feedback?limit=100', { headers: auth() });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: SellerFeedback[] }).items.filter((f) => f.orderNumber === orderNumber);
}
async function sellerReports(request: APIRequestContext, orderNumber: string): Promise<SellerReport[]> {
  const res = await request.get('/api/v1/reports?limit=100', { headers: auth() });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: SellerReport[] }).items.filter((r) => r.orderNumber === orderNumber);
}

// ---------------------------------------------------------------------------------------------
// the page

const feedbackCard = (page: Page, lang: Lang = 'en') => page.getByRole('region', { name: WORDS[lang].fbTitle, exact: true });
const ratingGroup = (page: Page, lang: Lang = 'en') => feedbackCard(page, lang).getByRole('group', { name: WORDS[lang].rating, exact: true });
const star = (page: Page, n: number, lang: Lang = 'en') => ratingGroup(page, lang).getByRole('radio', { name: WORDS[lang].star(n), exact: true });
const thanks = (page: Page) => page.locator('#feedback [data-feedback-thanks]');
// "Report it to …" until a report is made, then "Your report to …"
const reportCard = (page: Page, lang: Lang = 'en') =>
  page.getByRole('region', { name: new RegExp(`^(${WORDS[lang].reportTitle}|${WORDS[lang].reportTitleReported})$`) });
// Static information on the page (the form's own status line announces the outcome).
const reportedBanner = (page: Page, lang: Lang = 'en') =>
  page.locator('.banner').filter({ hasText: lang === 'en' ? `Reported to ${SELLER} on` : `Le avisaste a ${SELLER} el` });

// Without JavaScript the page's forms post to the page itself (feedback) or the not-received page.
const isFormPost = (path: string, what: 'feedback' | 'not-received') => (r: Response) =>
  r.request().method() === 'POST' && new URL(r.url()).pathname === (what === 'feedback' ? path : `${path}/not-received`);

/** Fill the feedback form as a customer would and send it; returns the form post's response. */
async function giveFeedback(page: Page, order: Order, f: { stars: number; arrived?: 'yes' | 'no'; comment?: string; lang?: Lang }): Promise<Response> {
  const lang = f.lang ?? 'en';
  const w = WORDS[lang];
  const card = feedbackCard(page, lang);
  await star(page, f.stars, lang).check();
  if (f.arrived) await card.getByRole('group', { name: w.arrived }).getByRole('radio', { name: f.arrived === 'yes' ? w.yes : w.no, exact: true }).check();
  if (f.comment !== undefined) await card.getByRole('textbox', { name: w.comment }).fill(f.comment);
  const posted = page.waitForResponse(isFormPost(order.path, 'feedback'));
  await card.getByRole('button', { name: new RegExp(`^(${w.send}|${w.update})$`) }).click();
  const res = await posted;
  await page.waitForURL((u) => u.pathname === order.path && u.searchParams.has('feedback'));
  return res;
}

/** Fill the report form and send it expecting a refusal: the page comes back (422) with the message and the typed values. */
async function refusedReport(page: Page, order: Order, r: { missing?: string; note: string; contact: string; lang?: Lang }, message: string) {
  const lang = r.lang ?? 'en';
  const w = WORDS[lang];
  const card = reportCard(page, lang);
  if (r.missing) await card.getByRole('group', { name: w.missing }).getByRole('radio', { name: r.missing, exact: true }).check();
  await card.getByRole('textbox', { name: w.note }).fill(r.note);
  await card.getByRole('textbox', { name: w.contact }).fill(r.contact);
  const posted = page.waitForResponse(isFormPost(order.path, 'not-received'));
  await card.getByRole('button', { name: new RegExp(`^(${w.sendReport}|${w.updateReport})$`) }).click();
  expect((await posted).status()).toBe(422);
  const after = reportCard(page, lang);
  await expect(after.getByRole('alert')).toHaveText(message);
  await expect(after.getByRole('textbox', { name: w.note })).toHaveValue(r.note);
  await expect(after.getByRole('textbox', { name: w.contact })).toHaveValue(r.contact);
  if (r.missing) await expect(after.getByRole('group', { name: w.missing }).getByRole('radio', { name: r.missing, exact: true })).toBeChecked();
}

/** Fill the report form and send it; returns the form post's response. */
async function report(page: Page, order: Order, r: { missing?: string; note?: string; contact?: string; lang?: Lang }): Promise<Response> {
  const lang = r.lang ?? 'en';
  const w = WORDS[lang];
  const card = reportCard(page, lang);
  if (r.missing) await card.getByRole('group', { name: w.missing }).getByRole('radio', { name: r.missing, exact: true }).check();
  if (r.note !== undefined) await card.getByRole('textbox', { name: w.note }).fill(r.note);
  if (r.contact !== undefined) await card.getByRole('textbox', { name: w.contact }).fill(r.contact);
  const posted = page.waitForResponse(isFormPost(order.path, 'not-received'));
  await card.getByRole('button', { name: new RegExp(`^(${w.sendReport}|${w.updateReport})$`) }).click();
  const res = await posted;
  await page.waitForURL((u) => u.pathname === `${order.path}/not-received` && u.searchParams.has('report'));
  return res;
}

/** A form post without JavaScript or with it: 303 back to `path` with `param=outcome` (and the language). */
function expectSeeOther(res: Response | APIResponse, path: string, param: string, outcome: string, lang: Lang = 'en') {
  expect(res.status()).toBe(303);
  const to = new URL(res.headers().location!, 'http://x');
  expect(to.pathname).toBe(path);
  expect(to.searchParams.get(param)).toBe(outcome);
  expect(to.searchParams.get('lang')).toBe(lang);
}

// ---------------------------------------------------------------------------------------------
// dates, computed here with Intl in the destination's zone

const calendarDate = (at: number, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'es', { timeZone: ZONE, month: 'long', day: 'numeric' }).format(new Date(at));

/** The calendar date(s) something done between `from` and `to` (plus `later` ms) can show: two only across midnight. */
const datesBetween = (from: number, to: number, lang: Lang, later = 0) => [...new Set([calendarDate(from + later, lang), calendarDate(to + later, lang)])];

/** Pulls the date out of a sentence like "Reported to … on November 25." and checks it is one of `dates`. */
async function expectDateIn(locator: Locator, sentence: (date: string) => string, dates: string[]) {
  const text = (await locator.innerText()).trim();
  expect(dates.map(sentence), `"${text}"`).toContain(text);
}

/** Whitespace as a reader sees it: paragraphs and runs of spaces become one space. */
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** axe runs as a script in the page, so it can only check pages of a context with JavaScript on. */
async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** The contact must never reach a page, an API answer for the page, or a URL — in any of the ways it could be written. */
async function expectContactNowhere(page: Page, order: Order, shapes: string[]) {
  const pages = [order.path, `${order.path}?lang=es`, `${order.path}/not-received`, `${order.path}/not-received?lang=es`, `${order.path}/not-received?report=sent&lang=en`];
  for (const path of pages) {
    const res = await page.request.get(path);
    expect(res.status()).toBe(200);
    const html = (await res.text()).toLowerCase();
    for (const shape of shapes) expect(html, `${path} shows "${shape}"`).not.toContain(shape.toLowerCase());
  }
  const json = (await (await page.request.get(`/api${order.path}`)).text()).toLowerCase();
  for (const shape of shapes) expect(json, `/api${order.path} has "${shape}"`).not.toContain(shape.toLowerCase());
  for (const shape of shapes) expect(page.url().toLowerCase()).not.toContain(encodeURIComponent(shape).toLowerCase());
}

// =============================================================================================

test.describe('before delivery there is nothing to rate or report', () => {
  test('a shipped order’s tracking page has no feedback form', async ({ page }) => {
    const order = await shippedOrder(page.request, 'FB');
    await page.goto(order.path);
    await expect(page.locator('.steps [aria-current="step"]')).toContainText('Shipped');
    await expect(feedbackCard(page)).toHaveCount(0);
    await expect(page.getByRole('radio', { name: EN.star(1) })).toHaveCount(0);
    await expect(page.getByRole('link', { name: EN.fbLink })).toHaveCount(0);
    expect(await page.content()).not.toContain('/feedback"');
  });

  test('a shipped order’s not-received page says so and has no report form', async ({ page }) => {
    const order = await shippedOrder(page.request, 'NR');
    await page.goto(`${order.path}/not-received`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(EN.nrTitle);
    await expect(page.getByText(EN.notDeliveredYet)).toBeVisible();
    await expect(reportCard(page)).toHaveCount(0);
    await expect(page.getByRole('button', { name: EN.sendReport })).toHaveCount(0);
    await expect(page.getByRole('textbox')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: EN.checklist })).toHaveCount(0);
  });

  test('a hand-made post for a shipped order is turned away and the seller gets nothing', async ({ page }) => {
    const order = await shippedOrder(page.request, 'FB');
    const fb = await page.request.post(`/api${order.path}/feedback`, { form: { rating: '5', lang: 'en' }, maxRedirects: 0 });
    expectSeeOther(fb, order.path, 'feedback', 'not_delivered');
    const nr = await page.request.post(`/api${order.path}/not-received`, { form: { note: 'Where is it?', lang: 'en' }, maxRedirects: 0 });
    expectSeeOther(nr, `${order.path}/not-received`, 'report', 'not_delivered');
    expect(await sellerFeedback(page.request, order.orderNumber)).toEqual([]);
    expect(await sellerReports(page.request, order.orderNumber)).toEqual([]);
  });
});

test.describe('rating a delivery', () => {
  test('stars are real radio buttons, "1 star" … "5 stars", in a group called "Your rating"; condition and comment are optional', async ({ page }) => {
    const order = await deliveredOrder(page.request, 'FB');
    await page.goto(order.path);
    const card = feedbackCard(page);
    await expect(card.getByText(EN.fbIntro)).toBeVisible();

    const radios = ratingGroup(page).getByRole('radio');
    await expect(radios).toHaveCount(5);
    for (let n = 1; n <= 5; n++) {
      const r = star(page, n);
      await expect(r).toHaveAttribute('type', 'radio');
      await expect(r).toHaveAttribute('name', 'rating');
      await expect(r).toHaveAttribute('value', String(n));
      await expect(r).not.toBeChecked();
    }
    // the rating is required; the rest is optional
    await expect(star(page, 1)).toHaveAttribute('required', '');
    const arrived = card.getByRole('group', { name: EN.arrived, exact: true });
    await expect(arrived.getByRole('radio')).toHaveCount(2);
    await expect(arrived.getByRole('radio', { name: EN.yes, exact: true })).not.toBeChecked();
    await expect(arrived.getByRole('radio', { name: EN.no, exact: true })).not.toBeChecked();
    const comment = card.getByRole('textbox', { name: EN.comment });
    await expect(comment).toHaveAttribute('maxlength', '1000');
    await expect(comment).not.toHaveAttribute('required');
    await expect(card.getByRole('button', { name: EN.send })).toBeVisible();
    await expect(thanks(page)).toHaveCount(0);

    // the delivered summary links down to the form
    await page.getByRole('link', { name: EN.fbLink }).click();
    await expect(page).toHaveURL((u) => u.hash === '#feedback');
    await expect(card).toBeInViewport();
    await expectNoAxeViolations(page);
  });

  test('a split shipment asks how it went once both packages have arrived, not while one is still coming', async ({ page }) => {
    const order = await splitOrder(page.request, 'FB');
    await page.goto(order.path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('1 of 2 packages delivered');
    await expect(feedbackCard(page)).toHaveCount(0);
    await expect(page.getByRole('link', { name: EN.fbLink })).toHaveCount(0);
    await expect(page.getByText('We’ll ask how it went once everything has arrived.')).toBeVisible();
    await delivered(page.request, order, order.packages[0]!, HOUR / 2);
    await page.goto(order.path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Delivered');
    await expect(ratingGroup(page).getByRole('radio')).toHaveCount(5);
    await expect(feedbackCard(page).getByRole('button', { name: EN.send })).toBeVisible();
    await expect(page.getByText('We’ll ask how it went once everything has arrived.')).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  test('with the keyboard alone: Tab to the stars, arrow keys to choose, Enter to send', async ({ page }) => {
    const order = await deliveredOrder(page.request, 'FK');
    await page.goto(order.path);
    await page.getByRole('link', { name: EN.fbLink }).focus();
    // Tab forward to the stars (at most a couple of stops; see the next test for the one in between)
    for (let i = 0; i < 3 && !(await star(page, 1).evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(star(page, 1)).toBeFocused();
    await expect(ratingGroup(page).getByRole('radio', { checked: true })).toHaveCount(0);

    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect(star(page, 4)).toBeFocused();
    await expect(star(page, 4)).toBeChecked();
    await page.keyboard.press('ArrowLeft');
    await expect(star(page, 3)).toBeFocused();
    await expect(star(page, 3)).toBeChecked();
    await expect(ratingGroup(page).getByRole('radio', { checked: true })).toHaveCount(1);
    // the radio itself is see-through: the focus ring is drawn on its label
    expect(await page.locator('label[for="rating-3"]').evaluate((l) => getComputedStyle(l).outlineStyle)).toBe('solid');

    const posted = page.waitForResponse(isFormPost(order.path, 'feedback'));
    await page.keyboard.press('Enter');
    expectSeeOther(await posted, order.path, 'feedback', 'thanks');
    await expect(thanks(page)).toContainText(EN.thanks);
    const [given] = await sellerFeedback(page.request, order.orderNumber);
    expect(given).toMatchObject({ rating: 3, comment: null, arrivedOk: null, language: 'en' });
  });

  test('from "Tell Juniper & Oak how it went", the next Tab lands on the stars, with no invisible stop in between', async ({ page }) => {
    const order = await deliveredOrder(page.request, 'FK');
    await page.goto(order.path);
    await page.getByRole('link', { name: EN.fbLink }).focus();
    await page.keyboard.press('Tab');
    await expect(star(page, 1)).toBeFocused({ timeout: 1_000 });
  });

  test('a rating is required: a post without one comes back with "Choose a rating from 1 to 5 stars.", the comment kept', async ({ page }) => {
    const order = await deliveredOrder(page.request, 'FR');
    await page.goto(order.path);
    await feedbackCard(page).getByRole('textbox', { name: EN.comment }).fill('No stars from me');
    await feedbackCard(page).getByRole('button', { name: EN.send }).click();
    // our own words in the page's language, not the browser's bubble
    await expect(feedbackCard(page).getByRole('alert')).toHaveText(EN.ratingMissing);
    await expect(feedbackCard(page).getByRole('textbox', { name: EN.comment })).toHaveValue('No stars from me');
    await expect(star(page, 1)).toHaveAttribute('aria-invalid', 'true');

    // a post without a rating (an old browser, a hand-made form) is answered in words
    const res = await page.request.post(`/api${order.path}/feedback`, { form: { comment: 'No stars', lang: 'en' }, maxRedirects: 0 });
    expectSeeOther(res, order.path, 'feedback', 'invalid');
    const to = new URL(res.headers().location!, 'http://x');
    await page.goto(to.pathname + to.search + to.hash);
    await expect(feedbackCard(page).getByRole('status')).toHaveText(EN.ratingMissing);
    await expect(star(page, 1)).toBeVisible(); // the form is still there to try again
    await expect(thanks(page)).toHaveCount(0);
    await expectNoAxeViolations(page);
    expect(await sellerFeedback(page.request, order.orderNumber)).toEqual([]);
  });

  test('a comment of 1,000 characters is taken in full; the box stops at 1,000', async ({ page }) => {
    const order = await deliveredOrder(page.request, 'FC');
    await page.goto(order.path);
    const long = 'Lovely mug. '.repeat(84); // 1,008 characters
    const box = feedbackCard(page).getByRole('textbox', { name: EN.comment });
    await box.fill(long);
    await expect(box).toHaveValue(long.slice(0, 1000));
    expectSeeOther(await giveFeedback(page, order, { stars: 5 }), order.path, 'feedback', 'thanks');
    await expect(thanks(page)).toBeVisible();
    const [given] = await sellerFeedback(page.request, order.orderNumber);
    expect(given!.comment).toBe(long.slice(0, 1000).trim());
  });

  test('a comment of 1,000 characters written on several lines is taken too', async ({ page }) => {
    const order = await deliveredOrder(page.request, 'FC');
    await page.goto(order.path);
    const lines = Array.from({ length: 10 }, (_, i) => `Line ${i}: `.padEnd(99, '.')).join('\n') + '!'; // 10×99 + 9 + 1 = 1,000
    expect(lines).toHaveLength(1000);
    await giveFeedback(page, order, { stars: 4, comment: lines });
    await expect(page).toHaveURL((u) => u.searchParams.get('feedback') === 'thanks', { timeout: 1_000 });
  });
});

test.describe('everyone is thanked the same way, whatever the rating (no review gating)', () => {
  for (const js of [true, false]) {
    test.describe(js ? 'with JavaScript' : 'without JavaScript', () => {
      test.use({ javaScriptEnabled: js });

      test('1 star and 5 stars get the same thank-you and the same link to a public review', async ({ page }) => {
        const unhappy = await deliveredOrder(page.request, 'FG');
        const happy = await deliveredOrder(page.request, 'FG');
        const followUp: { thanks: string; href: string | null; section: string }[] = [];

        for (const [order, f] of [
          [unhappy, { stars: 1, arrived: 'no', comment: 'The box was crushed and the mug chipped.' }],
          [happy, { stars: 5, arrived: 'yes', comment: 'Perfect, thank you!' }],
        ] as const) {
          await page.goto(order.path);
          expectSeeOther(await giveFeedback(page, order, f), order.path, 'feedback', 'thanks');
          await expect(page).toHaveURL((u) => u.pathname === order.path && u.hash === '#feedback');
          const card = feedbackCard(page);
          await expect(card.getByRole('status')).toHaveText('');
          await expect(thanks(page)).toBeVisible();
          const link = thanks(page).getByRole('link', { name: EN.publicLink, exact: true });
          await expect(link).toBeVisible();
          await expect(link).toHaveAttribute('rel', /noopener/);
          // the "how it went" link has done its job
          await expect(page.getByRole('link', { name: EN.fbLink })).toHaveCount(0);
          followUp.push({
            thanks: squash(await thanks(page).innerText()),
            href: await link.getAttribute('href'),
            // the whole card, minus what is the customer's own (their link, their answers shown back and in the change form)
            section: (await card.evaluate((el) => el.outerHTML))
              .replace(/<div data-feedback-answers[^>]*>[\s\S]*?<\/div>/, '')
              .replaceAll(order.token, 'TOKEN')
              .replace(/ checked(="")?/g, '')
              .replace(/(<textarea[^>]*>)[\s\S]*?(<\/textarea>)/g, '$1$2'),
          });
        }

        const [one, five] = followUp;
        expect(one!.thanks).toBe(`${EN.thanks} ${EN.publicIntro} ${EN.publicLink}`);
        expect(one!.href).toBe(PUBLIC_REVIEWS);
        expect(five).toEqual(one);

        // and the seller has both, as given
        expect(await sellerFeedback(page.request, unhappy.orderNumber)).toEqual([expect.objectContaining({ rating: 1, arrivedOk: false, comment: 'The box was crushed and the mug chipped.' })]);
        expect(await sellerFeedback(page.request, happy.orderNumber)).toEqual([expect.objectContaining({ rating: 5, arrivedOk: true, comment: 'Perfect, thank you!' })]);
      });
    });
  }
});

test.describe('changing your feedback', () => {
  for (const js of [true, false]) {
    test.describe(js ? 'with JavaScript' : 'without JavaScript', () => {
      test.use({ javaScriptEnabled: js });

      test('"Change your feedback (until …)" opens the form filled in; a new rating replaces the old one, and the thank-you stays the same', async ({ page }) => {
        const order = await deliveredOrder(page.request, 'FE');
        await page.goto(order.path);
        const before = Date.now();
        expectSeeOther(await giveFeedback(page, order, { stars: 2, arrived: 'yes', comment: 'Took a while.' }), order.path, 'feedback', 'thanks');
        const after = Date.now();
        const thankYou = squash(await thanks(page).innerText());

        // 14 days from the first submission, as a date in the destination's zone
        const card = feedbackCard(page);
        const summary = card.locator('summary');
        await expectDateIn(summary, EN.edit, datesBetween(before, after, 'en', 14 * DAY));
        const until = (await summary.innerText()).trim();
        await expect(star(page, 2)).toBeHidden(); // closed until asked for

        await summary.click();
        await expect(star(page, 2)).toBeChecked();
        await expect(ratingGroup(page).getByRole('radio', { checked: true })).toHaveCount(1);
        await expect(card.getByRole('radio', { name: EN.yes, exact: true })).toBeChecked();
        await expect(card.getByRole('textbox', { name: EN.comment })).toHaveValue('Took a while.');
        await expect(card.getByRole('button', { name: EN.update })).toBeVisible();
        await expect(card.getByRole('button', { name: EN.send })).toHaveCount(0);
        if (js) await expectNoAxeViolations(page); // (without JavaScript axe cannot run; the accessibility tests cover this view)

        expectSeeOther(await giveFeedback(page, order, { stars: 4, arrived: 'no', comment: 'Took a while, but the seller sorted it.' }), order.path, 'feedback', 'updated');
        await expect(thanks(page)).toHaveText(thankYou, { useInnerText: true });
        await expect(card.locator('summary')).toHaveText(until); // the window still counts from the first time

        await page.reload();
        await card.locator('summary').click();
        await expect(star(page, 4)).toBeChecked();
        await expect(ratingGroup(page).getByRole('radio', { checked: true })).toHaveCount(1);
        await expect(card.getByRole('radio', { name: EN.no, exact: true })).toBeChecked();
        await expect(card.getByRole('textbox', { name: EN.comment })).toHaveValue('Took a while, but the seller sorted it.');

        // one feedback, changed; not a second one
        const given = await sellerFeedback(page.request, order.orderNumber);
        expect(given).toHaveLength(1);
        expect(given[0]).toMatchObject({ rating: 4, arrivedOk: false, comment: 'Took a while, but the seller sorted it.' });
      });
    });
  }
});

test.describe('telling the seller a delivered order never arrived', () => {
  test('one package, three days after delivery: a note and an email reach the seller, the page says "Reported to … on {date}" and never shows the email', async ({ page }) => {
    const order = await deliveredOrder(page.request, 'NR', 3 * DAY);
    await page.goto(`${order.path}/not-received`);
    const card = reportCard(page);
    // after 48 hours the report is the main action: it comes before the checklist
    const formAt = (await card.boundingBox())!.y;
    const checklistAt = (await page.getByRole('heading', { name: EN.checklist }).boundingBox())!.y;
    expect(formAt).toBeLessThan(checklistAt);
    await expect(card.getByRole('group', { name: EN.missing })).toHaveCount(0); // one package: nothing to choose
    await expect(card.getByRole('textbox', { name: EN.contact })).toHaveAccessibleDescription(EN.contactHint);
    await expect(card.getByRole('button', { name: EN.sendReport })).toBeVisible();
    await expect(reportedBanner(page)).toHaveCount(0);

    const contact = 'Dana.Reyes@Example.com';
    const before = Date.now();
    const res = await report(page, order, { note: 'Not on the porch or with the neighbours.', contact });
    const after = Date.now();
    expectSeeOther(res, `${order.path}/not-received`, 'report', 'sent');
    await expect(page).toHaveURL((u) => u.hash === '#report');
    await expect(reportCard(page).getByRole('status')).toHaveText(EN.sent);
    const dates = datesBetween(before, after, 'en');
    await expectDateIn(reportedBanner(page).locator('strong'), EN.reported, dates);
    await expect(reportedBanner(page)).toContainText(EN.reportedNext);
    await expect(reportCard(page).getByRole('button', { name: EN.updateReport })).toBeVisible();
    await expectNoAxeViolations(page);

    // the same state later, without the outcome in the address
    await page.goto(`${order.path}/not-received`);
    await expectDateIn(reportedBanner(page).locator('strong'), EN.reported, dates);
    await expect(reportCard(page).getByRole('status')).toHaveText('');

    // and on the tracking page
    await page.getByRole('link', { name: 'Back to tracking' }).click();
    await expect(page).toHaveURL((u) => u.pathname === order.path);
    await expectDateIn(reportedBanner(page).locator('strong'), EN.reported, dates);
    await expectNoAxeViolations(page);

    await expectContactNowhere(page, order, [contact, 'dana.reyes', 'example.com']);
    expect(await sellerReports(page.request, order.orderNumber)).toEqual([
      expect.objectContaining({ trackingNumber: null, note: 'Not on the porch or with the neighbours.', contact: 'dana.reyes@example.com', contactKind: 'email', language: 'en' }),
    ]);
  });

  test('a split shipment with one package delivered: "What’s missing?" offers the delivered package (chosen) and the whole order only; reporting again updates the report', async ({ page }) => {
    const order = await splitOrder(page.request, 'NS');
    const [onItsWay, arrived] = order.packages as [Pkg, Pkg];
    await page.goto(`${order.path}/not-received`);
    const card = reportCard(page);
    // within the first 48 hours the checklist comes first
    expect((await page.getByRole('heading', { name: EN.checklist }).boundingBox())!.y).toBeLessThan((await card.boundingBox())!.y);

    const missing = card.getByRole('group', { name: EN.missing, exact: true });
    const choices = missing.getByRole('radio');
    await expect(choices).toHaveCount(2);
    const deliveredChoice = EN.pkg(2, arrived.name, arrived.trackingNumber);
    // the package marked delivered is the likely one missing, so it is chosen to start with
    await expect(missing.getByRole('radio', { name: deliveredChoice, exact: true })).toBeChecked();
    await expect(missing.getByRole('radio', { name: EN.whole, exact: true })).not.toBeChecked();
    await expect(missing).not.toContainText(onItsWay.trackingNumber);
    await expect(missing).not.toContainText('Package 1');
    await expectNoAxeViolations(page);

    const phone = { typed: '(313) 555-2680', e164: '+13135552680' };
    const before = Date.now();
    expectSeeOther(await report(page, order, { missing: deliveredChoice, note: 'The porch was empty.', contact: phone.typed }), `${order.path}/not-received`, 'report', 'sent');
    await expect(reportCard(page).getByRole('status')).toHaveText(EN.sent);
    await expectDateIn(reportedBanner(page).locator('strong'), EN.reported, datesBetween(before, Date.now(), 'en'));
    await expect(reportCard(page).getByRole('button', { name: EN.updateReport })).toBeVisible();
    await expect(reportCard(page).getByRole('button', { name: EN.sendReport })).toHaveCount(0);

    // again, about the same package: the report is updated, not doubled
    expectSeeOther(await report(page, order, { missing: deliveredChoice, note: 'Two days on and still nothing.', contact: phone.typed }), `${order.path}/not-received`, 'report', 'sent');
    await expect(reportCard(page).getByRole('status')).toHaveText(EN.sent);
    await expect(reportedBanner(page)).toHaveCount(1);
    await page.goto(order.path);
    await expect(reportedBanner(page)).toHaveCount(1);

    const digits10 = phone.e164.slice(2);
    await expectContactNowhere(page, order, [phone.typed, phone.e164, digits10, '555-2680', '555 2680', '5552680']);
    expect(await sellerReports(page.request, order.orderNumber)).toEqual([
      expect.objectContaining({ trackingNumber: arrived.trackingNumber, note: 'Two days on and still nothing.', contact: phone.e164, contactKind: 'phone' }),
    ]);
  });

  test('updating a report without typing the contact again keeps the contact the seller already has', async ({ page }) => {
    const order = await deliveredOrder(page.request, 'NU', 3 * DAY);
    await page.goto(`${order.path}/not-received`);
    await report(page, order, { note: 'Not here.', contact: 'sam@example.com' });
    await expect(reportCard(page).getByRole('button', { name: EN.updateReport })).toBeVisible();
    await expect(reportCard(page).getByRole('textbox', { name: EN.contact })).toHaveValue('');
    await report(page, order, { note: 'Checked with the neighbours too.' });
    await expect(reportCard(page).getByRole('status')).toHaveText(EN.sent);
    const [kept] = await sellerReports(page.request, order.orderNumber);
    expect(kept).toMatchObject({ note: 'Checked with the neighbours too.', contact: 'sam@example.com' });
  });

  test('a note of 1,000 characters written on several lines is taken', async ({ page }) => {
    const order = await deliveredOrder(page.request, 'NL', 3 * DAY);
    await page.goto(`${order.path}/not-received`);
    const lines = Array.from({ length: 10 }, (_, i) => `Checked ${i}: `.padEnd(99, '.')).join('\n') + '!';
    expect(lines).toHaveLength(1000);
    await report(page, order, { note: lines });
    await expect(page).toHaveURL((u) => u.searchParams.get('report') === 'sent', { timeout: 1_000 });
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a report posts and comes back; a contact that is neither an email nor a phone number is explained first', async ({ page }) => {
    const order = await deliveredOrder(page.request, 'NJ', 3 * DAY);
    await page.goto(`${order.path}/not-received`);
    await refusedReport(page, order, { note: 'Nothing at the door.', contact: 'not a contact' }, EN.contactInvalid);
    await expect(reportedBanner(page)).toHaveCount(0);
    await expect(reportCard(page).getByRole('button', { name: EN.sendReport })).toBeVisible();
    expect(await sellerReports(page.request, order.orderNumber)).toEqual([]);

    const before = Date.now();
    expectSeeOther(await report(page, order, { note: 'Nothing at the door.', contact: 'priya@example.com' }), `${order.path}/not-received`, 'report', 'sent');
    await expect(reportCard(page).getByRole('status')).toHaveText(EN.sent);
    await expectDateIn(reportedBanner(page).locator('strong'), EN.reported, datesBetween(before, Date.now(), 'en'));
    await page.goto(order.path);
    await expectDateIn(reportedBanner(page).locator('strong'), EN.reported, datesBetween(before, Date.now(), 'en'));
    expect(await sellerReports(page.request, order.orderNumber)).toEqual([expect.objectContaining({ note: 'Nothing at the door.', contact: 'priya@example.com' })]);
  });

  test('the "Change your feedback" disclosure opens without JavaScript', async ({ page }) => {
    // (submitting and changing feedback without JavaScript is covered above; this is the <details> itself)
    const order = await deliveredOrder(page.request, 'FJ');
    const res = await page.request.post(`/api${order.path}/feedback`, { form: { rating: '3', lang: 'en' }, maxRedirects: 0 });
    expectSeeOther(res, order.path, 'feedback', 'thanks');
    await page.goto(order.path);
    await expect(star(page, 3)).toBeHidden();
    await feedbackCard(page).locator('summary').click();
    await expect(star(page, 3)).toBeChecked();
    await expect(feedbackCard(page).getByRole('button', { name: EN.update })).toBeVisible();
  });
});

test.describe('in Spanish (?lang=es)', () => {
  test('the feedback form, the thank-you and the change link are in Spanish', async ({ page }) => {
    const order = await deliveredOrder(page.request, 'FS');
    await page.goto(`${order.path}?lang=es`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    const card = feedbackCard(page, 'es');
    await expect(card.getByText(ES.fbIntro)).toBeVisible();
    await expect(page.getByRole('link', { name: ES.fbLink })).toBeVisible();
    for (let n = 1; n <= 5; n++) await expect(star(page, n, 'es')).toBeAttached();
    await expect(card.getByRole('group', { name: ES.arrived, exact: true }).getByRole('radio', { name: ES.yes, exact: true })).toBeAttached();
    await expect(card.getByRole('textbox', { name: ES.comment })).toBeVisible();
    await expect(card.getByRole('button', { name: ES.send })).toBeVisible();
    await expect(card).not.toContainText(/\bstars?\b|Send|Yes\b/);
    await expectNoAxeViolations(page);

    const before = Date.now();
    const res = await giveFeedback(page, order, { stars: 1, arrived: 'no', comment: 'Llegó roto.', lang: 'es' });
    const after = Date.now();
    expectSeeOther(res, order.path, 'feedback', 'thanks', 'es');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(thanks(page)).toHaveText(`${ES.thanks} ${ES.publicIntro} ${ES.publicLink}`, { useInnerText: true });
    await expect(thanks(page).getByRole('link', { name: ES.publicLink })).toHaveAttribute('href', PUBLIC_REVIEWS);
    await expectDateIn(card.locator('summary'), ES.edit, datesBetween(before, after, 'es', 14 * DAY));
    await card.locator('summary').click();
    await expect(card.getByRole('button', { name: ES.update })).toBeVisible();
    await expectNoAxeViolations(page);
    expect(await sellerFeedback(page.request, order.orderNumber)).toEqual([expect.objectContaining({ rating: 1, language: 'es' })]);
  });

  test('a missing rating is explained in Spanish', async ({ page }) => {
    const order = await deliveredOrder(page.request, 'FS');
    const res = await page.request.post(`/api${order.path}/feedback`, { form: { comment: 'Sin estrellas', lang: 'es' }, maxRedirects: 0 });
    expectSeeOther(res, order.path, 'feedback', 'invalid', 'es');
    const to = new URL(res.headers().location!, 'http://x');
    await page.goto(to.pathname + to.search);
    await expect(feedbackCard(page, 'es').getByRole('status')).toHaveText(ES.ratingMissing);
    await expectNoAxeViolations(page);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    // (axe cannot run without JavaScript: these Spanish views are checked under "accessibility")

    test('the report form of a split shipment, its error and the reported state are in Spanish', async ({ page }) => {
      const order = await splitOrder(page.request, 'NE');
      const arrived = order.packages[1]!;
      await page.goto(`${order.path}/not-received?lang=es`);
      await expect(page.locator('html')).toHaveAttribute('lang', 'es');
      const card = reportCard(page, 'es');
      await expect(card.getByRole('heading', { level: 2 })).toHaveText(ES.reportTitle);
      const missing = card.getByRole('group', { name: ES.missing, exact: true });
      await expect(missing.getByRole('radio')).toHaveCount(2);
      const deliveredChoice = ES.pkg(2, arrived.name, arrived.trackingNumber);
      await expect(missing.getByRole('radio', { name: deliveredChoice, exact: true })).toBeChecked();
      await expect(missing.getByRole('radio', { name: ES.whole, exact: true })).not.toBeChecked();
      await expect(card.getByRole('textbox', { name: ES.note })).toBeVisible();
      await expect(card.getByRole('textbox', { name: ES.contact })).toHaveAccessibleDescription(ES.contactHint);
      await expect(card.getByRole('button', { name: ES.sendReport })).toBeVisible();

      await refusedReport(page, order, { missing: deliveredChoice, note: 'No está.', contact: 'not a contact', lang: 'es' }, ES.contactInvalid);
      await expect(page.locator('html')).toHaveAttribute('lang', 'es');

      const before = Date.now();
      expectSeeOther(await report(page, order, { missing: deliveredChoice, note: 'No está.', contact: 'luis@example.com', lang: 'es' }), `${order.path}/not-received`, 'report', 'sent', 'es');
      const dates = datesBetween(before, Date.now(), 'es');
      await expect(reportCard(page, 'es').getByRole('status')).toHaveText(ES.sent);
      await expectDateIn(reportedBanner(page, 'es').locator('strong'), ES.reported, dates);
      await expect(reportedBanner(page, 'es')).toContainText(ES.reportedNext);
      await expect(reportCard(page, 'es').getByRole('button', { name: ES.updateReport })).toBeVisible();

      await page.getByRole('link', { name: 'Volver al seguimiento' }).click();
      await expect(page).toHaveURL((u) => u.pathname === order.path && u.searchParams.get('lang') === 'es');
      await expectDateIn(reportedBanner(page, 'es').locator('strong'), ES.reported, dates);
      expect(await sellerReports(page.request, order.orderNumber)).toEqual([expect.objectContaining({ trackingNumber: arrived.trackingNumber, language: 'es' })]);
    });
  });
});

test.describe('accessibility (axe finds nothing)', () => {
  // The flows above also run axe on the states they reach (form, thank-you with the change form
  // open, reported, errors, in both languages). These are the remaining views.
  test('delivered tracking page with the feedback form, single package and split shipment, English and Spanish', async ({ page }) => {
    for (const order of [await deliveredOrder(page.request, 'FA'), await deliveredSplitOrder(page.request, 'FA')]) {
      for (const lang of ['en', 'es'] as const) {
        await page.goto(`${order.path}?lang=${lang}`);
        await expect(ratingGroup(page, lang)).toBeVisible();
        await expectNoAxeViolations(page);
      }
    }
  });

  test('every feedback error message, English and Spanish', async ({ page }) => {
    const order = await deliveredOrder(page.request, 'FA');
    for (const outcome of ['invalid', 'edit_window_closed', 'rate_limited']) {
      for (const lang of ['en', 'es'] as const) {
        await page.goto(`${order.path}?lang=${lang}&feedback=${outcome}`);
        await expect(feedbackCard(page, lang).getByRole('status')).not.toBeEmpty();
        await expectNoAxeViolations(page);
      }
    }
  });

  test('after giving feedback: the thank-you, with the change form open, English and Spanish', async ({ page }) => {
    const order = await deliveredOrder(page.request, 'FA');
    await page.goto(order.path);
    await giveFeedback(page, order, { stars: 3, comment: 'Fine.' });
    for (const lang of ['en', 'es'] as const) {
      await page.goto(`${order.path}?lang=${lang}`);
      await expect(thanks(page)).toBeVisible();
      await expectNoAxeViolations(page);
      await feedbackCard(page, lang).locator('summary').click();
      await expect(star(page, 3, lang)).toBeChecked();
      await expectNoAxeViolations(page);
    }
  });

  test('not-received page with the report form (before and after 48 hours, split shipment), English and Spanish', async ({ page }) => {
    const orders = [await deliveredOrder(page.request, 'NA'), await deliveredOrder(page.request, 'NA', 3 * DAY), await splitOrder(page.request, 'NA')];
    for (const order of orders) {
      for (const lang of ['en', 'es'] as const) {
        await page.goto(`${order.path}/not-received?lang=${lang}`);
        await expect(reportCard(page, lang)).toBeVisible();
        await expectNoAxeViolations(page);
      }
    }
  });

  test('every report outcome message, English and Spanish', async ({ page }) => {
    const order = await splitOrder(page.request, 'NA');
    for (const outcome of ['invalid', 'contact_invalid', 'not_delivered', 'rate_limited']) {
      for (const lang of ['en', 'es'] as const) {
        await page.goto(`${order.path}/not-received?lang=${lang}&report=${outcome}`);
        await expect(reportCard(page, lang).getByRole('status')).not.toBeEmpty();
        await expectNoAxeViolations(page);
      }
    }
  });

  test('after reporting: not-received page and tracking page, English and Spanish', async ({ page }) => {
    const order = await splitOrder(page.request, 'NA');
    await page.goto(`${order.path}/not-received`);
    await report(page, order, { note: 'Not here.' });
    for (const path of [`${order.path}/not-received`, `${order.path}/not-received?report=sent`, order.path]) {
      for (const lang of ['en', 'es'] as const) {
        await page.goto(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        await expect(reportedBanner(page, lang)).toBeVisible();
        await expectNoAxeViolations(page);
      }
    }
  });
});

test.describe('page weight with the feedback form', () => {
  test('HTML+CSS of delivered pages stay under 14 KB gzipped, before and after feedback and a report', async ({ request }) => {
    const given = await deliveredOrder(request, 'FW');
    expectSeeOther(await request.post(`/api${given.path}/feedback`, { form: { rating: '4', comment: 'Good.'.repeat(200), arrivedOk: 'yes', lang: 'en' }, maxRedirects: 0 }), given.path, 'feedback', 'thanks');
    expectSeeOther(await request.post(`/api${given.path}/not-received`, { form: { note: 'Gone.', lang: 'en' }, maxRedirects: 0 }), `${given.path}/not-received`, 'report', 'sent');
    // demo orders are only read (delivered, single package); a split shipment with both packages delivered has the most history
    const split = await deliveredSplitOrder(request, 'FW');
    const paths = [pathOf('delivered'), split.path, pathOf('delivered_3_days_ago'), given.path];
    for (const path of paths) {
      for (const query of ['?lang=en', '?lang=es', '?lang=en&feedback=invalid', '?lang=es&feedback=invalid']) {
        const html = await (await request.get(path + query)).text();
        expect(html, `${path}${query} has the feedback form`).toContain('name="rating"');
        let css = Buffer.alloc(0);
        for (const [, href] of html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)) css = Buffer.concat([css, await (await request.get(href!)).body()]);
        const total = gzipSync(html).length + (css.length ? gzipSync(css).length : 0);
        expect(total, `${path}${query}: HTML+CSS ${total} bytes gzipped`).toBeLessThan(14 * 1024);
      }
    }
  });
});
