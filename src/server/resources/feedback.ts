import { z } from 'zod';
import type { Feedback } from '../../../db/schema';
import { LANGUAGES } from '../../../db/schema/orders';
import { CARRIERS } from '../../../db/schema/packages';
import { CONTACT_KINDS, PROBLEMS, REPORT_STATUSES } from '../../../db/schema/problem-reports';
import type { ReportRow } from '../../domain/feedback/listing';

// What customers said (feedback) and reported (not received, damaged), as the seller API shows them.

const iso = z.iso.datetime();

export const FeedbackResource = z.object({
  id: z.int(),
  orderNumber: z.string(),
  rating: z.int().min(1).max(5),
  comment: z.string().nullable(),
  arrivedOk: z.boolean().nullable(),
  language: z.enum(LANGUAGES),
  createdAt: iso,
  updatedAt: iso,
});

export const ReportResource = z.object({
  id: z.int(),
  /** marked delivered but not received, or arrived damaged */
  problem: z.enum(PROBLEMS),
  orderNumber: z.string(),
  trackingNumber: z.string().nullable(),
  carrier: z.enum(CARRIERS).nullable(),
  note: z.string().nullable(),
  contact: z.string().nullable(),
  contactKind: z.enum(CONTACT_KINDS).nullable(),
  language: z.enum(LANGUAGES),
  status: z.enum(REPORT_STATUSES),
  createdAt: iso,
  updatedAt: iso,
  resolvedAt: iso.nullable(),
  resolutionNote: z.string().nullable(),
});

/** A page of a list, newest first; pass nextCursor back as ?cursor= for the next page. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const iso8601 = (d: Date) => d.toISOString();

export const feedbackResource = (f: Pick<Feedback, 'id' | 'rating' | 'comment' | 'arrivedOk' | 'language' | 'createdAt' | 'updatedAt'> & { orderNumber: string }): z.infer<typeof FeedbackResource> => ({
  id: f.id, orderNumber: f.orderNumber, rating: f.rating, comment: f.comment, arrivedOk: f.arrivedOk, language: f.language,
  createdAt: iso8601(f.createdAt), updatedAt: iso8601(f.updatedAt),
});

export const reportResource = (r: ReportRow): z.infer<typeof ReportResource> => ({
  ...r, createdAt: iso8601(r.createdAt), updatedAt: iso8601(r.updatedAt), resolvedAt: r.resolvedAt ? iso8601(r.resolvedAt) : null,
});
