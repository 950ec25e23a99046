// Text messages, English (the reference: sms-es.ts must have every key, the type enforces it).
// Each text starts with the seller's name so the customer knows who is writing; links go last
// or before a space, where phones' link detection ends cleanly. Keys with a dot are variants
// of the same text that renderSms picks by what it knows, or falls back to when space runs out.
export const smsEn = {
  'confirm_request': '{seller}: Reply YES to get delivery updates for order {order}. Msg frequency varies. Msg&data rates may apply. Reply STOP to cancel, HELP for help. {link}',
  'confirmed': "{seller}: You're signed up for delivery updates for order {order}. Msg frequency varies. Msg&data rates may apply. Reply HELP for help, STOP to cancel. {link}",
  'subscribed': "{seller}: You'll also get delivery updates for order {order}. Reply STOP to cancel. {link}",
  'shipped': '{seller}: Order {order} has shipped with {carrier}. Tracking number: {tracking}. Track it: {link}',
  'shipped.no_carrier': '{seller}: Order {order} has shipped. Tracking number: {tracking}. Track it: {link}',
  'shipped.plain': '{seller}: Order {order} has shipped. Track it: {link}',
  'out_for_delivery': '{seller}: Order {order} is out for delivery today. {link}',
  'out_for_delivery.stops': '{seller}: Order {order} is out for delivery, {stops} stops away. {link}',
  'out_for_delivery.one_stop': '{seller}: Order {order} is out for delivery, 1 stop away. {link}',
  'out_for_delivery.next_stop': "{seller}: Order {order} is out for delivery and you're the next stop. {link}",
  'delivered': '{seller}: Order {order} was delivered. Not there? {notReceivedLink}',
  'delivered.where': '{seller}: Order {order} was delivered. Where it was left: {where}. Not there? {notReceivedLink}',
  'delivery_attempted': "{seller}: The driver couldn't deliver order {order} and will try again on the next delivery day. {link}",
  'delivery_attempted.signature': "{seller}: Order {order} needs a signature. The driver left a note and will try again tomorrow; someone needs to be there to sign. {link}",
  'delayed': "{seller}: Order {order} is running late. We'll text you when it moves again. {link}",
  'available_for_pickup': '{seller}: Order {order} is ready for pickup. {link}',
  'available_for_pickup.place': '{seller}: Order {order} is ready for pickup. Pickup point: {place}. {link}',
  'feedback_request': '{seller}: Tell us how the delivery of order {order} went: {feedbackLink}',
  'help': '{seller}: Delivery updates for order {order}. Help: {contact}. Msg&data rates may apply. Reply STOP to cancel. {link}',
  'help.no_contact': '{seller}: Delivery updates for order {order}. Msg&data rates may apply. Reply STOP to cancel. Help and details: {link}',
  'general_help': 'Porchlight delivery texts: we only text updates for orders you sign up for on their tracking page. Msg&data rates may apply. Reply STOP to cancel.',
  'start_nothing': 'Porchlight delivery texts: texts to this number are back on. To get updates for an order, sign up on its tracking page. Reply STOP to cancel.',
  'stop_confirm': "Porchlight delivery texts: You're unsubscribed and won't get any more texts. Reply START to resubscribe.",
  'start_confirm': "{seller}: You'll get delivery updates for order {order} again. Msg frequency varies. Msg&data rates may apply. Reply HELP for help, STOP to cancel. {link}",
  'unknown_reply': "{seller}: Sorry, we didn't understand your reply. Questions about order {order}? Contact: {contact}. Reply HELP for help, STOP to cancel. {link}",
  'unknown_reply.no_contact': "{seller}: Sorry, we didn't understand your reply. Reply HELP for help, STOP to cancel. Order {order}: {link}",
  // Stands in for a seller name with nothing a GSM phone can show (all emoji or CJK) when UCS-2 cannot fit.
  'seller_fallback': 'Your store',
  // Shown beside the opt-in checkbox and stored verbatim in the consent ledger (not an SMS).
  'disclosure': 'By checking this box, you agree to get text messages from {seller} with delivery updates for order {order} at the number you entered. Msg frequency varies. Msg & data rates may apply. Reply STOP to cancel, HELP for help. Consent is not a condition of purchase.',
  'disclosure_terms': 'Text terms',
  'disclosure_privacy': 'Privacy',
} as const;

export type SmsKey = keyof typeof smsEn;
export type SmsMessages = Record<SmsKey, string>;
