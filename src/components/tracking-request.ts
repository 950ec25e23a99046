import type { AstroGlobal } from 'astro';
import { openTrackingLink, type TrackingLookup } from '../domain/tracking';
import { countPageOpen } from '../domain/dashboard/page-opens';
import { localDate } from '../domain/zoned-time';
import { pickLang, translator, type Lang, type Translate } from '../i18n';
import type { Present } from './present';

export interface TrackingRequest {
  result: TrackingLookup;
  lang: Lang;
  t: Translate;
  p: Present;
}

/** Shared by the tracking pages: open the link, pick the language, set the status code. */
export async function trackingRequest(astro: AstroGlobal): Promise<TrackingRequest> {
  const { ctx } = astro.locals;
  const now = ctx.now();
  const result = await openTrackingLink({ ctx: { ...ctx, now: () => now }, input: { token: astro.params.token ?? '' } });
  const lang = pickLang(
    astro.url.searchParams.get('lang'),
    astro.request.headers.get('accept-language'),
    result.kind === 'ok' ? result.view.order.language : null,
  );
  astro.response.headers.set('Vary', 'Accept-Language');
  if (result.kind !== 'ok') astro.response.status = result.kind === 'gone' ? 410 : 404;
  // an open of the page, for the seller's charts (in memory; flushed in batches by the server)
  else if (astro.request.method === 'GET') countPageOpen(result.orderId, localDate(now, result.view.zone.id));
  const t = translator(lang);
  const seller = result.kind === 'ok' ? result.view.seller.name : result.kind === 'gone' ? result.seller.name : '';
  const zone = result.kind === 'ok' ? result.view.zone.id : 'UTC';
  return { result, lang, t, p: { t, lang, zone, now, seller } };
}
