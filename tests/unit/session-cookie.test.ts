import { describe, expect, it } from 'vitest';
import { sessionCookie } from '../../src/server/session-cookie';

// The seller's session cookie attributes, over https and over plain http (local development).

const now = new Date('2026-12-01T12:00:00Z');
const in30Days = new Date(now.getTime() + 30 * 24 * 3_600_000);

describe('the session cookie', () => {
  it('over https: __Host- prefix, Secure, HttpOnly, SameSite=Lax, Path=/, no Domain, Max-Age to the session’s end', () => {
    const c = sessionCookie('https://track.example.com');
    expect(c.name).toBe('__Host-porchlight_session');
    expect(c.set('abc.def', in30Days, now)).toBe('__Host-porchlight_session=abc.def; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=2592000');
    expect(c.clear()).toBe('__Host-porchlight_session=; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=0');
  });

  it('over http (development): no prefix, no Secure (a browser would drop a Secure cookie on http)', () => {
    const c = sessionCookie('http://localhost:4321');
    expect(c.set('abc.def', in30Days, now)).toBe('porchlight_session=abc.def; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000');
  });

  it('reads its own cookie among others, and nothing from a look-alike name', () => {
    const c = sessionCookie('https://track.example.com');
    expect(c.read('a=1; __Host-porchlight_session=tok.en; b=2')).toBe('tok.en');
    expect(c.read('porchlight_session=tok.en')).toBeNull();
    expect(c.read('x__Host-porchlight_session=tok.en')).toBeNull();
    expect(c.read('__Host-porchlight_session=')).toBeNull();
    expect(c.read(null)).toBeNull();
  });

  it('a session already over gets Max-Age=0, never a negative age', () => {
    expect(sessionCookie('https://t.example').set('a.b', new Date(now.getTime() - 1000), now)).toContain('Max-Age=0');
  });
});
