import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forSeller } from '../../src/domain/context';
import { feedbackSummary, notReceivedRates, openReportsCount } from '../../src/domain/feedback/stats';
import { startHarness, type Harness } from '../support/harness';
import { domainBuilder } from '../support/feedback-domain';

// The numbers the seller dashboard will show (src/domain/feedback/stats.ts), over a history built
// through the real domain verbs on the harness database. November is the range asked about:
// from 1 Nov 00:00 (inclusive) to 1 Dec 00:00 (exclusive).

let h: Harness;
let acme: number;
let rival: number;
let noPackagesReport: number;
const NOVEMBER = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };

beforeAll(async () => {
  h = await startHarness();
  const b = domainBuilder(h);
  acme = await b.seller('Acme Goods');
  rival = await b.seller('Rival Goods');

  // Feedback: three in November (one at its very first instant), one at the instant November ends, one in October.
  const f = async (n: string, at: string, body: { rating: number; arrivedOk?: boolean }, seller = acme) =>
    b.feedback(await b.order(seller, n, '48084', ['AMZL']), at, body);
  await f('F-1', '2026-11-01T00:00:00.000Z', { rating: 5, arrivedOk: true });
  await f('F-2', '2026-11-02T12:00:00Z', { rating: 4, arrivedOk: false });
  await f('F-3', '2026-11-03T12:00:00Z', { rating: 5, arrivedOk: true });
  await f('F-4', '2026-12-01T00:00:00.000Z', { rating: 1, arrivedOk: true });
  await f('F-5', '2026-10-20T12:00:00Z', { rating: 2 });
  await f('R-F', '2026-11-05T12:00:00Z', { rating: 3, arrivedOk: false }, rival);

  // Deliveries and not-received reports.
  const oA = await b.order(acme, 'A', '48084', ['AMZL', 'AMZL']); // both packages by one order-level scan; whole order reported
  await b.delivered(oA, '2026-11-05T15:00:00Z');
  await b.report(oA, '2026-11-06T15:00:00Z');
  const oB = await b.order(acme, 'B', '48085', ['UPS']); // delivered at November's first instant, never reported
  await b.delivered(oB, '2026-11-01T00:00:00.000Z', 1);
  const oC = await b.order(acme, 'C', '10001', ['AMZL', 'UPS']); // split: only the AMZL package reported
  await b.delivered(oC, '2026-11-07T15:00:00Z', 1);
  await b.delivered(oC, '2026-11-07T18:00:00Z', 2);
  await b.report(oC, '2026-11-08T15:00:00Z', 1);
  const oD = await b.order(acme, 'D', '10002', ['AMZL']); // delivered and reported in October
  await b.delivered(oD, '2026-10-01T15:00:00Z', 1);
  await b.report(oD, '2026-10-02T15:00:00Z');
  await b.order(acme, 'E', '10003', ['AMZL']); // never delivered
  const oF = await b.order(acme, 'F', '48086', ['USPS', 'USPS']); // one of two delivered; whole order reported
  await b.delivered(oF, '2026-11-08T15:00:00Z', 1);
  await b.report(oF, '2026-11-09T15:00:00Z');
  const oG = await b.order(acme, 'G', '48090', ['AMZL']);
  await b.delivered(oG, '2026-11-09T15:00:00Z', 1);
  const oH = await b.order(acme, 'H', '60601', ['FEDEX']); // delivered at the instant November ends; reported
  await b.delivered(oH, '2026-12-01T00:00:00.000Z', 1);
  await b.report(oH, '2026-12-02T00:00:00Z');
  const oN = await b.order(acme, 'N', '99950', []); // no packages: counts in no rate; its report is resolved
  await b.delivered(oN, '2026-11-10T15:00:00Z');
  noPackagesReport = await b.report(oN, '2026-11-11T15:00:00Z');
  await b.resolve(acme, noPackagesReport, '2026-11-12T15:00:00Z');
  const oZ = await b.order(rival, 'Z', '48084', ['AMZL']); // the rival's own delivered-and-reported order
  await b.delivered(oZ, '2026-11-05T15:00:00Z', 1);
  await b.report(oZ, '2026-11-06T15:00:00Z');
});
afterAll(() => h.close());

describe('feedbackSummary', () => {
  it('over all time: count, average, the 1–5 distribution and the share who said it arrived OK among those who answered', async () => {
    expect(await feedbackSummary({ ctx: forSeller(h.ctx, acme) })).toEqual({
      count: 5, average: 17 / 5, distribution: { 1: 1, 2: 1, 3: 0, 4: 1, 5: 2 }, arrivedOkShare: 3 / 4,
    });
  });

  it('over November: the first instant counts, the instant it ends does not, October does not', async () => {
    expect(await feedbackSummary({ ctx: forSeller(h.ctx, acme), input: NOVEMBER })).toEqual({
      count: 3, average: 14 / 3, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 2 }, arrivedOkShare: 2 / 3,
    });
  });

  it('another seller’s feedback is neither counted here nor mixed into theirs', async () => {
    expect(await feedbackSummary({ ctx: forSeller(h.ctx, rival) })).toEqual({ count: 1, average: 3, distribution: { 1: 0, 2: 0, 3: 1, 4: 0, 5: 0 }, arrivedOkShare: 0 });
  });

  it('a range without feedback: zero count, no average, no share (null, not 0 or NaN)', async () => {
    expect(await feedbackSummary({ ctx: forSeller(h.ctx, acme), input: { from: new Date('2027-01-01T00:00:00Z') } })).toEqual({
      count: 0, average: null, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, arrivedOkShare: null,
    });
  });

  it('when nobody answered "arrived OK?", the share is null rather than 0%', async () => {
    expect((await feedbackSummary({ ctx: forSeller(h.ctx, acme), input: { from: new Date('2026-10-01T00:00:00Z'), to: new Date('2026-11-01T00:00:00Z') } })).arrivedOkShare).toBeNull();
  });
});

describe('openReportsCount', () => {
  it('counts the seller’s open reports only: resolved ones and other sellers’ are left out', async () => {
    expect(await openReportsCount({ ctx: forSeller(h.ctx, acme) })).toBe(5);
    expect(await openReportsCount({ ctx: forSeller(h.ctx, rival) })).toBe(1);
  });
});

describe('notReceivedRates', () => {
  it('over November, per carrier: packages delivered in the range, and how many of them were reported', async () => {
    const { byCarrier } = await notReceivedRates({ ctx: forSeller(h.ctx, acme), input: NOVEMBER });
    expect(byCarrier).toEqual([
      { key: 'USPS', delivered: 1, reported: 1, rate: 1 }, // F: the delivered package of a whole-order report; the undelivered one not counted
      { key: 'AMZL', delivered: 4, reported: 3, rate: 0.75 }, // A ×2 (whole order), C's package 1, G
      { key: 'UPS', delivered: 2, reported: 0, rate: 0 }, // B, C's package 2
    ]);
  });

  it('over November, per destination ZIP3', async () => {
    const { byZip3 } = await notReceivedRates({ ctx: forSeller(h.ctx, acme), input: NOVEMBER });
    expect(byZip3).toEqual([
      { key: '480', delivered: 5, reported: 3, rate: 0.6 }, // A ×2 reported, B, F's package 1 reported, G
      { key: '100', delivered: 2, reported: 1, rate: 0.5 }, // C
    ]);
  });

  it('over all time, October’s and December’s deliveries join in (ties ordered by name)', async () => {
    const { byCarrier, byZip3 } = await notReceivedRates({ ctx: forSeller(h.ctx, acme) });
    expect(byCarrier).toEqual([
      { key: 'FEDEX', delivered: 1, reported: 1, rate: 1 },
      { key: 'USPS', delivered: 1, reported: 1, rate: 1 },
      { key: 'AMZL', delivered: 5, reported: 4, rate: 0.8 },
      { key: 'UPS', delivered: 2, reported: 0, rate: 0 },
    ]);
    expect(byZip3).toEqual([
      { key: '606', delivered: 1, reported: 1, rate: 1 },
      { key: '100', delivered: 3, reported: 2, rate: 2 / 3 },
      { key: '480', delivered: 5, reported: 3, rate: 0.6 },
    ]);
  });

  it('another seller’s packages and reports are not counted, and theirs do not include ours', async () => {
    expect(await notReceivedRates({ ctx: forSeller(h.ctx, rival), input: NOVEMBER })).toEqual({
      byCarrier: [{ key: 'AMZL', delivered: 1, reported: 1, rate: 1 }],
      byZip3: [{ key: '480', delivered: 1, reported: 1, rate: 1 }],
    });
  });

  it('a range with no deliveries gives empty lists', async () => {
    expect(await notReceivedRates({ ctx: forSeller(h.ctx, acme), input: { from: new Date('2027-01-01T00:00:00Z') } })).toEqual({ byCarrier: [], byZip3: [] });
  });
});
