import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustomerFeedbackResource, CustomerReportResource, ErrorEnvelope, LinkExpiredResource, OptInResource, TrackingPageResource, UnsubscribeResource } from '../../src/server/resources/customer';
import { FeedbackResource, pageOf, ReportResource } from '../../src/server/resources/feedback';
import { EventAddedResource, OrderResource, RotatedLinkResource } from '../../src/server/resources/order';
import { call, newSeller, sampleOrder, startHarness, tokenOf, type Harness } from '../support/harness';
import { PHONE } from '../support/sms-api';

// Every answer matches the schema the API is described by (the OpenAPI document is built from them):
// a field renamed, dropped or retyped in a route fails here.

let h: Harness;
let key: string;
beforeEach(async () => {
  h = await startHarness();
  key = (await newSeller(h)).apiKey;
});
afterEach(() => h.close());

const json = async (res: Response, status: number) => {
  expect(res.status).toBe(status);
  return res.json();
};

describe('seller API answers match their schemas', () => {
  it('create, read, add an event, rotate the link, list and resolve feedback and reports', async () => {
    const created = OrderResource.parse(await json(await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() }), 201));
    expect(created.orderNumber).toBe('SO-1001');
    OrderResource.parse(await json(await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() }), 200));
    const event = { id: 'd-1', type: 'delivered', occurredAt: '2026-11-27T14:00:00Z', trackingNumber: 'TBA312345678000', deliveredTo: 'FRONT_DOOR', location: { city: 'Troy', region: 'MI', country: 'US' } };
    const added = EventAddedResource.parse(await json(await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key, body: event }), 201));
    expect(added.order.status.stage).toBe('delivered');

    const token = tokenOf(created.trackingUrl!);
    CustomerFeedbackResource.parse(await json(await call(h, 'POST', `/api/t/${token}/feedback`, { body: { rating: 4, comment: 'Fine' } }), 201));
    CustomerReportResource.parse(await json(await call(h, 'POST', `/api/t/${token}/not-received`, { body: { note: 'Not here' } }), 201));

    const order = OrderResource.parse(await json(await call(h, 'GET', '/api/v1/orders/SO-1001', { key }), 200));
    expect(order.feedback?.rating).toBe(4);
    expect(order.reports).toHaveLength(1);
    const feedback = pageOf(FeedbackResource).parse(await json(await call(h, 'GET', '/api/v1/feedback', { key }), 200));
    expect(feedback.items).toHaveLength(1);
    const reports = pageOf(ReportResource).parse(await json(await call(h, 'GET', '/api/v1/reports', { key }), 200));
    const resolved = ReportResource.parse(await json(await call(h, 'POST', `/api/v1/reports/${reports.items[0]!.id}/resolve`, { key, body: { note: 'Refunded' } }), 200));
    expect(resolved.status).toBe('resolved');
    RotatedLinkResource.parse(await json(await call(h, 'POST', '/api/v1/orders/SO-1001/link/rotate', { key }), 200));
  });
});

describe('customer answers match their schemas', () => {
  it('the tracking page data, before and after delivery, feedback and a report; a rotated link’s 410', async () => {
    const created = await (await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() })).json();
    const token = tokenOf(created.trackingUrl);
    TrackingPageResource.parse(await json(await call(h, 'GET', `/api/t/${token}`), 200));
    await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key, body: { type: 'delivered', occurredAt: '2026-11-27T14:00:00Z', trackingNumber: 'TBA312345678000' } });
    await call(h, 'POST', `/api/t/${token}/feedback`, { body: { rating: 5 } });
    await call(h, 'POST', `/api/t/${token}/not-received`, { body: {} });
    const page = TrackingPageResource.parse(await json(await call(h, 'GET', `/api/t/${token}`), 200));
    expect(page.feedback?.rating).toBe(5);
    expect(page.reports).toHaveLength(1);
    await call(h, 'POST', '/api/v1/orders/SO-1001/link/rotate', { key });
    LinkExpiredResource.parse(await json(await call(h, 'GET', `/api/t/${token}`), 410));
  });

  it('opt in and unsubscribe', async () => {
    const token = tokenOf((await (await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() })).json()).trackingUrl);
    OptInResource.parse(await json(await call(h, 'POST', `/api/t/${token}/sms`, { body: { phone: PHONE, consent: true } }), 202));
    UnsubscribeResource.parse(await json(await call(h, 'POST', `/api/t/${token}/sms/unsubscribe`), 200));
  });
});

describe('every error is the one envelope with a code from the closed list', () => {
  it.each([
    ['no key', 'GET', '/api/v1/orders/SO-1', {}, 401],
    ['an unknown endpoint', 'GET', '/api/nope', {}, 404],
    ['a method nobody serves', 'BREW', '/api/health', {}, 405],
    ['malformed JSON', 'POST', '/api/v1/orders', { key: true, body: '{"orderNumber": ' }, 400],
    ['a bad field', 'POST', '/api/v1/orders', { key: true, body: { orderNumber: 'SO/1' } }, 422],
    ['a body over 64 KiB', 'POST', '/api/v1/orders', { key: true, body: 'x'.repeat(65 * 1024) }, 413],
    ['another type of body', 'POST', '/api/v1/orders', { key: true, body: 'a=b', headers: { 'content-type': 'text/plain' } }, 415],
    ['an unknown tracking link', 'GET', '/api/t/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', {}, 404],
  ] as const)('%s', async (_what, method, path, opts, status) => {
    const o = opts as { key?: boolean; body?: unknown; headers?: Record<string, string> };
    const res = method === 'BREW'
      ? await h.app.request(path, { method })
      : await call(h, method, path, { key: o.key ? key : undefined, body: o.body, headers: o.headers });
    const body = ErrorEnvelope.parse(await json(res, status));
    expect(body.error.message.length).toBeGreaterThan(3);
  });
});
