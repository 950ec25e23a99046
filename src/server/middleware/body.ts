import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { BadRequest, DomainError } from '../../domain/errors';

export const MAX_BODY_BYTES = 64 * 1024;

/** A body limit, declared or streamed: over it, 413 with the error envelope and `message`. */
export const limited = (maxSize: number, message: string) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new DomainError('payload_too_large', message);
    },
  });

/** Any body over 64 KiB. */
export const limitBody = limited(MAX_BODY_BYTES, 'Request body is larger than 64 KiB');
/** The CSV import's upload: the import's own 20 MB limit, plus room for the form around the file. */
export const limitUpload = limited(21 * 1024 * 1024, 'The file is larger than 20 MB');
/** A logo upload (settings): the 200 KB image plus the form around it. */
export const limitLogoUpload = limited(256 * 1024, 'The logo is larger than 200 KB');

export type BodyKind = 'json' | 'form';

/** Reads a JSON or form body (forms post without JavaScript), unvalidated. */
export async function readRaw(c: Context): Promise<{ raw: unknown; kind: BodyKind }> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') {
    try {
      return { raw: await c.req.json(), kind: 'json' };
    } catch {
      throw BadRequest('Body is not valid JSON', 'invalid_json');
    }
  }
  if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      throw BadRequest('Body is not a valid form', 'invalid_form');
    }
    return { raw: Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')), kind: 'form' };
  }
  throw new DomainError('unsupported_media_type', 'Send application/json');
}

/** Reads a JSON or form body and validates it with zod (a ZodError becomes a 422). */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<{ data: z.output<S>; kind: BodyKind }> {
  const { raw, kind } = await readRaw(c);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw parsed.error;
  return { data: parsed.data, kind };
}
