import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { forLink, type LinkContext } from '../../domain/context';
import { formOutcome } from '../../domain/errors';
import { openLinkOrFail } from '../../domain/tracking';
import { firstLang, isLang, type Lang } from '../../i18n';
import { readRaw } from '../middleware/body';
import { toDomainError } from '../errors';
import type { Services } from '../services';

// What every customer endpoint under /api/t/{token} shares: the opened link, the client's
// address, and one way to answer a post from JSON (with JavaScript) or a plain form (without).

export type LinkEnv = { Variables: { ctx: LinkContext } };

/** Opens /:token (the same 404 / 410 as the pages) and scopes the context to that link. */
export const openLink = (s: Services) =>
  createMiddleware<LinkEnv>(async (c, next) => {
    const link = await openLinkOrFail({ ctx: s.ctx, input: { token: c.req.param('token') ?? '' } });
    c.set('ctx', forLink(s.ctx, link));
    await next();
  });

/** The client address the abuse limits count (see src/server/client-ip.ts). */
export const clientIpOf = (s: Services, c: Context) => s.clientIp?.(c.req.raw) ?? 'unknown';

/** The page language a form carried along (a hidden `lang` field), if any. */
function langOf(raw: unknown): Lang | null {
  const v = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).lang : null;
  return isLang(v) ? v : null;
}

export interface PostAnswer {
  /** the outcome code the page shows after a form post */
  outcome: string;
  json: unknown;
  status: 200 | 201 | 202;
}

/**
 * A customer post: JSON answers with `json` (errors as the envelope); a form post goes back to
 * `page#anchor?param=outcome` with the outcome or the error's code, so the page can say what happened.
 */
export async function customerPost(
  c: Context<LinkEnv>,
  back: { page: string; param: string; anchor: string; /** more of the page's query, from the post */ query?: (raw: unknown) => Record<string, string> },
  run: (raw: unknown, lang: Lang) => Promise<PostAnswer>,
): Promise<Response> {
  const { raw, kind } = await readRaw(c);
  const formLang = langOf(raw);
  const lang = firstLang(formLang, c.var.ctx.link.view.order.language);
  const redirect = (outcome: string) => {
    const q = new URLSearchParams({ [back.param]: outcome, ...(formLang ? { lang: formLang } : {}), ...back.query?.(raw) });
    return c.redirect(`${back.page}?${q}#${back.anchor}`, 303);
  };
  try {
    const answer = await run(raw, lang);
    return kind === 'form' ? redirect(answer.outcome) : c.json(answer.json, answer.status);
  } catch (e) {
    const known = kind === 'form' ? toDomainError(e) : null;
    if (!known) throw e;
    return redirect(formOutcome(known.code));
  }
}

