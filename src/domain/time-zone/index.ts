export type { Destination, ZoneBasis, ZoneResolution } from './types';
export { resolveTimeZone } from './resolve';
export { isValidTimeZone } from './valid';
