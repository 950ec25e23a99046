import { clean } from '../sms/shorten';
import { templateParts, type Variable } from './template';

// A template filled for one order: the plain text every mail client shows, and a simple HTML
// version made from it (paragraphs, line breaks, the link). Nothing a seller or customer typed
// ever reaches the HTML unescaped, and the HTML holds no script, image or stylesheet.

/** The values for one message; a missing or blank one is left out with its joining comma ("Hi," not "Hi ,"). */
export type MessageValues = Partial<Record<Variable, string | null>>;

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

interface Segment {
  kind: 'literal' | 'value' | 'link';
  text: string;
}

// What may follow {link} and still belong to it: a path, query or fragment ("{link}#feedback").
// Sentence punctuation after it ("… at {link}.") stays outside.
const LINK_TAIL = /^[/?#][^\s<>"'{}]*/;
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;
const WEB_URL = /^https?:\/\/[^\s<>"]+$/i;

export function renderMessage(template: { subject: string; body: string }, values: MessageValues): RenderedMessage {
  const subject = plain(fill(template.subject, 'subject', values)).replace(/\s+/g, ' ').trim();
  const body = fill(template.body, 'body', values);
  return { subject, text: plain(body).trim(), html: toHtml(body) };
}

function fill(template: string, field: 'subject' | 'body', values: MessageValues): Segment[] {
  const out: Segment[] = [];
  let trimNext = false;
  for (const part of templateParts(template, field)) {
    if ('text' in part) {
      out.push({ kind: 'literal', text: trimNext ? part.text.replace(/^[ \t]*[,:]?[ \t]*/, '') : part.text });
      trimNext = false;
      continue;
    }
    const value = clean(values[part.variable]);
    if (value) {
      out.push({ kind: part.variable === 'link' ? 'link' : 'value', text: value });
      trimNext = false;
      continue;
    }
    // A blank value takes its joining comma and space with it: "Hola, {first_name}:" → "Hola:".
    const before = out.at(-1);
    const line = before?.kind === 'literal' ? before.text.slice(before.text.lastIndexOf('\n') + 1) : '';
    if (before?.kind === 'literal' && line.trim()) before.text = before.text.replace(/,?[ \t]*$/, '');
    else if (before?.kind !== 'value' && before?.kind !== 'link') trimNext = true;
  }
  return joinLinkTails(out);
}

/** "{link}#feedback": the fragment joins the link, so the HTML anchor points at it too. */
function joinLinkTails(segments: Segment[]): Segment[] {
  segments.forEach((s, i) => {
    const next = segments[i + 1];
    if (s.kind !== 'link' || next?.kind !== 'literal') return;
    const tail = (LINK_TAIL.exec(next.text)?.[0] ?? '').replace(TRAILING_PUNCTUATION, '');
    s.text += tail;
    next.text = next.text.slice(tail.length);
  });
  return segments;
}

const plain = (segments: Segment[]) => segments.map((s) => s.text).join('');

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Paragraphs at blank lines, <br> at single line breaks, the link as an anchor (only an http(s) one). */
function toHtml(segments: Segment[]): string {
  const paragraphs: string[] = [''];
  for (const s of segments) {
    if (s.kind === 'link') {
      paragraphs[paragraphs.length - 1] += WEB_URL.test(s.text) ? `<a href="${escapeHtml(s.text)}">${escapeHtml(s.text)}</a>` : escapeHtml(s.text);
    } else if (s.kind === 'value') {
      paragraphs[paragraphs.length - 1] += escapeHtml(s.text);
    } else {
      s.text.split(/[ \t]*\n(?:[ \t]*\n)+[ \t]*/).forEach((piece, i) => {
        if (i > 0) paragraphs.push('');
        paragraphs[paragraphs.length - 1] += escapeHtml(piece).replace(/[ \t]*\n[ \t]*/g, '<br>\n');
      });
    }
  }
  return paragraphs
    .map((p) => p.trim().replace(/^(<br>\s*)+|(\s*<br>)+$/g, ''))
    .filter(Boolean)
    .map((p) => `<p>${p}</p>`)
    .join('\n');
}
