import type { Carrier } from '../../db/schema/packages';
import type { DeliveredTo } from '../../db/schema/tracking-events';
import { resolveTimeZone, type ZoneResolution } from '../../src/domain/time-zone';
import type { Random } from './random';

// The vocabulary the generator draws from: real US places (their zones resolved by the app's own
// resolver, as createOrder would store them), carriers with plausible tracking numbers, names, items.

export interface Place {
  city: string;
  region: string;
}

export interface Destination extends Place {
  postalCode: string;
  zone: ZoneResolution;
}

const DESTINATIONS_RAW: readonly [city: string, region: string, postalCode: string][] = [
  ['New York', 'NY', '10001'], ['Brooklyn', 'NY', '11201'], ['Boston', 'MA', '02108'], ['Philadelphia', 'PA', '19103'],
  ['Pittsburgh', 'PA', '15222'], ['Baltimore', 'MD', '21201'], ['Washington', 'DC', '20001'], ['Richmond', 'VA', '23219'],
  ['Charlotte', 'NC', '28202'], ['Atlanta', 'GA', '30303'], ['Miami', 'FL', '33101'], ['Orlando', 'FL', '32801'],
  ['Tampa', 'FL', '33602'], ['Pensacola', 'FL', '32501'], ['Detroit', 'MI', '48226'], ['Troy', 'MI', '48084'],
  ['Columbus', 'OH', '43215'], ['Cleveland', 'OH', '44113'], ['Indianapolis', 'IN', '46204'], ['Gary', 'IN', '46402'],
  ['Louisville', 'KY', '40202'], ['Nashville', 'TN', '37203'], ['Memphis', 'TN', '38103'], ['Knoxville', 'TN', '37902'],
  ['Chicago', 'IL', '60601'], ['Milwaukee', 'WI', '53202'], ['Minneapolis', 'MN', '55401'], ['St. Louis', 'MO', '63101'],
  ['Kansas City', 'MO', '64105'], ['New Orleans', 'LA', '70112'], ['Houston', 'TX', '77002'], ['Dallas', 'TX', '75201'],
  ['Austin', 'TX', '78701'], ['El Paso', 'TX', '79901'], ['Oklahoma City', 'OK', '73102'], ['Omaha', 'NE', '68102'],
  ['Denver', 'CO', '80202'], ['Salt Lake City', 'UT', '84101'], ['Boise', 'ID', '83702'], ['Coeur d\'Alene', 'ID', '83814'],
  ['Albuquerque', 'NM', '87102'], ['Phoenix', 'AZ', '85004'], ['Tucson', 'AZ', '85701'], ['Las Vegas', 'NV', '89101'],
  ['Los Angeles', 'CA', '90012'], ['San Diego', 'CA', '92101'], ['San Francisco', 'CA', '94103'], ['Sacramento', 'CA', '95814'],
  ['Portland', 'OR', '97201'], ['Seattle', 'WA', '98101'], ['Spokane', 'WA', '99201'], ['Anchorage', 'AK', '99501'],
  ['Honolulu', 'HI', '96813'], ['Sioux Falls', 'SD', '57104'], ['Bismarck', 'ND', '58501'], ['Fargo', 'ND', '58102'],
];

export const DESTINATIONS: readonly Destination[] = DESTINATIONS_RAW.map(([city, region, postalCode]) => ({
  city, region, postalCode, zone: resolveTimeZone({ country: 'US', region, postalCode }),
}));

/** Sort centres and hubs a parcel is scanned at on its way. */
export const HUBS: readonly Place[] = [
  { city: 'Louisville', region: 'KY' }, { city: 'Memphis', region: 'TN' }, { city: 'Indianapolis', region: 'IN' },
  { city: 'Ontario', region: 'CA' }, { city: 'San Bernardino', region: 'CA' }, { city: 'Kent', region: 'WA' },
  { city: 'Fort Worth', region: 'TX' }, { city: 'Hebron', region: 'KY' }, { city: 'Jacksonville', region: 'FL' },
  { city: 'Allentown', region: 'PA' }, { city: 'Edison', region: 'NJ' }, { city: 'Romulus', region: 'MI' },
  { city: 'Joliet', region: 'IL' }, { city: 'Aurora', region: 'CO' }, { city: 'Reno', region: 'NV' },
  { city: 'Tracy', region: 'CA' }, { city: 'Atlanta', region: 'GA' }, { city: 'Shakopee', region: 'MN' },
];

export const CARRIER_MIX: readonly (readonly [Carrier, number])[] = [
  ['AMZL', 40], ['USPS', 22], ['UPS', 18], ['FEDEX', 13], ['DHL', 4], ['OTHER', 3],
];

export function trackingNumberFor(carrier: Carrier, orderId: number, r: Random): string {
  const id = String(orderId).padStart(8, '0');
  switch (carrier) {
    case 'AMZL': return `TBA3${r.digits(3)}${id}`;
    case 'USPS': return `9400${r.digits(10)}${id}`;
    case 'UPS': return `1Z${r.alnum(8)}${id}`;
    case 'FEDEX': return `${r.digits(4)}${id}`;
    case 'DHL': return `JD${r.digits(4)}${id}`;
    case 'OTHER': return `LS${r.alnum(4)}${id}`;
  }
}

export const FIRST_NAMES = [
  'Dana', 'Luis', 'Priya', 'Sam', 'Avery', 'Jordan', 'Riley', 'Morgan', 'María', 'Chris', 'Alex', 'Taylor', 'Jamie',
  'Noah', 'Emma', 'Olivia', 'Liam', 'Ava', 'Sofía', 'Mateo', 'Wei', 'Aisha', 'Kenji', 'Fatima', 'Zoe', 'Ethan', 'Grace',
  'Diego', 'Hannah', 'Omar', 'Lucía', 'Mia', 'Elijah', 'Chloe', 'Isaac', 'Nora', 'Camila', 'Leo', 'Ruth', 'Tomás',
] as const;

export const ITEMS = [
  'Stoneware mug, sage', 'Linen table runner', 'Cedar cutting board', 'Cast-iron skillet', 'Beeswax candles, set of 4',
  'Wool throw blanket', 'Stoneware bowl', 'Walnut serving spoon', 'Ceramic planter, small', 'Cotton tea towels, pair',
  'Glass carafe', 'Enamel colander', 'Olive wood salad servers', 'Hand-thrown vase', 'Copper measuring cups',
] as const;

export const DELIVERED_TO_MIX: readonly (readonly [DeliveredTo, number])[] = [
  ['FRONT_DOOR', 45], ['MAILBOX', 15], ['PORCH', 10], ['MAIL_ROOM', 7], ['SIDE_DOOR', 4], ['GARAGE', 4],
  ['RECEIVER', 4], ['FRONT_DESK', 3], ['NEIGHBOR', 2], ['REAR_DOOR', 2], ['SECURE_LOCATION', 2], ['AS_INSTRUCTED', 2],
];

export const DELAY_NOTES = ['Severe weather on the route', 'Missed connection at the sort centre', 'Carrier capacity delay', 'Address needs confirmation'] as const;
export const LOCKER_NOTES = ['Amazon Hub Locker – Juniper', 'Post office – Main St', 'UPS Access Point – Corner Pharmacy', 'FedEx OnSite – Grocery'] as const;
