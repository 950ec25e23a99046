import type { Context } from 'hono';
import { openTrackingLink } from '../../domain/tracking';
import { isLang, type Lang } from '../../i18n';
import { ApiError } from '../errors';
import type { Services } from '../services';

// What every customer endpoint under /api/t/{token} starts with.

/** The order behind a token, or the same 404 (unknown) / 410 (rotated, expired) as the pages. */
export async function openLinkOrFail(s: Services, token: string) {
  const link = await openTrackingLink({ readRow: s.readRow, linkTtlDays: s.config.linkTtlDays }, token, s.now());
  if (link.kind === 'not_found') throw new ApiError(404, 'not_found', 'Tracking link not found');
  if (link.kind === 'gone') throw new ApiError(410, 'link_expired', 'This tracking link is no longer active');
  return link;
}

/** The page language a form carried along (a hidden `lang` field), if any. */
export function langOf(raw: unknown): Lang | null {
  const v = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).lang : null;
  return isLang(v) ? v : null;
}

/** The client address the abuse limits count (see src/server/client-ip.ts). */
export const clientIpOf = (s: Services, c: Context) => s.clientIp?.(c.req.raw) ?? 'unknown';

/** A form post (no JavaScript) goes back to its page with an outcome code the page translates. */
export function backTo(c: Context, path: string, lang: Lang | null, param: string, outcome: string, anchor: string) {
  const q = new URLSearchParams({ [param]: outcome, ...(lang ? { lang } : {}) });
  return c.redirect(`${path}?${q}#${anchor}`, 303);
}
