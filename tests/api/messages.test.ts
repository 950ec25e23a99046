import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forSeller, type SellerContext } from '../../src/domain/context';
import { DomainError } from '../../src/domain/errors';
import { currentTrackingUrl, rotateLink } from '../../src/domain/links';
import { DEFAULT_TEMPLATES } from '../../src/domain/messages/defaults';
import { previewMessage } from '../../src/domain/messages/preview';
import { listTemplates, resetTemplate, saveTemplate } from '../../src/domain/messages/templates';
import { requireOrderId } from '../../src/domain/orders';
import { startHarness, type Harness } from '../support/harness';
import { deliver, feedbackShop, placeOrder } from '../support/feedback-api';
import { rows, type Shop } from '../support/sms-api';

// The seller's message templates on a real libSQL file: saved wording replaces the default for
// one touchpoint and language only, reset brings the default back, and a preview fills the
// variables from one of the seller's own orders (its live link, the window in its own zone).

let h: Harness;
let shop: Shop;
let other: Shop;
let ctx: SellerContext;
let otherCtx: SellerContext;

const HONOLULU = { city: 'Honolulu', region: 'HI', postalCode: '96813', country: 'US', timeZone: 'Pacific/Honolulu' };
const MINE = { touchpoint: 'shipped', language: 'en', subject: 'On its way: {order_number}', body: 'Aloha {first_name}!\n\nTrack it: {link}\nArrives {delivery_window}.\n{seller_name}' } as const;

beforeEach(async () => {
  h = await startHarness();
  shop = await feedbackShop(h);
  other = await feedbackShop(h, 'Other Shop');
  ctx = forSeller(h.ctx, shop.sellerId);
  otherCtx = forSeller(h.ctx, other.sellerId);
});
afterEach(() => h.close());

const entry = async (c: SellerContext, touchpoint: string, language: string) =>
  (await listTemplates({ ctx: c })).find((t) => t.touchpoint === touchpoint && t.language === language)!;

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

describe('templates', () => {
  it('lists every touchpoint in both languages, all default before anything is saved', async () => {
    const list = await listTemplates({ ctx });
    expect(list.map((t) => `${t.touchpoint}/${t.language}`)).toEqual([
      'order_placed/en', 'order_placed/es', 'ready_to_ship/en', 'ready_to_ship/es', 'shipped/en', 'shipped/es',
      'out_for_delivery/en', 'out_for_delivery/es', 'delivered/en', 'delivered/es', 'feedback_request/en', 'feedback_request/es',
    ]);
    expect(list.every((t) => !t.customized && t.updatedAt === null)).toBe(true);
    expect(list[0]).toMatchObject(DEFAULT_TEMPLATES.order_placed.en);
  });

  it('a saved template shows as customized for that touchpoint and language only; saving again edits it', async () => {
    await saveTemplate({ ctx, input: MINE });
    const saved = await entry(ctx, 'shipped', 'en');
    expect(saved).toMatchObject({ subject: MINE.subject, body: MINE.body, customized: true, updatedAt: h.clock.now });
    expect((await listTemplates({ ctx })).filter((t) => t.customized)).toHaveLength(1);
    expect(await entry(ctx, 'shipped', 'es')).toMatchObject({ ...DEFAULT_TEMPLATES.shipped.es, customized: false });

    h.clock.now = new Date('2026-11-28T09:00:00Z');
    await saveTemplate({ ctx, input: { ...MINE, subject: 'Shipped: {order_number}' } });
    expect(await entry(ctx, 'shipped', 'en')).toMatchObject({ subject: 'Shipped: {order_number}', updatedAt: h.clock.now });
    expect(await rows(h, 'SELECT * FROM message_templates')).toHaveLength(1);
  });

  it('stores the wording cleaned: control characters stripped, line breaks kept', async () => {
    const saved = await saveTemplate({ ctx, input: { ...MINE, subject: ' Hi\u0007 {first_name} ', body: 'Line one\r\nLine two\u0000' } });
    expect(saved).toMatchObject({ subject: 'Hi {first_name}', body: 'Line one\nLine two' });
    expect(await entry(ctx, 'shipped', 'en')).toMatchObject({ subject: 'Hi {first_name}', body: 'Line one\nLine two' });
  });

  it('refuses an unknown variable or a bad touchpoint and stores nothing', async () => {
    const err = await refusal(saveTemplate({ ctx, input: { ...MINE, body: 'Hi {name}' } }));
    expect(err.code).toBe('validation_failed');
    expect(err.message).toContain('{name}');
    await expect(saveTemplate({ ctx, input: { ...MINE, touchpoint: 'returned' as 'shipped' } })).rejects.toThrow();
    expect(await rows(h, 'SELECT * FROM message_templates')).toHaveLength(0);
  });

  it('reset brings the default back', async () => {
    await saveTemplate({ ctx, input: MINE });
    const reset = await resetTemplate({ ctx, input: { touchpoint: 'shipped', language: 'en' } });
    expect(reset).toMatchObject({ ...DEFAULT_TEMPLATES.shipped.en, customized: false, updatedAt: null });
    expect(await entry(ctx, 'shipped', 'en')).toEqual(reset);
  });

  it('saving the default wording unchanged is not a customization', async () => {
    await saveTemplate({ ctx, input: MINE });
    const saved = await saveTemplate({ ctx, input: { touchpoint: 'shipped', language: 'en', ...DEFAULT_TEMPLATES.shipped.en } });
    expect(saved.customized).toBe(false);
    expect(await rows(h, 'SELECT * FROM message_templates')).toHaveLength(0);
  });

  it('one seller’s templates never touch another’s', async () => {
    await saveTemplate({ ctx: otherCtx, input: MINE });
    expect((await listTemplates({ ctx })).some((t) => t.customized)).toBe(false);
    await saveTemplate({ ctx, input: { ...MINE, subject: 'Mine: {order_number}' } });
    await resetTemplate({ ctx, input: { touchpoint: 'shipped', language: 'en' } });
    expect(await entry(otherCtx, 'shipped', 'en')).toMatchObject({ subject: MINE.subject, customized: true });
  });
});

describe('previewMessage', () => {
  it('fills the order’s real tracking link, first name, seller and today’s window', async () => {
    const token = await placeOrder(h, shop);
    const m = await previewMessage({ ctx, input: { touchpoint: 'shipped', language: 'en', orderNumber: 'SO-1001' } });
    expect(m.subject).toBe('Your order SO-1001 is on its way');
    expect(m.text).toBe(`Hi Dana,\n\nYour order SO-1001 has shipped.\n\nExpected delivery: Today, 8 AM – 8 PM\nTrack it here: https://track.example.test/t/${token}\n\nAcme Goods`);
    expect(m.html).toContain(`<a href="https://track.example.test/t/${token}">`);
  });

  it('words the window on the destination’s clock and in the message’s language', async () => {
    // 6 AM UTC on the 28th: still the 27th in Honolulu, so the promised 28th is tomorrow there.
    h.clock.now = new Date('2026-11-28T06:00:00Z');
    await placeOrder(h, shop, 'SO-HI', undefined, { destination: HONOLULU, promisedDate: '2026-11-28' });
    const en = await previewMessage({ ctx, input: { touchpoint: 'order_placed', language: 'en', orderNumber: 'SO-HI' } });
    const es = await previewMessage({ ctx, input: { touchpoint: 'order_placed', language: 'es', orderNumber: 'SO-HI' } });
    expect(en.text).toContain('Expected delivery: Tomorrow, 8 AM – 8 PM');
    expect(es.text).toContain('Entrega estimada: Mañana, 8 a.m. – 8 p.m.');
    expect(es.text).toMatch(/^Hola, Dana:/);
  });

  it('says "to be confirmed" once delivered, and the feedback request points at the form', async () => {
    const token = await placeOrder(h, shop);
    await deliver(h, shop);
    const delivered = await previewMessage({ ctx, input: { touchpoint: 'order_placed', language: 'en', orderNumber: 'SO-1001' } });
    expect(delivered.text).toContain('Expected delivery: To be confirmed');
    const ask = await previewMessage({ ctx, input: { touchpoint: 'feedback_request', language: 'es', orderNumber: 'SO-1001' } });
    expect(ask.text).toContain(`https://track.example.test/t/${token}#feedback`);
  });

  it('uses the saved wording, or the unsaved edits it is given (validated the same way)', async () => {
    await placeOrder(h, shop);
    await saveTemplate({ ctx, input: MINE });
    const saved = await previewMessage({ ctx, input: { touchpoint: 'shipped', language: 'en', orderNumber: 'SO-1001' } });
    expect(saved.text).toMatch(/^Aloha Dana!\n\nTrack it: https:\/\/track\.example\.test\/t\/\S+\nArrives Today, 8 AM – 8 PM\.\nAcme Goods$/);
    const edited = await previewMessage({ ctx, input: { touchpoint: 'shipped', language: 'en', orderNumber: 'SO-1001', body: 'Draft for {first_name}' } });
    expect(edited).toMatchObject({ subject: 'On its way: SO-1001', text: 'Draft for Dana' });
    const err = await refusal(previewMessage({ ctx, input: { touchpoint: 'shipped', language: 'en', orderNumber: 'SO-1001', subject: 'x'.repeat(201) } }));
    expect(err.message).toMatch(/at most 200 characters/);
  });

  it('shows the link as it is now, after the seller rotated it', async () => {
    await placeOrder(h, shop);
    const { trackingUrl } = await rotateLink({ ctx, input: { orderNumber: 'SO-1001' } });
    expect(await currentTrackingUrl(ctx, await requireOrderId(ctx, 'SO-1001'))).toBe(trackingUrl);
    const m = await previewMessage({ ctx, input: { touchpoint: 'delivered', language: 'en', orderNumber: 'SO-1001' } });
    expect(m.text).toContain(`Open ${trackingUrl} and tap`);
  });

  it('another seller’s order is the same NotFound as a missing one', async () => {
    await placeOrder(h, other, 'SO-THEIRS');
    const theirs = await refusal(previewMessage({ ctx, input: { touchpoint: 'shipped', language: 'en', orderNumber: 'SO-THEIRS' } }));
    const missing = await refusal(previewMessage({ ctx, input: { touchpoint: 'shipped', language: 'en', orderNumber: 'SO-NOPE' } }));
    expect(theirs.code).toBe('not_found');
    expect({ code: theirs.code, message: theirs.message }).toEqual({ code: missing.code, message: missing.message });
  });
});
