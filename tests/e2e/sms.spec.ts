// Text updates (product.md §5) in a real browser: the opt-in form on the tracking page, double
// opt-in through the dev SMS inbox (/dev/sms), texts for seller events, STOP, the page's own
// unsubscribe button, Spanish, accessibility and page weight.
//
// Two limits of the app shape this file:
// - One live phone per order, and the demo orders are shared with the other spec files (which
//   assert e.g. that the "shipped" demo order says "On its way"). So every test here creates its
//   own order through the seller API instead of opting in on, or pushing events to, a demo order.
// - At most 5 opt-ins per client IP per hour (LIMITS.optInPerIp), and every request here comes from
//   127.0.0.1. This file makes exactly 5 successful opt-ins (journey, no-JS, JS, unsubscribe,
//   Spanish); the pending-state accessibility checks therefore run inside the JS and Spanish
//   opt-in tests rather than opting in again. Failed attempts (bad number, no consent) are not counted.
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Locator, type Page, type Request } from '@playwright/test';
import { demo, localClock, pathOf } from './demo';

const SELLER = 'Juniper & Oak';
const ZONE = 'America/Chicago'; // the orders below go to Pensacola, FL, like the JO-1003 demo order

// Different area codes per test: numbers never collide, and the per-prefix limit is never near.
const PHONES = {
  journey: { typed: '(415) 555-2671', e164: '+14155552671', last4: '2671' },
  noJs: { typed: '(312) 555-2672', e164: '+13125552672', last4: '2672' },
  js: { typed: '(646) 555-2673', e164: '+16465552673', last4: '2673' },
  spanish: { typed: '(503) 555-2674', e164: '+15035552674', last4: '2674' },
  unsubscribe: { typed: '(617) 555-2675', e164: '+16175552675', last4: '2675' },
  forged: { typed: '(720) 555-2676', e164: '+17205552676', last4: '2676' },
  inboxOnly: { typed: '(206) 555-2677', e164: '+12065552677', last4: '2677' },
  confirmed: { typed: '(404) 555-2678', e164: '+14045552678', last4: '2678' },
} as const;

// What the customer reads (en.ts / es.ts wording, written out here rather than imported).
const EN = {
  region: 'Get text updates',
  phone: 'Mobile number',
  consent: 'Yes, text me delivery updates for this order.',
  submit: 'Text me updates',
  unsubscribe: 'Stop text updates',
  /** the pending state: said once, by the state line (no second "check your phone" above it) */
  pending: (last4: string) => `We texted the number ending ${last4}. Reply YES to that text to start getting updates.`,
  outcomeUnsubscribed: 'Done: no more texts about this order.',
  outcomePhoneInvalid: 'That doesn’t look like a mobile number. Check it and try again.',
  outcomeConsent: 'Check the box to agree to get texts.',
};
const ES = {
  region: 'Recibe avisos por SMS',
  phone: 'Número de celular',
  submit: 'Recibir avisos por SMS',
  pending: (last4: string) => `Te enviamos un SMS al número que termina en ${last4}. Responde SÍ (o YES) a ese mensaje para empezar a recibir avisos.`,
  outcomePhoneInvalid: 'Ese número no parece ser de celular. Revísalo e inténtalo de nuevo.',
};

// ---------------------------------------------------------------------------------------------
// helpers

interface Order {
  orderNumber: string;
  trackingNumber: string;
  /** /t/{token} */
  path: string;
}

const auth = () => ({ authorization: `Bearer ${demo().apiKey}` });
const suffix = () => Math.random().toString(36).slice(2, 7).toUpperCase();

/** A fresh order like JO-1003: AMZL to Pensacola (Central Time), shipped, not delivered. */
async function newOrder(request: APIRequestContext, prefix: string): Promise<Order> {
  const orderNumber = `${prefix}-${suffix()}`; // short: texts never need to cut it
  const trackingNumber = `TBA3${String(Math.floor(Math.random() * 1e11)).padStart(11, '0')}`;
  const created = await request.post('/api/v1/orders', {
    headers: auth(),
    data: {
      orderNumber,
      customer: { firstName: 'Priya' },
      destination: { city: 'Pensacola', region: 'FL', postalCode: '32501', country: 'US', timeZone: ZONE },
      items: [{ name: 'Ceramic mug', quantity: 1 }],
      packages: [{ carrier: 'AMZL', trackingNumber }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { trackingUrl } = (await created.json()) as { trackingUrl: string };
  await pushEvent(request, orderNumber, {
    type: 'shipped', trackingNumber, occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    location: { city: 'Atlanta', region: 'GA', country: 'US' },
  });
  return { orderNumber, trackingNumber, path: new URL(trackingUrl).pathname };
}

async function pushEvent(request: APIRequestContext, orderNumber: string, event: Record<string, unknown>) {
  const res = await request.post(`/api/v1/orders/${orderNumber}/events`, {
    headers: auth(), data: { id: `e2e-${event.type}-${suffix()}`, ...event },
  });
  expect(res.status(), await res.text()).toBe(201);
}

/** The "Get text updates" card. */
const smsCard = (page: Page, name = EN.region) => page.getByRole('region', { name });

async function signUp(card: Locator, phone: string, lang: typeof EN | typeof ES = EN) {
  await card.getByRole('textbox', { name: lang.phone }).fill(phone);
  await card.getByRole('checkbox').check();
  await card.getByRole('button', { name: lang.submit }).click();
}

/** The card waits for YES and says so once: the state line, no echo in the status line. */
async function expectPendingSaidOnce(card: Locator, sentence: string) {
  await expect(card.getByText(sentence, { exact: true })).toBeVisible();
  expect((await card.innerText()).match(/YES/g)).toHaveLength(1);
  await expect(card.locator('[data-sms-status]')).toHaveText('');
}

/** The full number must never reach the page, in any of the ways it could be written. */
async function expectNoFullNumber(page: Page, phone: { typed: string; e164: string }) {
  const digits = phone.e164.slice(2); // national number, 10 digits
  const [area, exchange, line] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
  const html = await page.content();
  for (const shape of [digits, phone.e164, phone.typed, `${area}-${exchange}-${line}`, `${area} ${exchange} ${line}`, `${area}.${exchange}.${line}`, `${exchange}-${line}`, `${exchange} ${line}`]) {
    expect(html, `page shows "${shape}"`).not.toContain(shape);
  }
  expect(page.url()).not.toContain(`${exchange}`);
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** The thread of one number on the dev SMS inbox. */
const thread = (page: Page) => page.locator('ol.thread');
const outgoing = (page: Page) => thread(page).locator('li[data-direction="out"]');

/** Quiet hours are 20:00–08:00 in the recipient's zone (product default). */
const inQuietHours = (at: Date) => {
  const { hour } = localClock(at, ZONE);
  return hour >= 20 || hour < 8;
};

/** The first instant after `at` when it is 08:00 in ZONE (US zones are whole-hour offsets). */
function nextMorning(at: Date): Date {
  let t = Math.floor(at.getTime() / 3_600_000) * 3_600_000 + 3_600_000;
  while (localClock(new Date(t), ZONE).hour !== 8) t += 3_600_000;
  return new Date(t);
}
const utcStamp = (d: Date) => `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;

// ---------------------------------------------------------------------------------------------

test.describe('text updates from start to finish', () => {
  test('a customer signs up on the page, confirms with YES, gets the out-for-delivery text, and STOP ends all texts', async ({ page }) => {
    test.setTimeout(90_000);
    const phone = PHONES.journey;
    const order = await newOrder(page.request, 'SJ');

    // --- the form on the tracking page
    await page.goto(order.path);
    const card = smsCard(page);
    const consent = card.getByRole('checkbox', { name: EN.consent });
    await expect(consent).not.toBeChecked();
    const disclosure = card.locator('#sms-disclosure');
    for (const words of [SELLER, `delivery updates for order ${order.orderNumber}`, 'Msg frequency varies', 'Msg & data rates may apply', 'Reply STOP to cancel, HELP for help']) {
      await expect(disclosure).toContainText(words);
    }
    // beside the box: tied to it for screen readers, and right under it on screen
    await expect(consent).toHaveAccessibleDescription(/Msg frequency varies/);
    const boxAt = (await consent.boundingBox())!;
    const textAt = (await disclosure.boundingBox())!;
    expect(textAt.y - (boxAt.y + boxAt.height)).toBeGreaterThanOrEqual(0);
    expect(textAt.y - (boxAt.y + boxAt.height)).toBeLessThan(80);

    // the terms and privacy links open real pages
    for (const [link, heading] of [['Text terms', 'Text message terms'], ['Privacy', 'Privacy']] as const) {
      await card.getByRole('link', { name: link, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      await page.goBack();
    }

    // --- sign up
    await card.getByRole('textbox', { name: EN.phone }).pressSequentially(phone.typed);
    await consent.check();
    await card.getByRole('button', { name: EN.submit }).click();
    await expectPendingSaidOnce(card, EN.pending(phone.last4));
    await expect(card.getByRole('button', { name: EN.unsubscribe })).toBeVisible();
    await expectNoFullNumber(page, phone);

    // --- the phone: the YES request, and the answer
    await page.goto('/dev/sms');
    await page.getByRole('link', { name: phone.e164, exact: true }).click();
    await expect(outgoing(page)).toHaveCount(1);
    const request = outgoing(page).first();
    for (const words of [SELLER, 'Reply YES', order.orderNumber, 'STOP', 'HELP', order.path]) await expect(request).toContainText(words);

    await page.getByRole('textbox', { name: `Reply as ${phone.e164}` }).fill('YES');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await expect(thread(page).locator('li[data-direction="in"]').last()).toContainText('YES');
    const confirmation = outgoing(page).nth(1);
    for (const words of [SELLER, `delivery updates for order ${order.orderNumber}`, 'Msg frequency varies', 'STOP']) {
      await expect(confirmation).toContainText(words);
    }

    await page.goto(order.path);
    await expect(smsCard(page)).toContainText(`Text updates go to the number ending ${phone.last4}`);

    // --- the seller says it is out for delivery, 4 stops away
    const sentAt = new Date();
    await pushEvent(page.request, order.orderNumber, {
      type: 'out_for_delivery', occurredAt: sentAt.toISOString(), trackingNumber: order.trackingNumber,
      location: { city: 'Pensacola', region: 'FL', country: 'US' }, stopsAway: 4,
    });
    const pushedAt = new Date();
    // 20:00–08:00 in Pensacola the text waits for 08:00 there; otherwise it goes within seconds.
    // (If the push straddled 08:00 or 20:00, either outcome is honest.)
    const quiet = inQuietHours(sentAt);
    const ambiguous = quiet !== inQuietHours(pushedAt);
    await page.goto(`/dev/sms?phone=${encodeURIComponent(phone.e164)}`);
    const ofd = outgoing(page).filter({ hasText: 'out for delivery' });
    await expect(async () => {
      await page.reload();
      await expect(ofd).toHaveCount(1, { timeout: 250 });
      if (!quiet && !ambiguous) await expect(ofd).toContainText('submitted', { timeout: 250 });
    }).toPass({ timeout: 10_000 });
    for (const words of [SELLER, order.orderNumber, '4 stops away', order.path]) await expect(ofd).toContainText(words);
    if (!ambiguous) {
      if (quiet) await expect(ofd).toContainText(`waiting until ${utcStamp(nextMorning(sentAt))}`);
      else await expect(ofd).not.toContainText('waiting');
    }

    // --- STOP: confirmed once, then silence
    for (const reply of ['STOP', 'STOP']) {
      await page.getByRole('textbox', { name: `Reply as ${phone.e164}` }).fill(reply);
      await page.getByRole('button', { name: 'Send reply' }).click();
      await expect(thread(page).locator('li[data-direction="in"]').last()).toContainText('STOP');
    }
    await expect(thread(page).locator('li[data-direction="in"]').filter({ hasText: 'STOP' })).toHaveCount(2);
    await expect(outgoing(page).filter({ hasText: /unsubscribed/i })).toHaveCount(1);
    await expect(outgoing(page).filter({ hasText: /unsubscribed/i })).toContainText('START');

    await page.goto(order.path);
    await expect(smsCard(page)).not.toContainText(phone.last4);
    await expect(smsCard(page).getByRole('textbox', { name: EN.phone })).toBeVisible();

    // --- delivered after STOP: no new text
    await page.goto(`/dev/sms?phone=${encodeURIComponent(phone.e164)}`);
    const before = await outgoing(page).count();
    await pushEvent(page.request, order.orderNumber, {
      type: 'delivered', occurredAt: new Date().toISOString(), trackingNumber: order.trackingNumber, deliveredTo: 'FRONT_DOOR',
    });
    await page.waitForTimeout(3_000); // six worker polls
    await page.reload();
    await expect(outgoing(page)).toHaveCount(before);
    await expect(outgoing(page).filter({ hasText: 'was delivered' })).toHaveCount(0);

    await page.goto(order.path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Delivered');
    await expect(page.locator('main')).not.toContainText(`ending ${phone.last4}`);
  });
});

test.describe('signing up without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the form posts, comes back, and says a YES text went to the number ending 2672', async ({ page }) => {
    const phone = PHONES.noJs;
    const order = await newOrder(page.request, 'SN');
    await page.goto(order.path);
    const posted = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === order.path);
    await signUp(smsCard(page), phone.typed);
    const res = await posted;
    expect(res.status()).toBe(303);
    expect(new URL(res.headers().location!, 'http://x').pathname).toBe(order.path);
    await expect(page).toHaveURL((u) => u.pathname === order.path && u.searchParams.get('sms') === 'pending');
    const card = smsCard(page);
    await expectPendingSaidOnce(card, EN.pending(phone.last4));
    await expect(card.getByRole('button', { name: EN.unsubscribe })).toBeVisible();
    await expectNoFullNumber(page, phone);
  });

  test('a mistyped number comes back with an explanation, the number still in the box', async ({ page }) => {
    const order = await newOrder(page.request, 'SN');
    await page.goto(order.path);
    const posted = page.waitForResponse((r) => r.request().method() === 'POST');
    await signUp(smsCard(page), '555 12');
    expect((await posted).status()).toBe(422);
    await expect(smsCard(page).getByRole('alert')).toHaveText(EN.outcomePhoneInvalid);
    // still signed out: the form is there to try again, with what was typed
    await expect(smsCard(page).getByRole('textbox', { name: EN.phone })).toHaveValue('555 12');
  });

  test('the box must be ticked: the page says so in its own words (no browser bubble), and the server refuses a post without it', async ({ page, request }) => {
    const phone = PHONES.forged;
    const order = await newOrder(page.request, 'SN');
    await page.goto(order.path);
    const card = smsCard(page);
    await card.getByRole('textbox', { name: EN.phone }).fill(phone.typed);
    await card.getByRole('button', { name: EN.submit }).click();
    await expect(smsCard(page).getByRole('alert')).toHaveText(EN.outcomeConsent);
    await expect(smsCard(page).locator('#sms-consent')).toHaveAttribute('aria-invalid', 'true');
    await expect(smsCard(page).getByRole('textbox', { name: EN.phone })).toHaveValue(phone.typed);

    // a hand-made post without the box: refused, and nothing is texted
    const forged = await request.post(`/api${order.path}/sms`, { form: { phone: phone.typed, lang: 'en' }, maxRedirects: 0 });
    expect(forged.status()).toBe(303);
    const location = new URL(forged.headers().location!, 'http://x');
    expect(location.pathname).toBe(order.path);
    expect(location.searchParams.get('sms')).toBe('consent_required');
    await page.goto(location.pathname + location.search);
    await expect(smsCard(page).getByRole('status')).toHaveText(EN.outcomeConsent);
    const inbox = await (await request.get(`/api/dev/sms?phone=${encodeURIComponent(phone.e164)}`)).json();
    expect(inbox.messages).toEqual([]);
  });
});

test.describe('signing up with JavaScript', () => {
  test('the form sends in the background and the page ends waiting for YES, said once, with the focus on it', async ({ page }) => {
    const phone = PHONES.js;
    const order = await newOrder(page.request, 'SS');
    const navigations: Request[] = [];
    page.on('request', (r) => r.isNavigationRequest() && r.frame() === page.mainFrame() && navigations.push(r));
    await page.goto(order.path);
    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/api${order.path}/sms`));
    await signUp(smsCard(page), phone.typed);
    const post = await posted;
    expect(post.resourceType()).toBe('fetch');
    expect(post.headers()['content-type']).toContain('application/json');
    expect(post.postDataJSON()).toMatchObject({ phone: phone.typed, consent: true });
    expect((await post.response())?.status()).toBe(202);

    const card = smsCard(page);
    await expectPendingSaidOnce(card, EN.pending(phone.last4));
    // the focus the vanished form had is on the new state, not lost to the page
    await expect(card.getByText(EN.pending(phone.last4))).toBeFocused();
    // the browser never left the tracking page: no document request went anywhere else
    expect(navigations.length).toBeGreaterThan(0);
    for (const nav of navigations) {
      expect(nav.method()).toBe('GET');
      expect(new URL(nav.url()).pathname).toBe(order.path);
    }
    await expectNoFullNumber(page, phone);
    // accessibility of the pending state (here rather than in its own test: see the note at the top)
    await expectNoAxeViolations(page);
  });

  test('a number already confirmed with the seller goes straight to "text updates go to …", focused, said once', async ({ page, request }) => {
    const phone = PHONES.confirmed;
    const first = await newOrder(request, 'SC');
    const optIn = await request.post(`/api${first.path}/sms`, { data: { phone: phone.typed, consent: true, lang: 'en' } });
    expect(optIn.status()).toBe(202);
    const yes = await request.post('/api/dev/sms/reply', { data: { from: phone.e164, body: 'YES' } });
    expect(yes.status()).toBe(200);

    const second = await newOrder(request, 'SC');
    await page.goto(second.path);
    await signUp(smsCard(page), phone.typed);
    const card = smsCard(page);
    const line = card.getByText(`Text updates go to the number ending ${phone.last4}.`, { exact: true });
    await expect(line).toBeFocused();
    await expect(card).not.toContainText('Reply YES');
    await expect(card.locator('[data-sms-status]')).toHaveText('');
  });

  test('a mistyped number is explained in place, without reloading the page', async ({ page }) => {
    const order = await newOrder(page.request, 'SS');
    await page.goto(order.path);
    await page.evaluate(() => Object.assign(window, { stillHere: true }));
    await signUp(smsCard(page), '555 12');
    await expect(smsCard(page).getByRole('status')).toHaveText(EN.outcomePhoneInvalid);
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    await expect(smsCard(page).getByRole('textbox')).toHaveValue('555 12');
  });
});

test.describe('stopping texts from the page', () => {
  test('"Stop text updates" says no more texts will come and brings the sign-up form back', async ({ page }) => {
    const phone = PHONES.unsubscribe;
    const order = await newOrder(page.request, 'SU');
    await page.goto(order.path);
    await signUp(smsCard(page), phone.typed);
    await expect(smsCard(page)).toContainText(`ending ${phone.last4}`);

    await smsCard(page).getByRole('button', { name: EN.unsubscribe }).click();
    const card = smsCard(page);
    await expect(card.getByRole('status')).toHaveText(EN.outcomeUnsubscribed);
    await expect(card).not.toContainText(phone.last4);
    await expect(card.getByRole('textbox', { name: EN.phone })).toHaveValue('');
    await expect(card.getByRole('checkbox', { name: EN.consent })).not.toBeChecked();
    await expect(card.getByRole('button', { name: EN.submit })).toBeVisible();
    await expect(page).toHaveURL((u) => u.pathname === order.path);
  });
});

test.describe('in Spanish', () => {
  test('form, disclosure, messages and the YES text are all in Spanish', async ({ page }) => {
    const phone = PHONES.spanish;
    const order = await newOrder(page.request, 'SE');
    await page.goto(`${order.path}?lang=es`);
    const card = smsCard(page, ES.region);
    // required fields say so, in the page's language
    await expect(card.getByRole('textbox')).toHaveAccessibleName(`${ES.phone} (obligatorio)`);
    await expect(card.getByRole('checkbox')).toHaveAccessibleName(/^Sí, .*SMS.*pedido/);
    await expect(card.getByRole('checkbox')).not.toBeChecked();
    const disclosure = card.locator('#sms-disclosure');
    for (const words of [SELLER, `pedido ${order.orderNumber}`, /frecuencia/i, 'Pueden aplicarse tarifas de mensajes y datos', 'Responde STOP para cancelar', 'HELP']) {
      await expect(disclosure).toContainText(words);
    }
    await expect(disclosure).not.toContainText('Msg');
    await expect(card.getByRole('link', { name: 'Condiciones de SMS' })).toHaveAttribute('href', '/legal/sms-terms?lang=es');
    await expect(card.getByRole('link', { name: 'Privacidad' })).toHaveAttribute('href', '/legal/privacy?lang=es');
    await card.getByRole('link', { name: 'Condiciones de SMS' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Condiciones de SMS');
    await page.goBack();

    // a mistake, then the right number
    await signUp(smsCard(page, ES.region), '555 12', ES);
    await expect(smsCard(page, ES.region).getByRole('status')).toHaveText(ES.outcomePhoneInvalid);
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await signUp(smsCard(page, ES.region), phone.typed, ES);
    await expectPendingSaidOnce(smsCard(page, ES.region), ES.pending(phone.last4));
    await expect(smsCard(page, ES.region).getByRole('button', { name: 'Dejar de recibir SMS' })).toBeVisible();
    // accessibility of the Spanish pending state (see the note at the top)
    await expectNoAxeViolations(page);

    // the YES request goes out in the page's language
    await page.goto(`/dev/sms?phone=${encodeURIComponent(phone.e164)}`);
    await expect(outgoing(page)).toHaveCount(1);
    for (const words of [SELLER, 'Responde SI o YES', `pedido ${order.orderNumber}`, 'STOP para cancelar', order.path]) {
      await expect(outgoing(page).first()).toContainText(words);
    }
    await expect(outgoing(page).first()).not.toContainText('Reply');
  });
});

test.describe('accessibility (axe finds nothing)', () => {
  // The pending state, in English and Spanish, is checked inside the opt-in tests above.
  test('tracking page with the sign-up form', async ({ page }) => {
    const order = await newOrder(page.request, 'SA');
    await page.goto(order.path);
    await expect(smsCard(page).getByRole('checkbox')).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('tracking page with a sign-up error', async ({ page }) => {
    const order = await newOrder(page.request, 'SA');
    for (const outcome of ['phone_invalid', 'consent_required', 'rate_limited']) {
      await page.goto(`${order.path}?sms=${outcome}`);
      await expect(smsCard(page).getByRole('status')).not.toBeEmpty();
      await expectNoAxeViolations(page);
    }
  });

  test('tracking page with the sign-up form in Spanish, with and without an error', async ({ page }) => {
    const order = await newOrder(page.request, 'SA');
    for (const query of ['?lang=es', '?lang=es&sms=phone_invalid']) {
      await page.goto(order.path + query);
      await expect(smsCard(page, ES.region)).toBeVisible();
      await expectNoAxeViolations(page);
    }
  });

  for (const path of ['/legal/sms-terms', '/legal/privacy', '/legal/sms-terms?lang=es', '/legal/privacy?lang=es']) {
    test(`legal page ${path}`, async ({ page }) => {
      const res = await page.goto(path);
      expect(res?.status()).toBe(200);
      await expectNoAxeViolations(page);
    });
  }

  test('dev SMS inbox with a conversation open', async ({ page, request }) => {
    const phone = PHONES.inboxOnly;
    // a text from a number that never signed up: the inbox shows it and the reply
    const res = await request.post('/api/dev/sms/reply', { data: { from: phone.e164, body: 'HELP' } });
    expect(res.status()).toBe(200);
    await page.goto('/dev/sms');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: phone.e164, exact: true }).click();
    await expect(thread(page).locator('li')).toHaveCount(2);
    await expectNoAxeViolations(page);
  });
});

test.describe('page weight with the sign-up form', () => {
  test('HTML+CSS stay under 14 KB gzipped and JavaScript (sms.js and inline) under 5 KB', async ({ request }) => {
    // the demo orders with the most history; nobody signs up on them in this file, so the form is there
    for (const key of ['out_for_delivery', 'split_shipment', 'delayed']) {
      for (const query of ['?lang=en', '?lang=es', '?lang=en&sms=phone_invalid', '?lang=es&sms=phone_invalid']) {
        const html = await (await request.get(pathOf(key) + query)).text();
        expect(html, `${key}${query} has the form`).toContain('type="tel"');
        let css = Buffer.alloc(0);
        for (const [, href] of html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)) css = Buffer.concat([css, await (await request.get(href!)).body()]);
        const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
        let js = Buffer.from(scripts.map((m) => m[2]).join(''));
        for (const [, attrs] of scripts) {
          const src = /\bsrc="([^"]+)"/.exec(attrs!)?.[1];
          if (src) {
            const res = await request.get(src);
            expect(res.status(), src).toBe(200);
            js = Buffer.concat([js, await res.body()]);
          }
        }
        expect(html, `${key}${query} loads /js/sms.js`).toContain('/js/sms.js');
        // inline <style> is part of the HTML; linked CSS is added on top
        const htmlCss = gzipSync(html).length + (css.length ? gzipSync(css).length : 0);
        expect(htmlCss, `${key}${query}: HTML+CSS ${htmlCss} bytes gzipped`).toBeLessThan(14 * 1024);
        expect(gzipSync(js).length, `${key}${query}: JavaScript`).toBeLessThan(5 * 1024);
      }
    }
  });
});
