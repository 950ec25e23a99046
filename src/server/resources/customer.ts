import { z } from 'zod';
import { ERROR_CODES } from '../../domain/errors';
import { PROBLEMS } from '../../../db/schema/problem-reports';

// The customer endpoints' answers and the one error envelope, as contracts.

export const ErrorEnvelope = z.object({ error: z.object({ code: z.enum(ERROR_CODES), message: z.string().min(1) }).strict() }).strict();

/** A rotated or expired link (410) carries the seller's contact beside the error. */
export const LinkExpiredResource = ErrorEnvelope.extend({
  error: z.object({ code: z.literal('link_expired'), message: z.string().min(1) }).strict(),
  seller: z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), url: z.string().nullable() }).strict(),
}).strict();

const iso = z.iso.datetime();
const when = z.object({ date: z.iso.date() }).loose();

/** GET /api/t/{token}: the tracking page's data (what the page shows, nothing about the customer beyond a first name). */
export const TrackingPageResource = z.object({
  seller: z.object({ name: z.string(), accentColor: z.string(), logoUrl: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(), url: z.string().nullable(), publicFeedbackUrl: z.string().nullable() }).strict(),
  order: z.object({ number: z.string(), firstName: z.string().nullable(), language: z.enum(['en', 'es']).nullable(), city: z.string().nullable(), region: z.string().nullable(), items: z.array(z.object({ name: z.string(), quantity: z.int() }).strict()) }).strict(),
  zone: z.object({ id: z.string(), assumed: z.boolean() }).strict(),
  status: z.object({ stage: z.string(), exception: z.string().nullable(), packageCount: z.int(), deliveredCount: z.int(), finishedAt: iso.nullable() }).strict(),
  expected: when.nullable(),
  nextPackage: z.int().min(1).nullable(),
  packages: z.array(z.object({ number: z.int(), carrier: z.string(), trackingNumber: z.string(), stage: z.string(), deliveredAt: iso.nullable() }).loose()),
  timeline: z.array(z.object({ type: z.string(), at: iso }).loose()),
  notReceived: z.object({ phase: z.string() }).loose().nullable(),
  carriers: z.array(z.string()),
  sms: z.object({ status: z.enum(['pending', 'active']), last4: z.string().regex(/^\d{4}$/) }).strict().nullable(),
  feedback: z.object({ rating: z.int(), comment: z.string().nullable(), arrivedOk: z.boolean().nullable(), createdAt: iso }).strict().nullable(),
  reports: z.array(z.object({ problem: z.enum(PROBLEMS), package: z.int().nullable(), at: iso }).strict()),
}).strict();

export const OptInResource = z.object({ status: z.enum(['pending_confirmation', 'subscribed']), phoneLast4: z.string().regex(/^\d{4}$/) }).strict();
export const UnsubscribeResource = z.object({ status: z.enum(['unsubscribed', 'not_subscribed']) }).strict();

export const CustomerFeedbackResource = z.object({
  feedback: z.object({
    rating: z.int().min(1).max(5), comment: z.string().nullable(), arrivedOk: z.boolean().nullable(), createdAt: z.iso.datetime(), updatedAt: z.iso.datetime(),
  }).strict(),
  publicFeedbackUrl: z.url().nullable(),
}).strict();

export const CustomerReportResource = z.object({
  report: z.object({ id: z.int(), problem: z.enum(PROBLEMS), missing: z.enum(['order', 'package']), status: z.enum(['open', 'resolved']), createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() }).strict(),
}).strict();
