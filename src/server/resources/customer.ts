import { z } from 'zod';
import { ERROR_CODES } from '../../domain/errors';

// The customer endpoints' answers and the one error envelope, as contracts.

export const ErrorEnvelope = z.object({ error: z.object({ code: z.enum(ERROR_CODES), message: z.string().min(1) }) }).strict();

export const OptInResource = z.object({ status: z.enum(['pending_confirmation', 'subscribed']), phoneLast4: z.string().regex(/^\d{4}$/) }).strict();
export const UnsubscribeResource = z.object({ status: z.enum(['unsubscribed', 'not_subscribed']) }).strict();

export const CustomerFeedbackResource = z.object({
  feedback: z.object({
    rating: z.int().min(1).max(5), comment: z.string().nullable(), arrivedOk: z.boolean().nullable(), createdAt: z.iso.datetime(), updatedAt: z.iso.datetime(),
  }).strict(),
  publicFeedbackUrl: z.url().nullable(),
}).strict();

export const CustomerReportResource = z.object({
  report: z.object({ id: z.int(), missing: z.enum(['order', 'package']), status: z.enum(['open', 'resolved']), createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() }).strict(),
}).strict();
