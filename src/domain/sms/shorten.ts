import { CONTROL_OR_SURROGATE } from '../text';
import { isGsm7, toGsm7 } from './segments';

// Helpers that make caller-supplied values safe and short enough to go inside a text.

/** One line, no control characters or lone surrogates (which no SMS API can encode). */
export function clean(value: string | null | undefined): string {
  return (value ?? '')
    .replace(/\s+/gu, ' ')
    .replace(CONTROL_OR_SURROGATE, '')
    .trim();
}

// Graphemes, not code points: cutting a flag or a family emoji in half leaves garbage.
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
export const graphemes = (text: string): string[] => Array.from(segmenter.segment(text), (s) => s.segment);

/** The first `keep` graphemes and an ellipsis, or the whole name if it is that short. */
export function truncateName(parts: readonly string[], keep: number): string {
  return keep >= parts.length ? parts.join('') : `${parts.slice(0, keep).join('').trimEnd()}…`;
}

/** "…" and the last `keep` characters: the end of an order number is the part that differs. */
export function orderTail(order: string, keep: number): string {
  const chars = [...order];
  return chars.length > keep ? `…${chars.slice(-keep).join('')}` : order;
}

/** The name with only what a GSM phone can show ("🌸 Bloom" → "Bloom"); empty if nothing readable is left. */
export function gsmOnlyName(name: string): string {
  const kept = clean([...toGsm7(name)].filter((ch) => isGsm7(ch)).join(''));
  return /[\p{L}\p{N}]/u.test(kept) ? kept : '';
}

/** A path under the tracking link, before any query or fragment ("…/t/abc?lang=es" → "…/t/abc/not-received?lang=es"). */
export function subLink(link: string, path: string): string {
  const cut = link.search(/[?#]/);
  return cut < 0 ? link + path : link.slice(0, cut) + path + link.slice(cut);
}

/** Fills {name} placeholders in one pass, so a value that contains "{link}" is not filled again. */
export function fill(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => vars[name] ?? match);
}
