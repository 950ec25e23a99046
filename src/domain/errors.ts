import { ZodError } from 'zod';

// The one closed set of error codes. The domain throws typed errors; the HTTP layer maps each code
// to its status in one table (src/server/errors.ts) and writes the one envelope in one onError.
export const ERROR_CODES = [
  'bad_request',
  'invalid_json',
  'invalid_form',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'not_delivered',
  'edit_window_closed',
  'phone_opted_out',
  'link_expired',
  'payload_too_large',
  'unsupported_media_type',
  'validation_failed',
  'phone_invalid',
  'phone_not_mobile',
  'phone_country_not_allowed',
  'consent_required',
  'comment_too_long',
  'note_too_long',
  'contact_invalid',
  'rate_limited',
  'idempotency_key_reused',
  'idempotency_key_in_use',
  'password_too_short',
  'password_too_long',
  'password_common',
  'email_taken',
  'credentials_invalid',
  'one_time_link_invalid',
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** facts the answer carries beside the error (e.g. the seller's contact on an expired link) */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

// The kinds the domain throws, by name.
export const NotFound = (entity: string) => new DomainError('not_found', `${entity} not found`);
export const Conflict = (message: string, code: Extract<ErrorCode, 'conflict' | 'not_delivered' | 'edit_window_closed' | 'phone_opted_out' | 'email_taken' | 'idempotency_key_in_use'> = 'conflict') =>
  new DomainError(code, message);
export const Invalid = (
  message: string,
  code: Extract<ErrorCode, 'validation_failed' | `${string}_invalid` | `${string}_too_long` | 'phone_not_mobile' | 'phone_country_not_allowed' | 'consent_required' | 'password_too_short' | 'password_common'> = 'validation_failed',
) =>
  new DomainError(code, message);
export const RateLimited = (message: string) => new DomainError('rate_limited', message);
export const Gone = (message: string, extra?: Record<string, unknown>) => new DomainError('link_expired', message, extra);
export const MethodNotAllowed = (method: string) => new DomainError('method_not_allowed', `${method.slice(0, 20)} is not supported here`);
export const Unauthorized = (message: string, code: Extract<ErrorCode, 'unauthorized' | 'credentials_invalid'> = 'unauthorized') => new DomainError(code, message);
export const Forbidden = (message: string) => new DomainError('forbidden', message);
export const BadRequest = (message: string, code: Extract<ErrorCode, 'bad_request' | 'invalid_json' | 'invalid_form'> = 'bad_request') => new DomainError(code, message);


// Codes a page explains after a form post; any other failure reads "something wasn't right".
const FORM_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'phone_invalid', 'phone_not_mobile', 'phone_country_not_allowed', 'consent_required', 'phone_opted_out', 'rate_limited',
  'comment_too_long', 'note_too_long', 'contact_invalid', 'not_delivered', 'edit_window_closed',
  'password_too_short', 'password_too_long', 'password_common', 'email_taken', 'credentials_invalid', 'one_time_link_invalid',
]);

/** The outcome a page shows for a refused form post. */
export const formOutcome = (code: ErrorCode): string => (FORM_CODES.has(code) ? code : 'invalid');

/** A refusal the domain explains (a typed error or a schema's), or null for a bug. */
export function explained(err: unknown): DomainError | null {
  if (err instanceof DomainError) return err;
  if (err instanceof ZodError) return new DomainError('validation_failed', err.issues[0]?.message ?? 'Invalid input');
  return null;
}
