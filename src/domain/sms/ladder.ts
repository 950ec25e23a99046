import type { SmsKey } from '../../i18n/sms-en';
import type { SmsFacts, SmsKind } from './templates';

// How renderSms makes a text fit: which template variant and which shortened values to try, in order.

const SELLER_MIN = 20; // graphemes of the seller name kept while other things can still give way

export interface Cuts {
  orderTail: boolean;
  gsmSeller: boolean;
  dropOptional: boolean;
  dropContact: boolean;
  dropCarrier: boolean;
  dropTracking: boolean;
  sellerMin: number;
}
const AS_WRITTEN: Cuts = {
  orderTail: false, gsmSeller: false, dropOptional: false, dropContact: false, dropCarrier: false, dropTracking: false, sellerMin: SELLER_MIN,
};
// What gives way, in this order, until the text fits; at each step the seller name is first to shorten.
const STEPS: readonly Partial<Cuts>[] = [
  {},
  { orderTail: true },
  // An emoji makes the whole text UCS-2 (134 units in two segments, not 306 septets): lose it before any fact.
  { gsmSeller: true, orderTail: false },
  { orderTail: true },
  { dropOptional: true }, // stops away, where it was left, pickup point
  // Only pathological input gets here (a 200-character contact or carrier name).
  { dropContact: true },
  { dropCarrier: true },
  { dropTracking: true },
  { sellerMin: 8 },
];
export const LADDER = STEPS.reduce<Cuts[]>((ladder, step) => [...ladder, { ...(ladder.at(-1) ?? AS_WRITTEN), ...step }], []);

export interface FilledValues {
  carrier: string;
  tracking: string;
  where: string;
  place: string;
  contact: string;
}

/** The catalogue key for `kind`: the richest variant the facts allow and the cuts still leave. */
export function templateKey(kind: SmsKind, facts: SmsFacts, values: FilledValues, cuts: Cuts): SmsKey {
  switch (kind) {
    case 'shipped':
      if (!values.tracking || cuts.dropTracking) return 'shipped.plain';
      return values.carrier && !cuts.dropCarrier ? 'shipped' : 'shipped.no_carrier';
    case 'out_for_delivery':
      return cuts.dropOptional ? kind : stopsKey(facts.stopsAway);
    case 'delivered':
      return values.where && !cuts.dropOptional ? 'delivered.where' : kind;
    case 'delivery_attempted':
      return facts.signatureRequired ? 'delivery_attempted.signature' : kind;
    case 'available_for_pickup':
      return values.place && !cuts.dropOptional ? 'available_for_pickup.place' : kind;
    case 'help':
      return values.contact && !cuts.dropContact ? kind : 'help.no_contact';
    case 'unknown_reply':
      return values.contact && !cuts.dropContact ? kind : 'unknown_reply.no_contact';
    default:
      return kind;
  }
}

function stopsKey(stops: number | null | undefined): SmsKey {
  if (stops == null || !Number.isSafeInteger(stops) || stops < 0) return 'out_for_delivery';
  if (stops === 0) return 'out_for_delivery.next_stop';
  return stops === 1 ? 'out_for_delivery.one_stop' : 'out_for_delivery.stops';
}
