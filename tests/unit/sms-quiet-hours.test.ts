import { describe, expect, it } from 'vitest';
import { nextSendTime, type QuietHours } from '../../src/domain/sms/quiet-hours';

// Quiet hours are the recipient's wall clock: a text due in them waits for their end.
const at = (iso: string) => new Date(iso);
const send = (now: string, quiet: QuietHours, zone = 'America/New_York') => nextSendTime(at(now), zone, quiet).toISOString();
const NIGHT: QuietHours = { startMinute: 20 * 60, endMinute: 8 * 60 }; // 20:00–08:00, wraps midnight
const LUNCH: QuietHours = { startMinute: 13 * 60, endMinute: 14 * 60 }; // 13:00–14:00, same day

describe('overnight quiet hours (20:00–08:00 in New York, EST = UTC−5 in late November)', () => {
  it('19:59 local is still daytime: the text goes now', () => {
    expect(send('2026-11-28T00:59:00Z', NIGHT)).toBe('2026-11-28T00:59:00.000Z');
  });

  it('20:00 local sharp is quiet: the text waits for 08:00 the next morning', () => {
    expect(send('2026-11-28T01:00:00Z', NIGHT)).toBe('2026-11-28T13:00:00.000Z');
  });

  it('23:59 local waits for 08:00 the next morning, not a morning already past', () => {
    expect(send('2026-11-28T04:59:00Z', NIGHT)).toBe('2026-11-28T13:00:00.000Z');
  });

  it('just after local midnight the text waits for 08:00 the same (new) day, not the day after', () => {
    expect(send('2026-11-28T05:00:00Z', NIGHT)).toBe('2026-11-28T13:00:00.000Z');
    expect(send('2026-11-28T12:59:00Z', NIGHT)).toBe('2026-11-28T13:00:00.000Z'); // 07:59
  });

  it('from 08:00 local the quiet hours are over: the text goes now, stamped with the real time', () => {
    expect(send('2026-11-28T13:00:00Z', NIGHT)).toBe('2026-11-28T13:00:00.000Z');
    expect(send('2026-11-28T13:00:30Z', NIGHT)).toBe('2026-11-28T13:00:30.000Z');
  });

  it('midday is never held back', () => {
    expect(send('2026-11-28T17:00:00Z', NIGHT)).toBe('2026-11-28T17:00:00.000Z');
  });

  it('an end on the half hour is kept to the minute (21:30–07:45 ends at 07:45, not 07:00 or 08:00)', () => {
    const q = { startMinute: 21 * 60 + 30, endMinute: 7 * 60 + 45 };
    expect(send('2026-11-28T02:29:00Z', q)).toBe('2026-11-28T02:29:00.000Z'); // 21:29: not yet quiet
    expect(send('2026-11-28T02:30:00Z', q)).toBe('2026-11-28T12:45:00.000Z'); // 21:30: waits until 07:45
    expect(send('2026-11-28T12:45:00Z', q)).toBe('2026-11-28T12:45:00.000Z'); // 07:45: goes now
  });

  it('are the recipient’s hours: 21:00 in New York is 18:00 in Los Angeles, where the text goes at once', () => {
    expect(send('2026-11-28T02:00:00Z', NIGHT, 'America/New_York')).toBe('2026-11-28T13:00:00.000Z');
    expect(send('2026-11-28T02:00:00Z', NIGHT, 'America/Los_Angeles')).toBe('2026-11-28T02:00:00.000Z');
  });
});

describe('quiet hours inside one day (13:00–14:00)', () => {
  it('12:59 goes now, 13:00 and 13:59 wait for 14:00 that day, 14:00 goes now', () => {
    expect(send('2026-11-27T17:59:00Z', LUNCH)).toBe('2026-11-27T17:59:00.000Z');
    expect(send('2026-11-27T18:00:00Z', LUNCH)).toBe('2026-11-27T19:00:00.000Z');
    expect(send('2026-11-27T18:59:00Z', LUNCH)).toBe('2026-11-27T19:00:00.000Z');
    expect(send('2026-11-27T19:00:00Z', LUNCH)).toBe('2026-11-27T19:00:00.000Z');
    expect(send('2026-11-27T19:00:45Z', LUNCH)).toBe('2026-11-27T19:00:45.000Z');
  });

  it('late evening and early morning are not quiet, although a wrapping window would hold them', () => {
    expect(send('2026-11-28T03:00:00Z', LUNCH)).toBe('2026-11-28T03:00:00.000Z'); // 22:00
    expect(send('2026-11-27T10:00:00Z', LUNCH)).toBe('2026-11-27T10:00:00.000Z'); // 05:00
  });
});

describe('no quiet hours', () => {
  it('equal start and end mean no quiet time at all, even at that very minute', () => {
    const none = { startMinute: 20 * 60, endMinute: 20 * 60 };
    expect(send('2026-11-28T01:00:00Z', none)).toBe('2026-11-28T01:00:00.000Z'); // 20:00
    expect(send('2026-11-28T06:00:00Z', none)).toBe('2026-11-28T06:00:00.000Z'); // 01:00
  });
});

describe('the morning after a clock change is on the new clock', () => {
  it('US fall-back night: held from 21:00 EDT until 08:00 EST (13:00Z), not 08:00 EDT', () => {
    expect(send('2026-11-01T01:00:00Z', NIGHT)).toBe('2026-11-01T13:00:00.000Z');
  });

  it('US spring-forward night: held from 22:00 EST until 08:00 EDT (12:00Z)', () => {
    expect(send('2026-03-08T03:00:00Z', NIGHT)).toBe('2026-03-08T12:00:00.000Z');
  });

  it('quiet hours ending inside the spring-forward gap end at the first wall time after it', () => {
    // 02:30 does not exist on 2026-03-08 in New York: the text waits until 03:30 EDT.
    expect(send('2026-03-08T05:00:00Z', { startMinute: 22 * 60, endMinute: 2 * 60 + 30 })).toBe('2026-03-08T07:30:00.000Z');
  });
});
