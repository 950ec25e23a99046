import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { z } from 'zod';
import { LinkExpiredResource } from '../resources/customer';
import { BODY_ERRORS, errors, json, type ErrorStatus } from './spec';

// What every customer endpoint (/api/t/{token}) shares in the document: the token in the path
// (404 for any miss, 410 with the seller's contact for a revoked or expired link), and on POST the
// form alternative (303 back to the page), the size and type limits and the cross-site refusal.

const params = z.object({
  token: z.string().meta({ description: 'The tracking token: the last part of the order’s `trackingUrl` (`…/t/{token}`).', example: 'q8V3n0sYbJ4m2XwQe7Lk9A' }),
});

type CustomerRoute = Omit<RouteConfig, 'responses' | 'tags'> & {
  ok: RouteConfig['responses'];
  errors?: Partial<Record<ErrorStatus, string>>;
};

export function customerRoute({ ok, errors: why = {}, ...route }: CustomerRoute) {
  const post = route.method === 'post';
  const postErrors: Partial<Record<ErrorStatus, string>> = post
    ? { ...BODY_ERRORS, 403: 'A browser posting from another site (`forbidden`).' }
    : {};
  return createRoute({
    ...route,
    tags: ['Customer'],
    request: { ...route.request, params },
    responses: {
      ...ok,
      ...(post ? { 303: { description: 'A plain form post (no JavaScript): back to the page, the outcome in its query (`?sms=pending`, `?feedback=thanks` …).', headers: { Location: { description: 'The tracking page with the outcome.', schema: { type: 'string' } } } } } : {}),
      ...errors({ ...postErrors, ...why, 404: 'No such tracking link (the same answer for every miss: `not_found`).' }),
      410: json(LinkExpiredResource, 'The link was rotated by the seller or expired after delivery (`link_expired`), with the seller’s contact.'),
    },
  });
}

export const FORMS_TOO = 'JSON as here, or the same fields as `application/x-www-form-urlencoded` / `multipart/form-data` (then the answer is a 303 back to the page).';
