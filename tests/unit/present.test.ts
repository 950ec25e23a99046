import { describe, expect, it } from 'vitest';
import { currentStep, eta, exceptionNext, stepLabel, STEPS, type Present } from '../../src/components/present';
import type { ExpectedArrival } from '../../src/domain/delivery-window';
import type { PackageView } from '../../src/domain/tracking-view';
import { translator } from '../../src/i18n';

// The sentences the page makes of a delay, a pickup point and the steps (src/components/present.ts).
// The clock: Tuesday 2026-12-01, noon in Chicago.

const now = new Date('2026-12-01T18:00:00Z');
const p = (lang: 'en' | 'es' = 'en'): Present => ({ t: translator(lang), lang, zone: 'America/Chicago', now, seller: 'Acme' });
const byDate = (date: string): ExpectedArrival => ({ kind: 'by_date', date, late: false });
const pkg = (patch: Partial<PackageView>): PackageView => ({
  number: 1, carrier: 'UPS', carrierName: 'UPS', trackingNumber: '1Z999AA10123456784', stage: 'in_transit', exception: null,
  deliveredAt: null, deliveredTo: null, stopsAway: null, signatureRequired: false, latestNote: null, latestPlace: null,
  expected: null, delay: null, pickup: null, items: [], events: [], ...patch,
});

describe('a delay, was and now', () => {
  it('the date moved: the new date is expected and the old one is said once, as it was', () => {
    expect(eta(byDate('2026-12-04'), p(), { was: '2026-12-02', now: '2026-12-04' })).toEqual({
      main: 'By Friday, December 4', notes: ['Was expected tomorrow.'],
    });
    expect(eta(byDate('2026-12-04'), p('es'), { was: '2026-12-03', now: '2026-12-04' })).toEqual({
      main: 'A más tardar el viernes 4 de diciembre', notes: ['Se esperaba el jueves 3 de diciembre.'],
    });
  });

  it('the same date as before: nothing about a "was"', () => {
    expect(eta(byDate('2026-12-04'), p(), { was: '2026-12-04', now: '2026-12-04' })).toEqual({ main: 'By Friday, December 4', notes: [] });
  });

  it('no promise before the delay: only the new date', () => {
    expect(eta(byDate('2026-12-04'), p(), { was: null, now: '2026-12-04' })!.notes).toEqual([]);
  });

  it('no new date: "not known yet", with what it was', () => {
    expect(eta(null, p(), { was: '2026-12-02', now: null })).toEqual({ main: 'New delivery date not known yet.', notes: ['Was expected tomorrow.'] });
    expect(eta(null, p('es'), { was: null, now: null })).toEqual({ main: 'Todavía no se sabe la nueva fecha de entrega.', notes: [] });
  });

  it('a new date already past (nothing honest to expect) is "not known yet" too', () => {
    expect(eta(null, p(), { was: '2026-11-28', now: '2026-11-30' })!.main).toBe('New delivery date not known yet.');
  });

  it('without a delay an absent arrival is nothing at all', () => {
    expect(eta(null, p())).toBeNull();
  });

  it('the carrier’s reason is labelled as the carrier’s words, in both languages; without one, only the delay', () => {
    const delayed = pkg({ exception: 'delayed', latestNote: 'Severe weather' });
    expect(exceptionNext(delayed, 'delayed', p())).toEqual(['The carrier reported a delay.', 'The carrier’s note, in its words: “Severe weather”']);
    expect(exceptionNext(delayed, 'delayed', p('es'))).toEqual([
      'La empresa de envíos reportó un retraso.', 'Nota textual de la empresa de envíos: “Severe weather”',
    ]);
    expect(exceptionNext(pkg({ exception: 'delayed' }), 'delayed', p())).toEqual(['The carrier reported a delay.']);
  });
});

describe('ready for pickup', () => {
  it('the last day, the place and its area, the hours, how to collect; Amazon adds its 3-day rule', () => {
    const ready = pkg({
      carrier: 'AMZL', exception: 'available_for_pickup', latestPlace: { city: 'Portland', region: 'OR', country: null },
      pickup: { location: 'Amazon Hub Locker – Maple', hours: 'Daily 6 AM – 10 PM', by: '2026-12-03' },
    });
    expect(exceptionNext(ready, 'available_for_pickup', p())).toEqual([
      'Pick up by Thursday, December 3.',
      'Pickup point: Amazon Hub Locker – Maple, Portland',
      'Hours, as the carrier gives them: Daily 6 AM – 10 PM',
      'Pick it up with the code in the carrier’s email or app.',
      'Amazon Lockers hold packages for 3 days; after that they go back to the seller.',
    ]);
    expect(exceptionNext(ready, 'available_for_pickup', p('es'))[0]).toBe('Recógelo a más tardar el jueves 3 de diciembre.');
  });

  it('only what the carrier gave: no last day, no hours, the place from an older note when that is all there is', () => {
    const ready = pkg({ exception: 'available_for_pickup', latestNote: 'UPS Access Point – Corner Store' });
    expect(exceptionNext(ready, 'available_for_pickup', p())).toEqual([
      'Pickup point: UPS Access Point – Corner Store',
      'Pick it up with the code in the carrier’s email or app.',
    ]);
    expect(exceptionNext(pkg({ exception: 'available_for_pickup' }), 'available_for_pickup', p())).toEqual(['Pick it up with the code in the carrier’s email or app.']);
  });

  it('the stepper stands at "Ready for pickup" (the fourth step) and ends at "Picked up"', () => {
    expect(currentStep('shipped', true)).toBe(3);
    expect(currentStep('in_transit', true)).toBe(3);
    expect(currentStep('in_transit')).toBe(2);
    expect(currentStep('delivered', true)).toBe(4);
    expect(STEPS.map((s) => stepLabel(s, p(), true))).toEqual(['Placed', 'Ready to ship', 'Shipped', 'Ready for pickup', 'Picked up']);
    expect(STEPS.map((s) => stepLabel(s, p('es'), true)).slice(3)).toEqual(['Listo para recoger', 'Recogido']);
    expect(STEPS.map((s) => stepLabel(s, p()))).toEqual(['Placed', 'Ready to ship', 'Shipped', 'Out for delivery', 'Delivered']);
  });
});
