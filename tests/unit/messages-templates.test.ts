import { describe, expect, it } from 'vitest';
import { TOUCHPOINTS } from '../../db/schema/message-templates';
import { DomainError } from '../../src/domain/errors';
import type { ExpectedArrival } from '../../src/domain/delivery-window';
import { DEFAULT_TEMPLATES } from '../../src/domain/messages/defaults';
import { deliveryWindowText, NO_WINDOW } from '../../src/domain/messages/delivery-window-text';
import { renderMessage, type MessageValues } from '../../src/domain/messages/render';
import { parseTemplate, TEMPLATE_LIMITS, VARIABLES } from '../../src/domain/messages/template';
import { zonedInstant } from '../../src/domain/zoned-time';
import { translator } from '../../src/i18n';

const LANGS = ['en', 'es'] as const;
const LINK = 'https://track.example.test/t/Xk3vQ9mZ2pLr7TnB4wYc8HdF6sJa1Ue0';
const VALUES: MessageValues = {
  first_name: 'Dana', order_number: 'SO-1001', link: LINK, seller_name: 'Flor y Canela', delivery_window: 'Today, 8 AM – 8 PM',
};

/** The refusal parseTemplate throws, as the page would show it. */
function refusal(text: string, field: 'subject' | 'body' = 'body'): string {
  try {
    parseTemplate(text, field);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('validation_failed');
    return (err as DomainError).message;
  }
  throw new Error(`accepted: ${text}`);
}

describe('default wording', () => {
  for (const touchpoint of TOUCHPOINTS) {
    for (const lang of LANGS) {
      it(`${touchpoint} in ${lang} passes its own validation and fills every variable it names`, () => {
        const t = DEFAULT_TEMPLATES[touchpoint][lang];
        expect(parseTemplate(t.subject, 'subject')).toBe(t.subject);
        expect(parseTemplate(t.body, 'body')).toBe(t.body);
        const m = renderMessage(t, VALUES);
        for (const out of [m.subject, m.text, m.html]) expect(out).not.toMatch(/[{}]/);
        expect(m.subject).toContain('SO-1001');
        expect(m.text).toContain('Dana');
        expect(m.text).toContain('Flor y Canela');
        expect(m.text).toContain(LINK);
        expect(m.html).toContain(`<a href="${LINK}`);
        expect(m.text.length).toBeLessThan(400); // short: read on a phone
      });
    }
  }

  it('says when to expect the order in every message before delivery', () => {
    for (const touchpoint of ['order_placed', 'ready_to_ship', 'shipped', 'out_for_delivery'] as const) {
      for (const lang of LANGS) expect(renderMessage(DEFAULT_TEMPLATES[touchpoint][lang], VALUES).text).toContain('Today, 8 AM – 8 PM');
    }
  });

  it('the delivered message names the tracking page’s not-received link in its own words', () => {
    for (const lang of LANGS) {
      expect(DEFAULT_TEMPLATES.delivered[lang].body).toContain(translator(lang)('notReceived.link'));
    }
  });

  it('the feedback request links to the feedback form on the tracking page', () => {
    for (const lang of LANGS) {
      const m = renderMessage(DEFAULT_TEMPLATES.feedback_request[lang], VALUES);
      expect(m.text).toContain(`${LINK}#feedback`);
      expect(m.html).toContain(`<a href="${LINK}#feedback">${LINK}#feedback</a>`);
    }
  });

  it('Spanish speaks to the customer as tú, in US Spanish', () => {
    const all = Object.values(DEFAULT_TEMPLATES).map((t) => `${t.es.subject} ${t.es.body}`).join(' ');
    expect(all).toMatch(/\btu pedido\b/);
    expect(all).toContain('celular');
    expect(all).toContain('enlace de seguimiento');
    expect(all).not.toMatch(/\b(usted|su pedido|móvil)\b/i);
  });
});

describe('parseTemplate', () => {
  it('refuses an unknown variable, naming it and listing the allowed ones', () => {
    const message = refusal('Hi {fist_name}, your order {order_number}');
    expect(message).toContain('{fist_name}');
    for (const v of VARIABLES) expect(message).toContain(`{${v}}`);
  });

  it('refuses braces that do not make a variable', () => {
    expect(refusal('Hi {first_name, thanks')).toMatch(/never closed/);
    expect(refusal('Hi first_name}, thanks')).toMatch(/without its "\{"/);
    expect(refusal('Order {{order_number}}')).toMatch(/never closed/);
    expect(refusal('Hi {first_name\n}')).toMatch(/never closed/);
    expect(refusal('Hi { first_name }')).toContain('unknown variable { first_name }');
    expect(refusal('Hi {First_Name}')).toContain('unknown variable {First_Name}');
    expect(refusal('Hi {}')).toContain('empty braces');
    expect(refusal(`Hi {${'x'.repeat(41)}}`)).toContain(`unknown variable {${'x'.repeat(40)}…}`);
  });

  it('refuses an empty subject or body, or one of only control characters and spaces', () => {
    expect(refusal('', 'subject')).toMatch(/Subject is empty/);
    expect(refusal(' \u0000\u0007 \n', 'body')).toMatch(/Body is empty/);
  });

  it('takes a subject of exactly 200 characters and refuses 201', () => {
    const max = TEMPLATE_LIMITS.subject;
    expect(max).toBe(200);
    expect(parseTemplate('a'.repeat(max), 'subject')).toHaveLength(max);
    expect(refusal('a'.repeat(max + 1), 'subject')).toMatch(/at most 200 characters/);
  });

  it('takes a body of exactly 5,000 characters and refuses 5,001', () => {
    const max = TEMPLATE_LIMITS.body;
    expect(max).toBe(5000);
    expect(parseTemplate('{link} '.repeat(max / 7) + 'x'.repeat(max % 7), 'body')).toHaveLength(max);
    expect(refusal('b'.repeat(max + 1), 'body')).toMatch(/at most 5,000 characters/);
  });

  it('counts characters as stored: stripped control characters do not count', () => {
    expect(parseTemplate('\u0007' + 'a'.repeat(200) + '\u0000', 'subject')).toBe('a'.repeat(200));
  });

  it('strips control characters; a body keeps its line breaks (CR LF as one), a subject becomes one line', () => {
    expect(parseTemplate('Hi\u0007 {first_name}\r\n\r\nBye\u001b[2J', 'body')).toBe('Hi {first_name}\n\nBye[2J');
    expect(parseTemplate('Your order\n{order_number}\t shipped', 'subject')).toBe('Your order {order_number}  shipped');
  });
});

describe('renderMessage', () => {
  const template = { subject: 'Order {order_number} from {seller_name}', body: 'Hi {first_name},\n\nFrom {seller_name}: {link}\nBye' };

  it('escapes a hostile first name and seller name in the HTML and keeps them as typed in the text', () => {
    const hostile = { ...VALUES, first_name: '<script>alert(1)</script>', seller_name: '"><img src=x onerror=alert(1)>' };
    const m = renderMessage(template, hostile);
    expect(m.html).not.toMatch(/<script|<img/i);
    expect(m.html).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(m.html).toContain('From &quot;&gt;&lt;img src=x onerror=alert(1)&gt;:');
    expect(m.text).toContain('Hi <script>alert(1)</script>,');
    expect(m.subject).toBe('Order SO-1001 from "><img src=x onerror=alert(1)>');
  });

  it('escapes the template’s own text too: a seller’s markup is shown, not run', () => {
    const m = renderMessage({ subject: 's', body: '<b onclick="x()">Thanks</b> & bye' }, VALUES);
    expect(m.html).toBe('<p>&lt;b onclick=&quot;x()&quot;&gt;Thanks&lt;/b&gt; &amp; bye</p>');
  });

  it('does not fill a variable written inside a value', () => {
    const m = renderMessage(template, { ...VALUES, first_name: '{link}' });
    expect(m.text).toMatch(/^Hi \{link\},/);
  });

  it('makes paragraphs at blank lines, <br> at single line breaks, and the link an anchor', () => {
    const m = renderMessage(template, VALUES);
    expect(m.html).toBe(`<p>Hi Dana,</p>\n<p>From Flor y Canela: <a href="${LINK}">${LINK}</a><br>\nBye</p>`);
    expect(m.text).toBe(`Hi Dana,\n\nFrom Flor y Canela: ${LINK}\nBye`);
  });

  it('keeps sentence punctuation after the link outside it', () => {
    const m = renderMessage({ subject: 's', body: 'See {link}. Or {link}/not-received, then' }, VALUES);
    expect(m.html).toContain(`<a href="${LINK}">${LINK}</a>. Or <a href="${LINK}/not-received">${LINK}/not-received</a>, then`);
  });

  it('links only a web address: any other scheme is plain text', () => {
    const m = renderMessage({ subject: 's', body: 'Go {link}' }, { ...VALUES, link: 'javascript:alert(1)' });
    expect(m.html).toBe('<p>Go javascript:alert(1)</p>');
  });

  it('greets gracefully without a first name: "Hi," and "Hola:", never "Hi ," or "Hola, :"', () => {
    for (const first_name of [null, undefined, '', '  \u0007 ']) {
      const values = { ...VALUES, first_name };
      expect(renderMessage(DEFAULT_TEMPLATES.shipped.en, values).text).toMatch(/^Hi,\n\nYour order/);
      expect(renderMessage(DEFAULT_TEMPLATES.shipped.es, values).text).toMatch(/^Hola:\n\nTu pedido/);
      expect(renderMessage(DEFAULT_TEMPLATES.shipped.en, values).html).toMatch(/^<p>Hi,<\/p>/);
    }
    expect(renderMessage({ subject: 'Thanks, {first_name}!', body: '{first_name}, thanks' }, { ...VALUES, first_name: null })).toMatchObject({ subject: 'Thanks!', text: 'thanks' });
    expect(renderMessage({ subject: 's', body: '{first_name}{order_number}, thanks' }, { ...VALUES, first_name: '' }).text).toBe('SO-1001, thanks');
  });

  it('puts a value on one line: its line breaks and control characters never split the message', () => {
    const m = renderMessage(template, { ...VALUES, seller_name: 'Flor\n\ny\u0000 Canela' });
    expect(m.text).toContain('From Flor y Canela:');
    expect(m.html.match(/<p>/g)).toHaveLength(2);
  });
});

describe('deliveryWindowText', () => {
  const zone = 'America/Denver';
  const now = new Date('2026-11-27T17:00:00Z'); // 10 AM Friday in Denver
  const window = (date: string, start = 8, end = 20): Extract<ExpectedArrival, { kind: 'window' }> => ({
    kind: 'window', date, start: zonedInstant(date, start, 0, zone), end: zonedInstant(date, end, 0, zone), extendedEnd: null, source: 'carrier_hours', stillToday: false, late: false,
  });
  const say = (e: ExpectedArrival | null, lang: 'en' | 'es') => deliveryWindowText(e, { zone, lang, now });

  it('words today’s window as the tracking page does, in both languages', () => {
    expect(say(window('2026-11-27'), 'en')).toBe('Today, 8 AM – 8 PM');
    expect(say(window('2026-11-27'), 'es')).toBe('Hoy, 8 a.m. – 8 p.m.');
  });

  it('says tomorrow, then the weekday and date, with minutes only when not on the hour', () => {
    expect(say(window('2026-11-28'), 'en')).toBe('Tomorrow, 8 AM – 8 PM');
    expect(say(window('2026-11-28'), 'es')).toBe('Mañana, 8 a.m. – 8 p.m.');
    const carrier: ExpectedArrival = { ...window('2026-11-30'), end: zonedInstant('2026-11-30', 12, 30, zone) };
    expect(say(carrier, 'en')).toBe('Monday, November 30, 8 AM – 12:30 PM');
    expect(say(carrier, 'es')).toBe('Lunes 30 de noviembre, 8 a.m. – 12:30 p.m.');
  });

  it('reads "today" on the destination’s calendar, not UTC’s', () => {
    // 5 AM UTC on the 28th is still the evening of the 27th in Denver.
    expect(deliveryWindowText(window('2026-11-28'), { zone, lang: 'en', now: new Date('2026-11-28T05:00:00Z') })).toBe('Tomorrow, 8 AM – 8 PM');
  });

  it('gives a date without hours as "by", and a neutral phrase when nothing honest is known or the date has passed', () => {
    expect(say({ kind: 'by_date', date: '2026-11-30', late: false }, 'en')).toBe('By Monday, November 30');
    expect(say({ kind: 'by_date', date: '2026-11-30', late: false }, 'es')).toBe('A más tardar el lunes 30 de noviembre');
    expect(say({ kind: 'by_date', date: '2026-11-25', late: true }, 'en')).toBe(NO_WINDOW.en);
    expect(say(null, 'en')).toBe('To be confirmed');
    expect(say(null, 'es')).toBe('Por confirmar');
  });
});
