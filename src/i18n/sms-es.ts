import type { SmsMessages } from './sms-en';

// Written to stay in GSM-7 where a natural word allows it: GSM has é, ñ, ü, ¿, ¡ but not á, í, ó, ú,
// which toGsm7 strips, so words that need them are avoided rather than misspelled. Reply keywords
// stay YES/STOP/HELP/START, what the number answers to; SI is offered beside YES (it is accepted
// too, with or without the accent, and Í is not GSM-7).
export const smsEs: SmsMessages = {
  'confirm_request': '{seller}: Responde SI o YES para recibir avisos de entrega del pedido {order}. Frecuencia variable. Pueden aplicarse tarifas de mensajes y datos. Responde STOP para cancelar, HELP para ayuda. {link}',
  'confirmed': '{seller}: Te suscribiste a los avisos de entrega del pedido {order}. Mensajes con frecuencia variable. Pueden aplicarse tarifas de mensajes y datos. Responde HELP para ayuda, STOP para cancelar. {link}',
  'subscribed': '{seller}: También te enviaremos avisos de entrega del pedido {order}. Responde STOP para cancelar. {link}',
  'shipped': '{seller}: Tu pedido {order} fue enviado con {carrier}. Seguimiento: {tracking}. Detalles: {link}',
  'shipped.no_carrier': '{seller}: Tu pedido {order} fue enviado. Seguimiento: {tracking}. Detalles: {link}',
  'shipped.plain': '{seller}: Tu pedido {order} fue enviado. Detalles: {link}',
  'out_for_delivery': '{seller}: Tu pedido {order} va en camino y llega hoy. {link}',
  'out_for_delivery.stops': '{seller}: Tu pedido {order} va en camino y llega hoy. Faltan {stops} paradas. {link}',
  'out_for_delivery.one_stop': '{seller}: Tu pedido {order} va en camino y llega hoy. Falta 1 parada. {link}',
  'out_for_delivery.next_stop': '{seller}: Tu pedido {order} va en camino y la siguiente parada es la tuya. {link}',
  'delivered': '{seller}: Tu pedido {order} fue entregado. ¿No lo encuentras? {notReceivedLink}',
  'delivered.where': '{seller}: Tu pedido {order} fue entregado. Lugar de entrega: {where}. ¿No lo encuentras? {notReceivedLink}',
  'delivery_attempted': '{seller}: El repartidor no pudo entregar tu pedido {order} y vuelve a intentarlo en el siguiente reparto. {link}',
  'delivery_attempted.signature': '{seller}: Tu pedido {order} necesita una firma. Te dejaron un aviso y el repartidor vuelve mañana; alguien tiene que estar presente para firmar. {link}',
  'delayed': '{seller}: Tu pedido {order} viene con retraso. Te avisaremos cuando avance. {link}',
  'available_for_pickup': '{seller}: Tu pedido {order} ya se puede recoger. {link}',
  'available_for_pickup.place': '{seller}: Tu pedido {order} ya se puede recoger. Punto de recogida: {place}. {link}',
  'feedback_request': '{seller}: Cuéntanos qué tal fue la entrega de tu pedido {order}: {feedbackLink}',
  'help': '{seller}: Avisos de entrega del pedido {order}. Ayuda: {contact}. Pueden aplicarse tarifas de mensajes y datos. Responde STOP para cancelar. {link}',
  'help.no_contact': '{seller}: Avisos de entrega del pedido {order}. Pueden aplicarse tarifas de mensajes y datos. Responde STOP para cancelar. Ayuda y detalles: {link}',
  'general_help': 'Avisos de entrega de Porchlight: solo enviamos avisos de los pedidos a los que te suscribes desde su enlace de seguimiento. Pueden aplicarse tarifas de mensajes y datos. Responde STOP para cancelar.',
  'start_nothing': 'Avisos de entrega de Porchlight: de nuevo puedes recibir SMS en este teléfono. Para recibir avisos de un pedido, usa el formulario de su enlace de seguimiento. Responde STOP para cancelar.',
  'stop_confirm': 'Avisos de entrega de Porchlight: te diste de baja y no te enviaremos otros mensajes. Responde START para volver a recibirlos.',
  'start_confirm': '{seller}: Vuelves a recibir avisos de entrega del pedido {order}. Mensajes con frecuencia variable. Pueden aplicarse tarifas de mensajes y datos. Responde HELP para ayuda, STOP para cancelar. {link}',
  'unknown_reply': '{seller}: Lo sentimos, no entendimos tu respuesta. ¿Preguntas sobre tu pedido {order}? Contacto: {contact}. Responde HELP para ayuda, STOP para cancelar. {link}',
  'unknown_reply.no_contact': '{seller}: Lo sentimos, no entendimos tu respuesta. Responde HELP para ayuda, STOP para cancelar. Pedido {order}: {link}',
  'seller_fallback': 'Tu tienda',
  'disclosure': 'Al marcar esta casilla, aceptas recibir mensajes de texto de {seller} con avisos de entrega del pedido {order} al número que indicaste. La frecuencia de los mensajes varía. Pueden aplicarse tarifas de mensajes y datos. Responde STOP para cancelar, HELP para obtener ayuda. El consentimiento no es una condición de compra.',
  'disclosure_terms': 'Condiciones de SMS',
  'disclosure_privacy': 'Privacidad',
};
