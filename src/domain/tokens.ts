import { hmac } from '@oslojs/crypto/hmac';
import { SHA256, sha256 } from '@oslojs/crypto/sha2';
import { encodeBase64urlNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

// 24 bytes of HMAC output: 192 bits, above the 128-bit floor of product.md §4.
const TOKEN_BYTES = 24;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;
const encoder = new TextEncoder();

export function newLinkSalt(): string {
  return encodeBase64urlNoPadding(crypto.getRandomValues(new Uint8Array(16)));
}

/** The link token is re-derivable by the seller at any time: HMAC(APP_SECRET, order, version, salt). */
export function deriveTrackingToken(appSecret: string, link: { orderId: number; version: number; salt: string }): string {
  const mac = hmac(SHA256, encoder.encode(appSecret), encoder.encode(`trk:${link.orderId}:${link.version}:${link.salt}`));
  return encodeBase64urlNoPadding(mac.slice(0, TOKEN_BYTES));
}

/** What the database keeps instead of the token: lookups go by this hash. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(encoder.encode(token)));
}

/** Cheap shape check so malformed tokens never reach the database. */
export function isWellFormedToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}
