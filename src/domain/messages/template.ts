import { Invalid } from '../errors';
import { stripControls } from '../text';

// A message template is plain text with {variables}. Braces mean nothing else, so a stray or
// misspelt one is refused when the seller saves, not found by a customer in their inbox.

export const VARIABLES = ['first_name', 'order_number', 'link', 'seller_name', 'delivery_window'] as const;
export type Variable = (typeof VARIABLES)[number];

/** Longest subject and body, in characters as stored (after control characters are stripped). */
export const TEMPLATE_LIMITS = { subject: 200, body: 5000 } as const;
export type TemplateField = keyof typeof TEMPLATE_LIMITS;

export type TemplatePart = { text: string } | { variable: Variable };

const isVariable = (name: string): name is Variable => (VARIABLES as readonly string[]).includes(name);
const ALLOWED = VARIABLES.map((v) => `{${v}}`).join(', ');
/** A brace pair as a seller might type it: up to the next brace or line break. */
const BRACES = /\{([^{}\n]*)\}/y;

/** The template cut into literal text and variables; a brace that is not a known variable is refused. */
export function templateParts(text: string, field: TemplateField = 'body'): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  for (let i = 0; i < text.length; ) {
    const ch = text[i]!;
    if (ch === '}') throw refused(field, `a "}" without its "{" (at character ${i + 1})`);
    if (ch !== '{') {
      literal += ch;
      i++;
      continue;
    }
    BRACES.lastIndex = i;
    const m = BRACES.exec(text);
    if (!m) throw refused(field, `a "{" that is never closed (at character ${i + 1})`);
    const name = m[1]!;
    if (!isVariable(name)) throw refused(field, name.trim() ? `unknown variable {${[...name].slice(0, 40).join('')}${[...name].length > 40 ? '…' : ''}}` : 'empty braces {}');
    if (literal) parts.push({ text: literal });
    parts.push({ variable: name });
    literal = '';
    i += m[0].length;
  }
  if (literal) parts.push({ text: literal });
  return parts;
}

const LABELS: Record<TemplateField, string> = { subject: 'Subject', body: 'Body' };
const refused = (field: TemplateField, what: string) => Invalid(`${LABELS[field]}: ${what}. Variables are written in braces; allowed: ${ALLOWED}`);

/**
 * A subject or body as it will be stored: control characters stripped (a subject is one line; a
 * body keeps its line breaks), trimmed, not empty, within its limit, every brace a known variable.
 */
export function parseTemplate(raw: string, field: TemplateField = 'body'): string {
  const text = stripControls(raw, { multiline: field === 'body' }).trim();
  const label = LABELS[field];
  if (!text) throw Invalid(`${label} is empty`);
  const max = TEMPLATE_LIMITS[field];
  if (text.length > max) throw Invalid(`${label}: at most ${max.toLocaleString('en-US')} characters (this one has ${text.length.toLocaleString('en-US')})`);
  templateParts(text, field);
  return text;
}
