import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors';
import { checkInstantRange, createOrderInput, trackingEventInput } from '../../src/domain/inputs';

// A typo'd year (1970, 2206) in seller input is refused instead of sorting first or last for ever.

const NOW = new Date('2026-11-27T15:00:00Z');
const at = (iso: string) => new Date(iso);

function refusal(input: Parameters<typeof checkInstantRange>[0]): string | null {
  try {
    checkInstantRange(input, NOW);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('validation_failed');
    return (e as DomainError).message;
  }
}

describe('checkInstantRange: from 2000-01-01 to a year after now', () => {
  it.each([
    ['placedAt', { placedAt: at('1999-12-31T23:59:59.999Z') }],
    ['placedAt', { placedAt: at('2028-01-01T00:00:00Z') }],
    ['occurredAt', { occurredAt: at('1970-01-01T00:00:00Z') }],
    ['occurredAt', { occurredAt: at('2027-11-28T15:00:00.001Z') }],
    ['deliveryWindow.start', { deliveryWindow: { start: at('1999-06-01T10:00:00Z'), end: at('2026-11-27T18:00:00Z') } }],
    ['deliveryWindow.end', { deliveryWindow: { start: at('2026-11-27T10:00:00Z'), end: at('9999-12-31T18:00:00Z') } }],
    ['promisedDate', { promisedDate: '1999-12-31' }],
    ['promisedDate', { promisedDate: '2027-11-30' }],
  ])('refuses %s out of range, naming the field', (field, input) => {
    expect(refusal(input)).toContain(`${field}: must be between 2000-01-01 and one year from now`);
  });

  it.each([
    ['the first instant of 2000', { placedAt: at('2000-01-01T00:00:00Z'), occurredAt: at('2000-01-01T00:00:00Z') }],
    ['exactly now', { placedAt: NOW, occurredAt: NOW }],
    ['366 days ahead, to the millisecond', { occurredAt: at('2027-11-28T15:00:00Z'), deliveryWindow: { start: at('2027-11-28T10:00:00Z'), end: at('2027-11-28T15:00:00Z') } }],
    ['the first promised date', { promisedDate: '2000-01-01' }],
    ['a promised date a year and a day ahead (some zone is already there)', { promisedDate: '2027-11-29' }],
    ['nothing to check', {}],
  ])('accepts %s', (_, input) => {
    expect(refusal(input)).toBeNull();
  });

  it('names every field out of range in one answer', () => {
    expect(refusal({ placedAt: at('1990-01-01T00:00:00Z'), promisedDate: '2099-01-01' })).toBe(
      'placedAt: must be between 2000-01-01 and one year from now; promisedDate: must be between 2000-01-01 and one year from now',
    );
  });

  it('takes parsed orders and events as they are', () => {
    const order = createOrderInput.parse({ orderNumber: 'SO-1', destination: { country: 'US' }, placedAt: '2031-01-01T00:00:00Z', promisedDate: '2026-12-01' });
    expect(refusal(order)).toContain('placedAt');
    const event = trackingEventInput.parse({ type: 'shipped', occurredAt: '2026-11-27T14:00:00Z' });
    expect(refusal(event)).toBeNull();
  });
});

describe('the schemas refuse times before 2000 without needing a clock', () => {
  it.each([
    ['placedAt', { placedAt: '1999-12-31T23:59:59Z' }],
    ['promisedDate', { promisedDate: '1970-01-01' }],
  ])('order %s', (field, patch) => {
    const parsed = createOrderInput.safeParse({ orderNumber: 'SO-1', destination: { country: 'US' }, ...patch });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: [field], message: 'must be between 2000-01-01 and one year from now' });
  });

  it('event occurredAt and delivery window', () => {
    expect(trackingEventInput.safeParse({ type: 'shipped', occurredAt: '0001-01-01T00:00:00Z' }).success).toBe(false);
    const window = { start: '1999-12-31T20:00:00Z', end: '2000-01-01T03:00:00Z' };
    expect(trackingEventInput.safeParse({ type: 'out_for_delivery', occurredAt: '2026-11-27T10:00:00Z', deliveryWindow: window }).error?.issues[0]?.path).toEqual(['deliveryWindow', 'start']);
    expect(trackingEventInput.safeParse({ type: 'shipped', occurredAt: '2000-01-01T00:00:00Z' }).success).toBe(true);
    // the offset counts: 8 p.m. in New York on 31 December 1999 was already 2000 in UTC
    expect(trackingEventInput.safeParse({ type: 'shipped', occurredAt: '1999-12-31T20:00:00-05:00' }).success).toBe(true);
  });
});
