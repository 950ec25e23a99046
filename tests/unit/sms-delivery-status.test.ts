import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextStatus, PROVIDER_STATUSES, type ProviderStatus } from '../../src/domain/sms/delivery-status';

const PATH = ['queued', 'sending', 'sent', 'delivered'] as const;
const TERMINAL_FAILURES = ['failed', 'undelivered', 'canceled'] as const;
const pathRank = (s: ProviderStatus | null): number => PATH.indexOf(s as (typeof PATH)[number]);

/** Store each callback the way the webhook will: keep the current status when told to ignore. */
const fold = (callbacks: readonly string[], start: ProviderStatus | null = null): ProviderStatus | null =>
  callbacks.reduce<ProviderStatus | null>((stored, incoming) => nextStatus(stored, incoming) ?? stored, start);

describe('status callbacks move a message forward', () => {
  it.each([
    [null, 'queued', 'queued'],
    [null, 'delivered', 'delivered'],
    [null, 'failed', 'failed'],
    ['accepted', 'scheduled', 'scheduled'],
    ['scheduled', 'queued', 'queued'],
    ['queued', 'sending', 'sending'],
    ['sending', 'sent', 'sent'],
    ['sent', 'delivered', 'delivered'],
    ['delivered', 'read', 'read'],
    ['queued', 'delivered', 'delivered'],
    ['sent', 'read', 'read'],
    ['accepted', 'canceled', 'canceled'],
    ['scheduled', 'canceled', 'canceled'],
    ['sending', 'failed', 'failed'],
    ['sent', 'undelivered', 'undelivered'],
  ] as const)('%s + %s → store %s', (current, incoming, stored) => {
    expect(nextStatus(current, incoming)).toBe(stored);
  });

  it.each([
    ['sent', 'sending', 'a late, older callback'],
    ['delivered', 'sent', 'sent arriving after delivered'],
    ['queued', 'accepted', 'accepted arriving after queued'],
    ['sent', 'sent', 'a duplicate'],
    ['delivered', 'delivered', 'a duplicate delivered'],
    ['delivered', 'failed', 'a failure after delivered'],
    ['delivered', 'undelivered', 'undelivered after delivered'],
    ['read', 'delivered', 'delivered after read'],
    ['failed', 'delivered', 'delivered after failed'],
    ['undelivered', 'sent', 'sent after undelivered'],
    ['canceled', 'queued', 'queued after canceled'],
    ['failed', 'undelivered', 'one failure after another'],
  ] as const)('%s + %s is ignored (%s)', (current, incoming, _why) => {
    expect(nextStatus(current, incoming)).toBeNull();
  });

  it.each(['', 'DELIVERED', 'bounced', 'receiving', 'received', 'partially_delivered', 'constructor', ' sent'])(
    'an unknown status %j is ignored, from any stored status',
    (incoming) => {
      for (const current of [null, ...PROVIDER_STATUSES]) expect(nextStatus(current, incoming)).toBeNull();
    },
  );

  it('from nothing stored, every known status is accepted as it is', () => {
    for (const s of PROVIDER_STATUSES) expect(nextStatus(null, s)).toBe(s);
  });
});

describe('status callback properties', () => {
  const pathCallbacks = fc.array(fc.constantFrom(...PATH), { minLength: 1, maxLength: 20 });

  it('callbacks from one delivery, in any order and repeated, leave the furthest status seen', () => {
    fc.assert(
      fc.property(pathCallbacks, (callbacks) => {
        const furthest = PATH[Math.max(...callbacks.map((c) => PATH.indexOf(c)))];
        expect(fold(callbacks)).toBe(furthest);
      }),
    );
  });

  it('the stored status never moves back along queued < sending < sent < delivered', () => {
    fc.assert(
      fc.property(pathCallbacks, (callbacks) => {
        let stored: ProviderStatus | null = null;
        for (const incoming of callbacks) {
          const next: ProviderStatus | null = nextStatus(stored, incoming) ?? stored;
          expect(pathRank(next)).toBeGreaterThanOrEqual(pathRank(stored));
          stored = next;
        }
      }),
    );
  });

  it('once failed or undelivered is stored, no later callback changes it', () => {
    fc.assert(
      fc.property(
        // a failure can only arrive before delivered, so the path before it stops at sent
        fc.array(fc.constantFrom('queued', 'sending', 'sent'), { maxLength: 10 }),
        fc.constantFrom(...TERMINAL_FAILURES),
        fc.array(fc.oneof(fc.constantFrom(...PROVIDER_STATUSES), fc.string()), { maxLength: 20 }),
        (before, failure, after) => {
          const stored = fold([...before, failure]);
          expect(stored).toBe(failure);
          expect(fold(after, stored)).toBe(failure);
        },
      ),
    );
  });
});

describe('read is final', () => {
  it.each(['failed', 'undelivered', 'canceled', 'sent', 'read'] as const)('read + %s is ignored: a read message stays read', (incoming) => {
    expect(nextStatus('read', incoming)).toBeNull();
  });
});
