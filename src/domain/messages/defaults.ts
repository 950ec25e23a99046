import type { Touchpoint } from '../../../db/schema/message-templates';
import type { Lang } from '../../i18n';

// Porchlight's own wording for each touchpoint: what a seller sends until it writes its own.
// Short, friendly, plain text; Spanish as US customers write it (tú, pedido, celular).

export interface TemplateText {
  subject: string;
  body: string;
}

export const DEFAULT_TEMPLATES: Record<Touchpoint, Record<Lang, TemplateText>> = {
  order_placed: {
    en: {
      subject: 'Thanks for your order {order_number}',
      body: 'Hi {first_name},\n\nThanks for your order {order_number}! We’re getting it ready.\n\nExpected delivery: {delivery_window}\nFollow it here: {link}\n\n{seller_name}',
    },
    es: {
      subject: 'Recibimos tu pedido {order_number}',
      body: 'Hola, {first_name}:\n\n¡Gracias por tu pedido {order_number}! Ya lo estamos preparando.\n\nEntrega estimada: {delivery_window}\nSíguelo aquí: {link}\n\n{seller_name}',
    },
  },
  ready_to_ship: {
    en: {
      subject: 'Your order {order_number} is packed',
      body: 'Hi {first_name},\n\nGood news: your order {order_number} is packed and ready to ship. We’ll let you know when it’s on its way.\n\nExpected delivery: {delivery_window}\nFollow it here: {link}\n\n{seller_name}',
    },
    es: {
      subject: 'Tu pedido {order_number} ya está empacado',
      body: 'Hola, {first_name}:\n\nBuenas noticias: tu pedido {order_number} ya está empacado y listo para enviarse. Te avisaremos cuando vaya en camino.\n\nEntrega estimada: {delivery_window}\nSíguelo aquí: {link}\n\n{seller_name}',
    },
  },
  shipped: {
    en: {
      subject: 'Your order {order_number} is on its way',
      body: 'Hi {first_name},\n\nYour order {order_number} has shipped.\n\nExpected delivery: {delivery_window}\nTrack it here: {link}\n\n{seller_name}',
    },
    es: {
      subject: 'Tu pedido {order_number} va en camino',
      body: 'Hola, {first_name}:\n\nTu pedido {order_number} ya fue enviado.\n\nEntrega estimada: {delivery_window}\nEste es tu enlace de seguimiento: {link}\n\n{seller_name}',
    },
  },
  out_for_delivery: {
    en: {
      subject: 'Your order {order_number} is out for delivery',
      body: 'Hi {first_name},\n\nYour order {order_number} is out for delivery.\n\nExpected: {delivery_window}\nSee where it is from your phone: {link}\n\n{seller_name}',
    },
    es: {
      subject: 'Tu pedido {order_number} ya está en reparto',
      body: 'Hola, {first_name}:\n\nTu pedido {order_number} ya está en reparto.\n\nEntrega estimada: {delivery_window}\nMira dónde va desde tu celular: {link}\n\n{seller_name}',
    },
  },
  delivered: {
    en: {
      subject: 'Your order {order_number} was delivered',
      body: 'Hi {first_name},\n\nYour order {order_number} was delivered. We hope you enjoy it!\n\nCan’t find it? Open {link} and tap “Marked delivered but not here?” to see what to check and how to reach us.\n\n{seller_name}',
    },
    es: {
      subject: 'Tu pedido {order_number} fue entregado',
      body: 'Hola, {first_name}:\n\nTu pedido {order_number} fue entregado. ¡Esperamos que lo disfrutes!\n\n¿No lo encuentras? Abre {link} y toca “¿Aparece como entregado, pero no lo recibiste?” para ver qué revisar y cómo contactarnos.\n\n{seller_name}',
    },
  },
  // The same neutral question to every customer: no review gating, no incentive.
  feedback_request: {
    en: {
      subject: 'How did the delivery of order {order_number} go?',
      body: 'Hi {first_name},\n\nHow did the delivery of your order {order_number} go? Tell us in a minute; we read every answer:\n{link}#feedback\n\nThank you,\n{seller_name}',
    },
    es: {
      subject: '¿Qué tal llegó tu pedido {order_number}?',
      body: 'Hola, {first_name}:\n\n¿Qué tal fue la entrega de tu pedido {order_number}? Cuéntanos en un minuto; leemos todas las respuestas:\n{link}#feedback\n\nGracias,\n{seller_name}',
    },
  },
};
