import { describe, expect, it } from 'vitest';
import { notReceivedGuidance } from '../../src/domain/not-received';

const at = (iso: string) => new Date(iso);

describe('marked delivered but not received: which guidance comes first', () => {
  // AMZL, New York: delivery scan at 2 PM EST on Nov 27; deliveries run until 10 PM (03:00Z).
  const deliveredAt = at('2026-11-27T19:00:00Z');
  const guide = (now: string, zone = 'America/New_York') => notReceivedGuidance({ deliveredAt, carrier: 'AMZL', zone, now: at(now) });

  it('reports the exact times the phases change', () => {
    expect(guide('2026-11-27T19:05:00Z')).toEqual({
      phase: 'before_window_closes',
      deliveredAt,
      windowClosesAt: at('2026-11-28T03:00:00Z'),
      reportFrom: at('2026-11-29T19:00:00Z'),
    });
  });

  it('until 10 PM local on the delivery day: it may still be on its way', () => {
    expect(guide('2026-11-28T02:59:59Z').phase).toBe('before_window_closes');
  });

  it('from 10 PM local: the checklist, for 48 hours from the delivery scan', () => {
    expect(guide('2026-11-28T03:00:00Z').phase).toBe('within_48h');
    expect(guide('2026-11-29T18:59:59Z').phase).toBe('within_48h');
  });

  it('48 hours after the delivery scan: reporting it to the seller is the main action', () => {
    expect(guide('2026-11-29T19:00:00Z').phase).toBe('after_48h');
    expect(guide('2026-12-15T12:00:00Z').phase).toBe('after_48h');
  });

  it('the window closes at 10 PM in the destination’s zone, not UTC or the server’s', () => {
    // Same scan instant, seen from Los Angeles: 11 AM PST, window closes 10 PM PST = 06:00Z next day.
    expect(guide('2026-11-27T19:05:00Z', 'America/Los_Angeles').windowClosesAt).toEqual(at('2026-11-28T06:00:00Z'));
    expect(guide('2026-11-28T05:59:00Z', 'America/Los_Angeles').phase).toBe('before_window_closes');
    expect(guide('2026-11-28T05:59:00Z', 'America/New_York').phase).toBe('within_48h');
  });

  it('a scan late in the local evening belongs to that local day, even when UTC has moved on', () => {
    // 9 PM PST on Nov 26 is 05:00Z on Nov 27: the window closes at 10 PM PST on Nov 26 (06:00Z), not on Nov 27.
    const g = (now: string) =>
      notReceivedGuidance({ deliveredAt: at('2026-11-27T05:00:00Z'), carrier: 'AMZL', zone: 'America/Los_Angeles', now: at(now) });
    expect(g('2026-11-27T05:30:00Z')).toMatchObject({ phase: 'before_window_closes', windowClosesAt: at('2026-11-27T06:00:00Z') });
    expect(g('2026-11-27T06:30:00Z').phase).toBe('within_48h');
  });

  it('a scan after 10 PM local goes straight to the checklist', () => {
    const g = notReceivedGuidance({ deliveredAt: at('2026-11-28T03:30:00Z'), carrier: 'AMZL', zone: 'America/New_York', now: at('2026-11-28T03:31:00Z') });
    expect(g.phase).toBe('within_48h');
    expect(g.windowClosesAt).toEqual(at('2026-11-28T03:00:00Z'));
  });

  it('follows the clock change: on London’s spring-forward day the window closes at 10 PM BST', () => {
    const g = notReceivedGuidance({ deliveredAt: at('2026-03-29T12:00:00Z'), carrier: 'AMZL', zone: 'Europe/London', now: at('2026-03-29T20:59:00Z') });
    expect(g).toMatchObject({ phase: 'before_window_closes', windowClosesAt: at('2026-03-29T21:00:00Z') });
  });

  it('48 hours is 48 real hours even across a clock change', () => {
    const g = notReceivedGuidance({ deliveredAt: at('2026-10-31T16:00:00Z'), carrier: 'AMZL', zone: 'America/New_York', now: at('2026-11-02T15:59:00Z') });
    expect(g.reportFrom).toEqual(at('2026-11-02T16:00:00Z'));
    expect(g.phase).toBe('within_48h');
  });

  it('other carriers close at their own last hour; unknown carriers at 10 PM', () => {
    const close = (carrier: 'FEDEX' | 'UPS' | 'USPS' | 'OTHER' | null) =>
      notReceivedGuidance({ deliveredAt, carrier, zone: 'America/New_York', now: deliveredAt }).windowClosesAt.toISOString();
    expect(close('FEDEX')).toBe('2026-11-28T01:00:00.000Z'); // 8 PM
    expect(close('UPS')).toBe('2026-11-28T02:00:00.000Z'); // 9 PM
    expect(close('USPS')).toBe('2026-11-28T02:00:00.000Z'); // 9 PM
    expect(close('OTHER')).toBe('2026-11-28T03:00:00.000Z'); // 10 PM
    expect(close(null)).toBe('2026-11-28T03:00:00.000Z');
  });
});
