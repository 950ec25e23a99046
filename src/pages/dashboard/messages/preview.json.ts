import type { APIRoute } from 'astro';
import { TOUCHPOINTS, type Touchpoint } from '../../../../db/schema/message-templates';
import { explained } from '../../../domain/errors';
import { previewMessage } from '../../../domain/messages/preview';

// The live preview behind the messages page (with JavaScript): the edited subject and body filled
// in for one of the seller's orders, or the refusal in words. Without JavaScript the page's
// Preview button does the same by posting the form.
export const GET: APIRoute = async ({ locals, url }) => {
  const { member } = locals;
  if (!member) return Response.json({ error: { code: 'unauthorized', message: 'Sign in first' } }, { status: 401 });
  const q = url.searchParams;
  const touchpoint = q.get('touchpoint') ?? '';
  if (!(TOUCHPOINTS as readonly string[]).includes(touchpoint)) return Response.json({ error: { code: 'validation_failed', message: 'touchpoint: unknown' } }, { status: 422 });
  try {
    const preview = await previewMessage({
      ctx: member,
      input: {
        touchpoint: touchpoint as Touchpoint, language: q.get('language') === 'es' ? 'es' : 'en', orderNumber: (q.get('order') ?? '').slice(0, 64),
        subject: (q.get('subject') ?? '').slice(0, 400), body: (q.get('body') ?? '').slice(0, 10_000),
      },
    });
    return Response.json(preview, { headers: { 'Cache-Control': 'private, no-store' } });
  } catch (e) {
    const known = explained(e);
    if (!known) throw e;
    return Response.json({ error: { code: known.code, message: known.message } }, { status: known.code === 'not_found' ? 404 : 422 });
  }
};
