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

  it.each([
    ['America/Chicago', 'Horario del Centro'],
    ['America/Menominee', 'Horario del Centro'],
    ['America/North_Dakota/Center', 'Horario del Centro'],
    ['America/New_York', 'Horario del Este'],
    ['America/Detroit', 'Horario del Este'],
    ['America/Indiana/Indianapolis', 'Horario del Este'],
    ['America/Denver', 'Horario de la Montaña'],
    ['America/Boise', 'Horario de la Montaña'],
    ['America/Phoenix', 'Horario estándar de la Montaña'],
    ['America/Los_Angeles', 'Horario del Pacífico'],
    ['America/Anchorage', 'Horario de Alaska'],
    ['America/Juneau', 'Horario de Alaska'],
    ['America/Adak', 'Horario de Hawái-Aleutianas'],
    ['Pacific/Honolulu', 'Horario estándar de Hawái-Aleutianas'],
    ['America/Puerto_Rico', 'Horario estándar del Atlántico'],
    ['Pacific/Guam', 'Horario estándar de Chamorro'],
  ])('in Spanish, %s reads "%s" (as US Spanish names it, not Intl\'s "hora central")', (zone, name) => {
    expect(zoneName(zone, 'es', now)).toBe(name);
  });

  it('a zone outside the table keeps Intl\'s Spanish name, with a capital since it starts the note', () => {
    const intl = new Intl.DateTimeFormat('es-US', { timeZone: 'America/St_Johns', timeZoneName: 'longGeneric' }).formatToParts(now).find((p) => p.type === 'timeZoneName')!.value;
    expect(zoneName('America/St_Johns', 'es', now)).toBe(intl.charAt(0).toUpperCase() + intl.slice(1));
    expect(zoneName('America/St_Johns', 'es', now)).toMatch(/^Hora .*Terranova/);
  });

  it('the name is the same in summer and winter', () => {
    expect(zoneName('America/Chicago', 'es', new Date('2026-07-01T15:00:00Z'))).toBe('Horario del Centro');
    expect(zoneName('America/Chicago', 'en', new Date('2026-07-01T15:00:00Z'))).toBe('Central Time');
  });
});
