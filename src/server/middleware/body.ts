import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { ApiError } from '../errors';

export const MAX_BODY_BYTES = 64 * 1024;

/** 413 with the error envelope for any body over 64 KiB, declared or streamed. */
export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError(413, 'payload_too_large', 'Request body is larger than 64 KiB');
  },
});

export type BodyKind = 'json' | 'form';

/** Reads a JSON or form body (forms post without JavaScript) and validates it with zod. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<{ data: z.output<S>; kind: BodyKind }> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  let raw: unknown;
  let kind: BodyKind;
  if (type === 'application/json') {
    kind = 'json';
    try {
      raw = await c.req.json();
    } catch {
      throw new ApiError(400, 'invalid_json', 'Body is not valid JSON');
    }
  } else if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') {
    kind = 'form';
    raw = Object.fromEntries([...(await c.req.formData()).entries()].filter(([, v]) => typeof v === 'string'));
  } else {
    throw new ApiError(415, 'unsupported_media_type', 'Send application/json');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw parsed.error;
  return { data: parsed.data, kind };
}
