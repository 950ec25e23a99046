import { describe, expect, it } from 'vitest';
import { zoneName } from '../../src/components/format';

// The page says which clock its times are in; two Eastern cities must not get two names.
describe('the time-zone name on the page', () => {
  const now = new Date('2026-12-01T15:00:00Z');

  it('Troy, MI (America/Detroit) and Miami (America/New_York) both read "Eastern Time", named as of now, not as of 1970', () => {
    expect(zoneName('America/Detroit', 'en', now)).toBe('Eastern Time');
    expect(zoneName('America/New_York', 'en', now)).toBe('Eastern Time');
  });

  it('Phoenix, which keeps no daylight time, says so; in Spanish Detroit and Miami share one name too', () => {
    expect(zoneName('America/Phoenix', 'en', now)).toBe('Mountain Standard Time');
    expect(zoneName('America/Detroit', 'es', now)).toBe(zoneName('America/New_York', 'es', now));
  });
});
