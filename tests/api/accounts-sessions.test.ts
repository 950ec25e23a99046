import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions } from '../../db/schema';
import { changePassword, signIn, signOut, signUp } from '../../src/domain/accounts/accounts';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, SESSION_REFRESH_MS, validateSession, invalidateSession, pruneSessions } from '../../src/domain/accounts/sessions';
import { forMember } from '../../src/domain/context';
import { startHarness, type Harness } from '../support/harness';
import { rows } from '../support/sms-api';

// Seller sessions on the harness's settable clock (a real libSQL file): expiry, idle timeout,
// sliding refresh, invalidation; what is stored.

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const MINUTE = 60_000;
const later = (ms: number) => (h.clock.now = new Date(h.clock.now.getTime() + ms));
const open = (token: string) => validateSession({ ctx: h.ctx, input: { token } });
const newAccount = (email = 'dana@acme.example') => signUp({ ctx: h.ctx, input: { storeName: 'Acme Goods', email, password: 'correct horse battery' } });

describe('a session token', () => {
  it('is "<id>.<secret>": 120 bits of id, 136 of secret; the database keeps the id and only the secret’s SHA-256', async () => {
    const { session } = await newAccount();
    expect(session.token).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{28}$/);
    const [id, secret] = session.token.split('.') as [string, string];
    const stored = await rows(h, 'SELECT * FROM sessions');
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).toBe(id);
    expect(JSON.stringify(stored)).not.toContain(secret);
    const digest = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret))).toString('hex');
    expect(stored[0]!.secret_hash).toBe(digest);
  });

  it('opens its session; a changed secret, a changed id, a malformed token (also with anything before or after it) or an empty one open nothing', async () => {
    const { session, userId } = await newAccount();
    expect((await open(session.token))?.user).toMatchObject({ id: userId, email: 'dana@acme.example', role: 'owner' });
    const [id, secret] = session.token.split('.') as [string, string];
    const flip = (s: string) => (s.endsWith('a') ? `${s.slice(0, -1)}b` : `${s.slice(0, -1)}a`);
    for (const bad of [`${id}.${flip(secret)}`, `${flip(id)}.${secret}`, id, `${id}.`, `${id}.${secret}x`, `x${id}.${secret}`, ` ${session.token}`, '', `${id.toUpperCase()}.${secret}`]) {
      expect(await open(bad), bad).toBeNull();
    }
  });

  it('two sign-ins are two sessions with different tokens', async () => {
    await newAccount();
    const a = await signIn({ ctx: h.ctx, input: { email: 'dana@acme.example', password: 'correct horse battery', ip: '10.0.0.1' } });
    const b = await signIn({ ctx: h.ctx, input: { email: 'dana@acme.example', password: 'correct horse battery', ip: '10.0.0.1' } });
    expect(a.session.token).not.toBe(b.session.token);
    expect(await rows(h, 'SELECT id FROM sessions')).toHaveLength(3);
  });
});

describe('idle timeout and sliding refresh', () => {
  it('unused for 7 days it ends (at 7 days less a minute it still opens); the ended row is removed', async () => {
    const { session } = await newAccount();
    later(SESSION_IDLE_MS - MINUTE);
    // opening it now also refreshes it, so check a second, unrefreshed session for the edge
    const second = await signIn({ ctx: { ...h.ctx, now: () => new Date(h.clock.now.getTime() - (SESSION_IDLE_MS - MINUTE)) }, input: { email: 'dana@acme.example', password: 'correct horse battery', ip: '10.0.0.1' } });
    expect(await open(second.session.token)).not.toBeNull();
    later(MINUTE);
    expect(await open(session.token)).toBeNull();
    expect(await rows(h, 'SELECT id FROM sessions WHERE id = ?', [session.token.split('.')[0]!])).toEqual([]);
  });

  it('using it moves the idle deadline, written at most once an hour', async () => {
    const { session } = await newAccount();
    const id = session.token.split('.')[0]!;
    const lastSeen = async () => Number((await rows(h, 'SELECT last_seen_at FROM sessions WHERE id = ?', [id]))[0]!.last_seen_at);
    const start = h.clock.now.getTime();
    later(SESSION_REFRESH_MS - MINUTE);
    await open(session.token);
    expect(await lastSeen()).toBe(start); // not yet an hour: nothing written
    later(MINUTE);
    const opened = await open(session.token);
    expect(await lastSeen()).toBe(h.clock.now.getTime());
    expect(opened!.expiresAt.getTime()).toBe(h.clock.now.getTime() + SESSION_IDLE_MS);
    // used every 6 days, it lives on past the first 7
    for (let i = 0; i < 3; i++) {
      later(6 * 24 * 60 * MINUTE);
      expect(await open(session.token), `day ${6 * (i + 1)}`).not.toBeNull();
    }
  });

  it('however busy, it ends 30 days after sign-in', async () => {
    const { session } = await newAccount();
    const start = h.clock.now.getTime();
    while (h.clock.now.getTime() + 5 * 24 * 60 * MINUTE < start + SESSION_ABSOLUTE_MS) {
      later(5 * 24 * 60 * MINUTE);
      expect(await open(session.token)).not.toBeNull();
    }
    h.clock.now = new Date(start + SESSION_ABSOLUTE_MS - MINUTE);
    const last = await open(session.token);
    expect(last!.expiresAt.getTime()).toBe(start + SESSION_ABSOLUTE_MS);
    h.clock.now = new Date(start + SESSION_ABSOLUTE_MS);
    expect(await open(session.token)).toBeNull();
  });
});

describe('invalidation', () => {
  it('signing out ends that session only', async () => {
    const { session } = await newAccount();
    const other = await signIn({ ctx: h.ctx, input: { email: 'dana@acme.example', password: 'correct horse battery', ip: '10.0.0.1' } });
    await invalidateSession({ ctx: h.ctx, input: { sessionId: session.token.split('.')[0]! } });
    expect(await open(session.token)).toBeNull();
    expect(await open(other.session.token)).not.toBeNull();
  });

  it('signing out from the dashboard (signOut) ends the session it was made from, and no other', async () => {
    const { session } = await newAccount();
    const other = await signIn({ ctx: h.ctx, input: { email: 'dana@acme.example', password: 'correct horse battery', ip: '10.0.0.1' } });
    await signOut({ ctx: forMember(h.ctx, (await open(session.token))!) });
    expect(await open(session.token)).toBeNull();
    expect(await open(other.session.token)).not.toBeNull();
  });

  it('a password change needs the current password and a usable new one; refused, it changes nothing and ends no session', async () => {
    const { session } = await newAccount();
    const phone = await signIn({ ctx: h.ctx, input: { email: 'dana@acme.example', password: 'correct horse battery', ip: '10.0.0.2' } });
    const ctx = forMember(h.ctx, (await open(session.token))!);
    await expect(changePassword({ ctx, input: { current: 'not the password', next: 'a brand new passphrase' } })).rejects.toMatchObject({ code: 'credentials_invalid', message: 'The current password is not right.' });
    await expect(changePassword({ ctx, input: { current: 'correct horse battery', next: 'short' } })).rejects.toMatchObject({ code: 'password_too_short' });
    await expect(changePassword({ ctx, input: { current: 'correct horse battery', next: 'iloveyou' } })).rejects.toMatchObject({ code: 'password_common' });
    expect(await open(phone.session.token)).not.toBeNull();
    await expect(signIn({ ctx: h.ctx, input: { email: 'dana@acme.example', password: 'correct horse battery', ip: '10.0.0.3' } })).resolves.toBeTruthy();
  });

  it('a password change keeps the session that made it and ends every other one', async () => {
    const { session } = await newAccount();
    const phone = await signIn({ ctx: h.ctx, input: { email: 'dana@acme.example', password: 'correct horse battery', ip: '10.0.0.2' } });
    const valid = (await open(session.token))!;
    await changePassword({ ctx: forMember(h.ctx, valid), input: { current: 'correct horse battery', next: 'a brand new passphrase' } });
    expect(await open(session.token)).not.toBeNull();
    expect(await open(phone.session.token)).toBeNull();
    // and the new password is the one that signs in
    await expect(signIn({ ctx: h.ctx, input: { email: 'dana@acme.example', password: 'correct horse battery', ip: '10.0.0.3' } })).rejects.toMatchObject({ code: 'credentials_invalid' });
    await expect(signIn({ ctx: h.ctx, input: { email: 'dana@acme.example', password: 'a brand new passphrase', ip: '10.0.0.3' } })).resolves.toBeTruthy();
  });

  it('a removed account’s sessions go with it', async () => {
    const { session, userId } = await newAccount();
    await h.ctx.db.delete((await import('../../db/schema')).users).where(eq((await import('../../db/schema')).users.id, userId));
    expect(await open(session.token)).toBeNull();
    expect(await h.ctx.db.select().from(sessions)).toEqual([]);
  });
});

describe('pruning ended sessions', () => {
  const idOf = (token: string) => token.split('.')[0]!;
  const stored = async () => (await rows(h, 'SELECT id FROM sessions ORDER BY id')).map((r) => String(r.id)).sort();
  const signInAt = (at: number, ip: string) =>
    signIn({ ctx: { ...h.ctx, now: () => new Date(at) }, input: { email: 'dana@acme.example', password: 'correct horse battery', ip } });

  it('removes a session unused for over 7 days and one signed in over 30 days ago, and keeps a live one', async () => {
    const { session: busy } = await newAccount();
    const start = h.clock.now.getTime();
    // used every 6 days, the first session is never idle but outlives its 30 days
    while (h.clock.now.getTime() + 6 * 24 * 60 * MINUTE < start + SESSION_ABSOLUTE_MS) {
      later(6 * 24 * 60 * MINUTE);
      expect(await open(busy.token)).not.toBeNull();
    }
    const idle = await signInAt(start + SESSION_ABSOLUTE_MS - SESSION_IDLE_MS - 2 * MINUTE, '10.0.0.2');
    const live = await signInAt(start + SESSION_ABSOLUTE_MS - 1 * MINUTE, '10.0.0.3');
    h.clock.now = new Date(start + SESSION_ABSOLUTE_MS + MINUTE);
    expect(await stored()).toEqual([idOf(busy.token), idOf(idle.session.token), idOf(live.session.token)].sort());
    await pruneSessions({ ctx: h.ctx });
    expect(await stored()).toEqual([idOf(live.session.token)]);
    expect(await open(live.session.token)).not.toBeNull();
  });

  it('keeps every session still within its deadlines', async () => {
    const { session } = await newAccount();
    const other = await signInAt(h.clock.now.getTime(), '10.0.0.2');
    later(SESSION_IDLE_MS - MINUTE);
    await pruneSessions({ ctx: h.ctx });
    expect(await stored()).toEqual([idOf(session.token), idOf(other.session.token)].sort());
  });
});
