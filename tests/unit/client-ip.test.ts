import { describe, expect, it } from 'vitest';
import { clientIpFrom } from '../../src/server/client-ip';

const h = (xff?: string) => new Headers(xff ? { 'x-forwarded-for': xff } : {});

describe('client address for abuse limits', () => {
  it('uses the socket peer and ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientIpFrom(h('1.2.3.4'), '10.0.0.5', 0)).toBe('10.0.0.5');
  });
  it('behind one proxy takes the address that proxy appended, not what the client claimed', () => {
    expect(clientIpFrom(h('6.6.6.6, 203.0.113.7'), '10.0.0.1', 1)).toBe('203.0.113.7');
  });
  it('behind two proxies takes the second entry from the right', () => {
    expect(clientIpFrom(h('6.6.6.6, 203.0.113.7, 10.0.0.2'), '10.0.0.1', 2)).toBe('203.0.113.7');
  });
  it('falls back to the socket peer when the header is missing', () => {
    expect(clientIpFrom(h(), '10.0.0.1', 1)).toBe('10.0.0.1');
  });
});
