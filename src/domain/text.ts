import { z } from 'zod';

// Text that a seller or a customer sends and someone else later reads: the page, a seller's
// screen, a text message. Control characters (a NUL, a bell, an escape that repaints a terminal)
// and lone surrogates (half an emoji, which no UTF-8 store or SMS API can encode) never belong in it.

/** Every control character (Unicode Cc) and lone surrogate (Cs). */
export const CONTROL_OR_SURROGATE = /[\p{Cc}\p{Cs}]/gu;
// Whitespace controls are spacing the sender meant ("New\tYork"): they become a space, not nothing.
const WHITESPACE_CONTROL = /[\t\n\v\f\r\u0085]/g;
// In multi-line text a line break stays; the other controls go.
const CONTROL_BUT_NEWLINE = /[^\P{Cc}\n]|\p{Cs}/gu;

/** The text as it will be stored: no control characters or lone surrogates; line breaks kept (as \n) only when multi-line. */
export function stripControls(raw: string, { multiline = false }: { multiline?: boolean } = {}): string {
  if (!multiline) return raw.replace(WHITESPACE_CONTROL, ' ').replace(CONTROL_OR_SURROGATE, '');
  // A textarea posts a line break as CR LF but counts it as one character: store it as the customer sees it.
  return raw.replace(/\r\n?/g, '\n').replace(/[\t\v\f\u0085]/g, ' ').replace(CONTROL_BUT_NEWLINE, '');
}

/**
 * A display text field: stripped, trimmed, then 1 to `max` characters (as stored), so a field that
 * is nothing but control characters is refused like an empty one. Use `.optional()` for a field
 * that may be left out, or `optionalDisplayText` where an empty value means "none".
 */
export const displayText = (max: number, opts: { multiline?: boolean } = {}) =>
  z
    .string()
    .transform((s) => stripControls(s, opts).trim())
    .pipe(z.string().min(1).max(max, `at most ${max} characters`));

/** Like displayText, but empty (or only controls and spaces) reads as absent: for a form field left blank. */
export const optionalDisplayText = (max: number, opts: { multiline?: boolean } = {}) =>
  z
    .string()
    .transform((s) => stripControls(s, opts).trim())
    .pipe(z.string().max(max, `at most ${max} characters`))
    .optional()
    .transform((s) => (s ? s : undefined));

/** Text someone reads, from a source's payload: control characters out, cut to `max`; absent when nothing is left. */
export function clip(raw: string | null | undefined, max: number): string | undefined {
  if (raw == null) return undefined;
  return stripControls(stripControls(raw).trim().slice(0, max)).trim() || undefined;
}
