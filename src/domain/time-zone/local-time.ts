/**
 * Towns that keep a neighbour's clock rather than the one the time-zone map gives their centre point.
 * `npm run zones:generate` writes these into postal-zones.generated.ts in place of the map's zone, and
 * the reference test accepts exactly these codes as deliberate differences from the map. The app
 * itself does not import this file. Keep it short, and give each entry its reason.
 */
export interface LocalTimeOverride {
  place: string;
  country: 'US' | 'CA';
  /** ZIPs or FSAs. */
  codes: readonly string[];
  zone: string;
  reason: string;
}

export const LOCAL_TIME_OVERRIDES: readonly LocalTimeOverride[] = [
  {
    place: 'Kenton, OK',
    country: 'US',
    codes: ['73946'],
    zone: 'America/Denver',
    reason: 'At the tip of the Panhandle, it unofficially keeps Mountain time with its New Mexico and Colorado neighbours.',
  },
  {
    place: 'Jackpot, Jarbidge, Mountain City and Owyhee, NV',
    country: 'US',
    codes: ['89825', '89826', '89831', '89832'],
    zone: 'America/Boise',
    reason: 'Served from Idaho across the border, they unofficially keep Mountain time.',
  },
  {
    place: 'Hyder, AK',
    country: 'US',
    codes: ['99923'],
    zone: 'America/Los_Angeles',
    reason: 'Reached only through Stewart, BC, it unofficially keeps Pacific time with it.',
  },
];
