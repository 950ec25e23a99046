import { addDays, localDate, localMinutes, zonedInstant } from '../zoned-time';

export interface QuietHours {
  /** minutes after local midnight when quiet hours start (20:00 → 1200) and end (08:00 → 480) */
  startMinute: number;
  endMinute: number;
}

/**
 * When a text due at `now` may go out in the recipient's zone: now, or the end of quiet hours.
 * The window may wrap midnight (20:00–08:00) or not (13:00–14:00); equal bounds mean none.
 */
export function nextSendTime(now: Date, zone: string, quiet: QuietHours): Date {
  const { startMinute: start, endMinute: end } = quiet;
  if (start === end) return now;
  const minute = localMinutes(now, zone);
  const wraps = start > end;
  const inQuiet = wraps ? minute >= start || minute < end : minute >= start && minute < end;
  if (!inQuiet) return now;
  const today = localDate(now, zone);
  const day = wraps && minute >= start ? addDays(today, 1) : today;
  return zonedInstant(day, Math.floor(end / 60), end % 60, zone);
}
