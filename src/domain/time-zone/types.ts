export type ZoneBasis = 'given' | 'postal_code' | 'region' | 'country' | 'fallback';

export interface ZoneResolution {
  /** IANA zone, e.g. 'America/Chicago'. */
  zone: string;
  /** What the zone was derived from. */
  basis: ZoneBasis;
  /** True when the input does not pin the zone down. */
  assumed: boolean;
}

export interface Destination {
  timeZone?: string | null;
  /** ISO 3166-1 alpha-2, any case. */
  country: string;
  /** State / province code or name, any case. */
  region?: string | null;
  postalCode?: string | null;
}

/** A zone found for a region or postal code; `region` is the canonical region code it belongs to. */
export interface Place {
  zone: string;
  assumed: boolean;
  region?: string;
}

/**
 * How one country is resolved. `null` from a lookup means "recognised, but it has no usable zone"
 * (US military mail), which sends the destination to the fallback.
 */
export interface CountryRules {
  zone: string;
  assumed: boolean;
  /** Receives the normalised region key (see regionKey). */
  region?: (key: string) => Place | null | undefined;
  postal?: (raw: string) => Place | null | undefined;
}

