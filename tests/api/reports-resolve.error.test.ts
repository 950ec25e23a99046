import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, startHarness, type Harness } from '../support/harness';
import { rows, type Shop } from '../support/sms-api';
import { deliveredOrder, errorCode, feedbackShop, reportMissing } from '../support/feedback-api';

// Closing a report (POST /api/v1/reports/{id}/resolve) is for the seller who owns it, with a note.

let h: Harness;
let shop: Shop;
let other: Shop;
let id: number;
beforeEach(async () => {
  h = await startHarness();
  shop = await feedbackShop(h);
  other = await feedbackShop(h, 'Other Shop');
  const token = await deliveredOrder(h, shop);
  id = (await (await reportMissing(h, token, { note: 'Not here', contact: 'dana@example.com' })).json()).report.id;
});
afterEach(() => h.close());

const resolve = (reportId: number | string, body: unknown, key: string | null = shop.key) =>
  call(h, 'POST', `/api/v1/reports/${reportId}/resolve`, key ? { key, body } : { body });
const stillOpen = async () => expect(await rows(h, 'SELECT status, resolution_note, resolved_at FROM problem_reports')).toEqual([{ status: 'open', resolution_note: null, resolved_at: null }]);

describe('resolving needs a note', () => {
  for (const [what, body] of [['no note', {}], ['a blank note', { note: '   ' }], ['a note of 1,001 characters', { note: 'x'.repeat(1001) }], ['a note that is not text', { note: 42 }]] as const) {
    it(`${what} → 422, the report stays open`, async () => {
      expect(await errorCode(await resolve(id, body), 422)).toBe('validation_failed');
      await stillOpen();
    });
  }

  it('a body that is not JSON → 400, the report stays open', async () => {
    expect(await errorCode(await resolve(id, '{"note": '), 400)).toBe('invalid_json');
    await stillOpen();
  });
});

describe('only the seller who owns the report can resolve it', () => {
  it('another seller’s key gets 404 (as if the report did not exist) and the report stays open', async () => {
    const wrong = await resolve(id, { note: 'Closing a competitor’s report' }, other.key);
    const missing = await resolve(999_999, { note: 'x' }, other.key);
    expect(await errorCode(wrong, 404)).toBe('not_found');
    expect(await errorCode(missing, 404)).toBe('not_found');
    await stillOpen();
    const theirs = await (await call(h, 'GET', '/api/v1/reports', { key: other.key })).json();
    expect(theirs.items).toEqual([]);
  });

  it('the other seller’s 404 says exactly what an unknown report’s 404 says', async () => {
    const wrong = await (await resolve(id, { note: 'x' }, other.key)).text();
    const unknown = await (await resolve(id + 1000, { note: 'x' }, other.key)).text();
    expect(wrong).toBe(unknown);
  });

  it('without an API key → 401, the report stays open', async () => {
    expect(await errorCode(await resolve(id, { note: 'x' }, null), 401)).toBe('unauthorized');
    await stillOpen();
  });
});

describe('report ids that name nothing', () => {
  for (const bad of ['999999', '0', '-1', 'abc', '1.5', '9'.repeat(30)]) {
    it(`POST /api/v1/reports/${bad.slice(0, 12)}/resolve → 404`, async () => {
      expect(await errorCode(await resolve(bad, { note: 'x' }), 404)).toBe('not_found');
      await stillOpen();
    });
  }
});
