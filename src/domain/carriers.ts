import type { Carrier } from '../../db/schema/packages';

export interface CarrierHours {
  /** local hour deliveries start and usually end */
  start: number;
  end: number;
  /** some deliveries run later than `end`, up to this hour */
  extendedEnd: number | null;
}

// Typical residential delivery hours; AMZL's are Amazon's published 8 AM – 8 PM, up to 10 PM.
export const CARRIER_HOURS: Record<Carrier, CarrierHours | null> = {
  AMZL: { start: 8, end: 20, extendedEnd: 22 },
  USPS: { start: 8, end: 20, extendedEnd: 21 },
  UPS: { start: 9, end: 19, extendedEnd: 21 },
  FEDEX: { start: 8, end: 20, extendedEnd: null },
  DHL: { start: 9, end: 18, extendedEnd: null },
  OTHER: null,
};

export const CARRIER_NAMES: Record<Carrier, string> = {
  AMZL: 'Amazon Logistics',
  USPS: 'USPS',
  UPS: 'UPS',
  FEDEX: 'FedEx',
  DHL: 'DHL',
  OTHER: 'Carrier',
};

/** A carrier's name as customers write it (Amazon's "AMZN_US", "Amazon Shipping", "fedex" …). */
export function normalizeCarrier(raw: string | null | undefined): Carrier {
  const s = (raw ?? '').toUpperCase().replace(/[^A-Z]/g, '');
  if (s.startsWith('AMZ') || s.startsWith('AMAZON')) return 'AMZL';
  if (s.includes('USPS') || s === 'POSTAL' || s.startsWith('UNITEDSTATESPOSTAL')) return 'USPS';
  if (s.startsWith('UPS')) return 'UPS';
  if (s.startsWith('FEDEX') || s.startsWith('FEDERALEXPRESS')) return 'FEDEX';
  if (s.startsWith('DHL')) return 'DHL';
  return 'OTHER';
}
