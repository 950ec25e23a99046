import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveTrackingToken, hashToken, isWellFormedToken, newLinkSalt } from '../../src/domain/tokens';

const SECRET = 'test-app-secret-0123456789abcdef';
const link = { orderId: 42, version: 1, salt: 'c2FsdHNhbHRzYWx0c2FsdA' };

describe('tracking link tokens', () => {
  it('are 32 URL-safe characters carrying at least 128 bits', () => {
    const token = deriveTrackingToken(SECRET, link);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(encodeURIComponent(token)).toBe(token);
    const bytes = Buffer.from(token, 'base64url');
    expect(bytes.length * 8).toBeGreaterThanOrEqual(128);
    expect(bytes.length).toBe(24);
  });

  it('are an HMAC of the order, link version and salt under the app secret', () => {
    const expected = createHmac('sha256', SECRET).update(`trk:42:1:${link.salt}`).digest().subarray(0, 24).toString('base64url');
    expect(deriveTrackingToken(SECRET, link)).toBe(expected);
  });

  it('the seller gets the same link back every time they look', () => {
    expect(deriveTrackingToken(SECRET, { ...link })).toBe(deriveTrackingToken(SECRET, link));
  });

  it('change with the link version (rotation), the salt, the secret and the order', () => {
    const base = deriveTrackingToken(SECRET, link);
    const others = [
      deriveTrackingToken(SECRET, { ...link, version: 2 }),
      deriveTrackingToken(SECRET, { ...link, salt: 'b3RoZXJzYWx0b3RoZXJzYQ' }),
      deriveTrackingToken(`${SECRET}x`, link),
      deriveTrackingToken(SECRET, { ...link, orderId: 43 }),
    ];
    expect(new Set([base, ...others]).size).toBe(5);
  });

  it('order 1 version 12 and order 11 version 2 do not collide', () => {
    expect(deriveTrackingToken(SECRET, { orderId: 1, version: 12, salt: link.salt })).not.toBe(
      deriveTrackingToken(SECRET, { orderId: 11, version: 2, salt: link.salt }),
    );
  });
});

describe('stored token hash', () => {
  it('is the lowercase hex SHA-256 of the token, never the token itself', () => {
    const token = deriveTrackingToken(SECRET, link);
    const hash = hashToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hash).not.toContain(token);
  });

  it('differs for different tokens', () => {
    expect(hashToken(deriveTrackingToken(SECRET, link))).not.toBe(hashToken(deriveTrackingToken(SECRET, { ...link, version: 2 })));
  });
});

describe('isWellFormedToken: malformed links never reach the database', () => {
  it('accepts a real token', () => {
    expect(isWellFormedToken(deriveTrackingToken(SECRET, link))).toBe(true);
    expect(isWellFormedToken('AZaz09_-AZaz09_-AZaz09_-AZaz09_-')).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['31 characters', 'a'.repeat(31)],
    ['33 characters', 'a'.repeat(33)],
    ['standard base64 "+"', `${'a'.repeat(31)}+`],
    ['standard base64 "/"', `${'a'.repeat(31)}/`],
    ['padding', `${'a'.repeat(31)}=`],
    ['a space', `${'a'.repeat(31)} `],
    ['a trailing newline', `${'a'.repeat(32)}\n`],
    ['a path', `../${'a'.repeat(29)}`],
    ['non-ASCII', `${'a'.repeat(31)}é`],
  ])('rejects %s', (_label, token) => {
    expect(isWellFormedToken(token)).toBe(false);
  });
});

describe('newLinkSalt', () => {
  it('is 128 random bits, URL-safe, and does not repeat over 1,000 draws', () => {
    const salts = Array.from({ length: 1000 }, newLinkSalt);
    for (const s of salts) {
      expect(s).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(s, 'base64url').length).toBe(16);
    }
    expect(new Set(salts).size).toBe(1000);
  });

  it('gives different tokens for the same order and version', () => {
    const a = deriveTrackingToken(SECRET, { orderId: 7, version: 1, salt: newLinkSalt() });
    const b = deriveTrackingToken(SECRET, { orderId: 7, version: 1, salt: newLinkSalt() });
    expect(a).not.toBe(b);
  });
});
