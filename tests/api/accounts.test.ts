import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '@libsql/client';
import { changePassword, signIn, signUp } from '../../src/domain/accounts/accounts';
import { devMailbox } from '../../src/domain/accounts/mail';
import { checkPassword, decoyHash, passwordProblem } from '../../src/domain/accounts/passwords';
import { requestPasswordReset, resetPassword } from '../../src/domain/accounts/reset';
import { validateSession } from '../../src/domain/accounts/sessions';
import { signInWait, SIGNIN_THROTTLES } from '../../src/domain/accounts/throttle';
import { acceptInvite, changeRole, inviteTeammate, listTeam, openInvite, removeTeammate, revokeInvite } from '../../src/domain/accounts/team';
import { forMember } from '../../src/domain/context';
import { startHarness, type Harness } from '../support/harness';
import { rows } from '../support/sms-api';

// Seller accounts through the domain verbs, on a real libSQL file: sign-up, sign-in and its
// throttle, passwords, invites and roles, password resets by emailed one-time links.

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const PASSWORD = 'correct horse battery';
const owner = async (email = 'dana@acme.example', storeName = 'Acme Goods') => {
  const made = await signUp({ ctx: h.ctx, input: { storeName, email, password: PASSWORD } });
  return forMember(h.ctx, (await validateSession({ ctx: h.ctx, input: { token: made.session.token } }))!);
};
const tryIn = (email: string, password: string, ip = '10.0.0.1') => signIn({ ctx: h.ctx, input: { email, password, ip } });
const later = (ms: number) => (h.clock.now = new Date(h.clock.now.getTime() + ms));
const linkIn = async (to: string) => (await devMailbox({ ctx: h.ctx, input: { to } }))[0]!.text.match(/https:\/\/\S+/)![0];

describe('passwords', () => {
  it('8 to 256 characters, counted as people see them, no composition rules, none of the most common', () => {
    expect(passwordProblem('a'.repeat(7))).toBe('password_too_short');
    expect(passwordProblem('kq8v#zh')).toBe('password_too_short');
    expect(passwordProblem('kq8vzhpw')).toBeNull(); // 8 lower-case letters are enough
    expect(passwordProblem('🦊🦊🦊🦊🦊🦊🦊🦊')).toBeNull(); // 8 characters, 32 bytes
    expect(passwordProblem('x'.repeat(256) + 'y')).toBe('password_too_long');
    expect(passwordProblem('q'.repeat(255) + 'z')).toBeNull();
    for (const common of ['password', 'Password1', '12345678', 'qwertyuiop', 'iloveyou']) expect(passwordProblem(common), common).toBe('password_common');
  });

  it('a refused password says why, on the password field', () => {
    expect(() => checkPassword('kq8v#zh')).toThrow(expect.objectContaining({ code: 'password_too_short', message: 'password: Use at least 8 characters.' }));
    expect(() => checkPassword('x'.repeat(257))).toThrow(expect.objectContaining({ code: 'password_too_long', message: 'password: Use at most 256 characters.' }));
    expect(() => checkPassword('iloveyou')).toThrow(expect.objectContaining({ code: 'password_common', message: 'password: This is one of the most common passwords. Choose one that is harder to guess.' }));
    expect(() => checkPassword('kq8vzhpw')).not.toThrow();
  });

  it('an account whose stored hash is damaged (not Argon2) is opened by no password at all', async () => {
    const ctx = await owner();
    await h.database.client.execute({ sql: 'UPDATE users SET password_hash = ?', args: ['not-an-argon2-hash'] });
    for (const typed of [PASSWORD, 'not-an-argon2-hash', '']) {
      await expect(tryIn('dana@acme.example', typed, '10.1.0.1'), typed).rejects.toMatchObject({ code: 'credentials_invalid' });
    }
    await expect(changePassword({ ctx, input: { current: 'not-an-argon2-hash', next: 'a brand new passphrase' } })).rejects.toMatchObject({ code: 'credentials_invalid' });
  });

  it('stored as Argon2id with m = 19456 KiB, t = 2, p = 1, never as typed', async () => {
    await owner();
    const [row] = await rows(h, 'SELECT password_hash FROM users');
    expect(String(row!.password_hash)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(JSON.stringify(await rows(h, 'SELECT * FROM users'))).not.toContain(PASSWORD);
  });
});

describe('sign-up', () => {
  it('makes the seller (slug from the store name, support email) and its owner, signed in; no API key until one is made', async () => {
    const ctx = await owner();
    expect(ctx.member).toMatchObject({ email: 'dana@acme.example', role: 'owner' });
    expect(await rows(h, 'SELECT slug, name, support_email FROM sellers')).toEqual([{ slug: 'acme-goods', name: 'Acme Goods', support_email: 'dana@acme.example' }]);
    expect(await rows(h, 'SELECT id FROM api_keys')).toEqual([]);
  });

  it('one account per email, whatever its case: a second sign-up is email_taken and makes no seller', async () => {
    await owner();
    await expect(signUp({ ctx: h.ctx, input: { storeName: 'Other', email: 'DANA@acme.example', password: PASSWORD } })).rejects.toMatchObject({ code: 'email_taken', message: 'An account with this email already exists. Sign in instead.' });
    expect(await rows(h, 'SELECT id FROM sellers')).toHaveLength(1);
  });

  it('a common password is refused before anything is made', async () => {
    await expect(signUp({ ctx: h.ctx, input: { storeName: 'Acme', email: 'a@b.example', password: 'password123' } })).rejects.toMatchObject({ code: 'password_common' });
    expect(await rows(h, 'SELECT id FROM sellers')).toEqual([]);
  });
});

describe('sign-in', () => {
  it('the right password signs in, whatever the email’s case; a wrong one and an unknown email get the same error', async () => {
    await owner();
    await expect(tryIn(' Dana@ACME.example ', PASSWORD)).resolves.toMatchObject({ session: { token: expect.any(String) } });
    const wrong = await tryIn('dana@acme.example', 'not the password').catch((e) => e);
    const unknown = await tryIn('nobody@acme.example', PASSWORD).catch((e) => e);
    expect([wrong.code, wrong.message]).toEqual([unknown.code, unknown.message]);
    expect(wrong.code).toBe('credentials_invalid');
  });

  it('an unknown email is checked against a decoy hash made exactly like an account’s, so both cost the same Argon2 work (timings: the benchmark)', async () => {
    await owner();
    const [row] = await rows(h, 'SELECT password_hash FROM users');
    const params = (hash: string) => hash.split('$').slice(1, 4).join('$');
    expect(params(await decoyHash())).toBe(params(String(row!.password_hash)));
    expect(params(await decoyHash())).toBe('argon2id$v=19$m=19456,t=2,p=1');
  });

  it('after 5 failures for an account each next try waits twice as long as the last (the right password too), and a success clears them', async () => {
    await owner();
    for (let i = 0; i < SIGNIN_THROTTLES.account.free; i++) await expect(tryIn('dana@acme.example', 'nope nope nope', `10.2.0.${i}`)).rejects.toMatchObject({ code: 'credentials_invalid' });
    // the sixth try, right away, from anywhere: refused with the wait, even with the right password
    const refused = await tryIn('dana@acme.example', PASSWORD, '10.2.1.1').catch((e) => e);
    expect(refused).toMatchObject({ code: 'rate_limited', extra: { retryAfter: 1 } });
    later(1000);
    await expect(tryIn('dana@acme.example', 'nope nope nope', '10.2.1.2')).rejects.toMatchObject({ code: 'credentials_invalid' });
    expect(await tryIn('dana@acme.example', PASSWORD, '10.2.1.3').catch((e) => e)).toMatchObject({ message: 'Too many sign-in attempts. Try again in 2 seconds.', extra: { retryAfter: 2 } });
    later(2000);
    await expect(tryIn('dana@acme.example', PASSWORD, '10.2.1.4')).resolves.toBeTruthy();
    // cleared: the account has its 5 free failures again, right away, and the sixth try waits
    for (let i = 0; i < SIGNIN_THROTTLES.account.free; i++) await expect(tryIn('dana@acme.example', 'nope nope nope', `10.2.2.${i}`)).rejects.toMatchObject({ code: 'credentials_invalid' });
    expect(await tryIn('dana@acme.example', PASSWORD, '10.2.3.1').catch((e) => e)).toMatchObject({ code: 'rate_limited', extra: { retryAfter: 1 } });
  });

  it('an unknown email is throttled exactly like a known one (the throttle tells nothing)', async () => {
    for (let i = 0; i < 5; i++) await tryIn('ghost@acme.example', 'nope nope nope', `10.3.0.${i}`).catch(() => null);
    expect(await tryIn('ghost@acme.example', 'nope nope nope', '10.3.1.1').catch((e) => e)).toMatchObject({ code: 'rate_limited' });
  });

  it('one network trying many accounts is slowed after 20 failures', async () => {
    for (let i = 0; i < SIGNIN_THROTTLES.network.free; i++) await tryIn(`user${i}@acme.example`, 'nope nope nope', '10.4.0.1').catch(() => null);
    expect(await tryIn('fresh@acme.example', 'nope nope nope', '10.4.0.1').catch((e) => e)).toMatchObject({ code: 'rate_limited' });
    expect(await tryIn('fresh@acme.example', 'nope nope nope', '10.4.0.2').catch((e) => e)).toMatchObject({ code: 'credentials_invalid' });
  });

  it('the waits grow 1 s, 2 s, 4 s … and stop growing at 15 minutes', () => {
    expect([4, 5, 6, 7, 8].map((n) => signInWait(n, 5))).toEqual([0, 1000, 2000, 4000, 8000]);
    expect(signInWait(30, 5)).toBe(15 * 60_000);
  });
});

describe('the team', () => {
  it('an owner invites by email; the one-time link makes a member account, signed in; used again it is refused', async () => {
    const ctx = await owner();
    const { link } = await inviteTeammate({ ctx, input: { email: 'Sam@Acme.example', role: 'member' } });
    expect(await linkIn('sam@acme.example')).toBe(link);
    const token = link.split('/invite/')[1]!;
    const joined = await acceptInvite({ ctx: h.ctx, input: { token, name: 'Sam', password: 'sam has a long password' } });
    const sam = (await validateSession({ ctx: h.ctx, input: { token: joined.session.token } }))!;
    expect(sam.user).toMatchObject({ email: 'sam@acme.example', role: 'member', sellerId: ctx.sellerId });
    await expect(acceptInvite({ ctx: h.ctx, input: { token, password: 'another long password' } })).rejects.toMatchObject({ code: 'one_time_link_invalid' });
    expect((await listTeam({ ctx })).people.map((p) => p.email)).toEqual(['dana@acme.example', 'sam@acme.example']);
  });

  it('an invite link expires after 7 days; a revoked one stops at once; only its SHA-256 is stored', async () => {
    const ctx = await owner();
    const a = (await inviteTeammate({ ctx, input: { email: 'a@acme.example', role: 'member' } })).link.split('/invite/')[1]!;
    const b = await inviteTeammate({ ctx, input: { email: 'b@acme.example', role: 'member' } });
    expect(JSON.stringify(await rows(h, 'SELECT * FROM one_time_tokens'))).not.toContain(a);
    const [pending] = (await listTeam({ ctx })).invites;
    await revokeInvite({ ctx, input: { inviteId: pending!.id } });
    await expect(acceptInvite({ ctx: h.ctx, input: { token: b.link.split('/invite/')[1]!, password: 'long enough password' } })).rejects.toMatchObject({ code: 'one_time_link_invalid' });
    later(7 * 24 * 3_600_000);
    await expect(acceptInvite({ ctx: h.ctx, input: { token: a, password: 'long enough password' } })).rejects.toMatchObject({ code: 'one_time_link_invalid' });
  });

  it('members cannot invite, remove or change roles (403); another store’s teammate is a 404; the last owner stays', async () => {
    const ctx = await owner();
    const token = (await inviteTeammate({ ctx, input: { email: 'sam@acme.example', role: 'member' } })).link.split('/invite/')[1]!;
    const joined = await acceptInvite({ ctx: h.ctx, input: { token, password: 'sam has a long password' } });
    const sam = forMember(h.ctx, (await validateSession({ ctx: h.ctx, input: { token: joined.session.token } }))!);
    await expect(inviteTeammate({ ctx: sam, input: { email: 'x@acme.example', role: 'owner' } })).rejects.toMatchObject({ code: 'forbidden', message: 'Only an owner of this store can do that.' });
    await expect(removeTeammate({ ctx: sam, input: { userId: ctx.member.id } })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(changeRole({ ctx: sam, input: { userId: sam.member.id, role: 'owner' } })).rejects.toMatchObject({ code: 'forbidden' });
    const rival = await owner('rita@rival.example', 'Rival Goods');
    await expect(removeTeammate({ ctx: rival, input: { userId: sam.member.id } })).rejects.toMatchObject({ code: 'not_found', message: 'Teammate not found' });
    await expect(changeRole({ ctx, input: { userId: ctx.member.id, role: 'member' } })).rejects.toMatchObject({ code: 'conflict', message: 'A store needs at least one owner.' });
    await changeRole({ ctx, input: { userId: sam.member.id, role: 'owner' } });
    await changeRole({ ctx, input: { userId: ctx.member.id, role: 'member' } });
    await removeTeammate({ ctx: forMember(h.ctx, (await validateSession({ ctx: h.ctx, input: { token: joined.session.token } }))!), input: { userId: ctx.member.id } });
    expect(await validateSession({ ctx: h.ctx, input: { token: 'x' } })).toBeNull();
    expect((await listTeam({ ctx: sam })).people.map((p) => p.email)).toEqual(['sam@acme.example']);
  });

  const invite = async (ctx: Awaited<ReturnType<typeof owner>>, email: string, role: 'owner' | 'member' = 'member') =>
    (await inviteTeammate({ ctx, input: { email, role } })).link.split('/invite/')[1]!;
  const join = async (token: string, name?: string) => {
    const joined = await acceptInvite({ ctx: h.ctx, input: { token, name, password: 'a long enough password' } });
    return forMember(h.ctx, (await validateSession({ ctx: h.ctx, input: { token: joined.session.token } }))!);
  };

  it('the invite email names the store and who sent it (by name, or by email when they gave none)', async () => {
    const ctx = await owner();
    await invite(ctx, 'sam@acme.example');
    const [mail] = await devMailbox({ ctx: h.ctx, input: { to: 'sam@acme.example' } });
    expect(mail!.subject).toBe('Join Acme Goods on Porchlight');
    expect(mail!.text).toMatch(/^dana@acme\.example invited you to help run Acme Goods's delivery tracking on Porchlight\./);
    const named = await signUp({ ctx: h.ctx, input: { storeName: 'Birch Supply', email: 'ben@birch.example', password: PASSWORD, name: 'Ben Birch' } });
    const ben = forMember(h.ctx, (await validateSession({ ctx: h.ctx, input: { token: named.session.token } }))!);
    await invite(ben, 'bo@birch.example');
    expect((await devMailbox({ ctx: h.ctx, input: { to: 'bo@birch.example' } }))[0]!.text).toMatch(/^Ben Birch invited you to help run Birch Supply's/);
  });

  it('an email that already has an account, in this store or another, cannot be invited (email_taken) and gets no email', async () => {
    const ctx = await owner();
    await owner('rita@rival.example', 'Rival Goods');
    for (const email of ['rita@rival.example', 'DANA@acme.example']) {
      await expect(inviteTeammate({ ctx, input: { email, role: 'member' } }), email).rejects.toMatchObject({ code: 'email_taken', message: 'This email already has a Porchlight account.' });
    }
    expect(await devMailbox({ ctx: h.ctx, input: { to: null } })).toEqual([]);
    expect((await listTeam({ ctx })).invites).toEqual([]);
  });

  it('an invite link’s page shows the store, the email and the role; an unknown, used, revoked or expired link shows nothing', async () => {
    const ctx = await owner();
    const asOwner = await invite(ctx, 'olga@acme.example', 'owner');
    const asMember = await invite(ctx, 'sam@acme.example');
    const toRevoke = await invite(ctx, 'rex@acme.example');
    const peek = (token: string) => openInvite({ ctx: h.ctx, input: { token } });
    expect(await peek(asOwner)).toEqual({ email: 'olga@acme.example', role: 'owner', sellerName: 'Acme Goods' });
    expect(await peek(asMember)).toEqual({ email: 'sam@acme.example', role: 'member', sellerName: 'Acme Goods' });
    await join(asMember);
    const rex = (await listTeam({ ctx })).invites.find((i) => i.email === 'rex@acme.example')!;
    await revokeInvite({ ctx, input: { inviteId: rex.id } });
    for (const token of [asMember, toRevoke, 'a'.repeat(32), 'not a token']) expect(await peek(token), token).toBeNull();
    later(7 * 24 * 3_600_000);
    expect(await peek(asOwner)).toBeNull();
  });

  it('accepting checks the password like a sign-up (too short, too common) and the link still works afterwards', async () => {
    const ctx = await owner();
    const token = await invite(ctx, 'sam@acme.example');
    await expect(acceptInvite({ ctx: h.ctx, input: { token, password: 'short' } })).rejects.toMatchObject({ code: 'password_too_short' });
    await expect(acceptInvite({ ctx: h.ctx, input: { token, password: 'iloveyou' } })).rejects.toMatchObject({ code: 'password_common' });
    expect(await rows(h, 'SELECT email FROM users ORDER BY id')).toEqual([{ email: 'dana@acme.example' }]);
    await expect(join(token)).resolves.toBeTruthy();
  });

  it('the account is made with the invite’s role and the name given (none: no name)', async () => {
    const ctx = await owner();
    const olga = await join(await invite(ctx, 'olga@acme.example', 'owner'), 'Olga');
    const sam = await join(await invite(ctx, 'sam@acme.example'));
    expect(olga.member).toMatchObject({ email: 'olga@acme.example', role: 'owner', name: 'Olga' });
    expect(sam.member).toMatchObject({ email: 'sam@acme.example', role: 'member', name: null });
    // an owner by invite can do what owners do
    await expect(invite(olga, 'rex@acme.example')).resolves.toMatch(/^[a-z2-7]{32}$/);
  });

  it('an invite accepted after its email signed up on its own is refused (email_taken): no second account, the link stays unused', async () => {
    const ctx = await owner();
    const token = await invite(ctx, 'sam@acme.example');
    await signUp({ ctx: h.ctx, input: { storeName: 'Sam Shop', email: 'sam@acme.example', password: PASSWORD } });
    await expect(acceptInvite({ ctx: h.ctx, input: { token, password: 'a long enough password' } })).rejects.toMatchObject({ code: 'email_taken', message: 'This email already has a Porchlight account. Sign in instead.' });
    expect(await rows(h, "SELECT email FROM users WHERE email = 'sam@acme.example'")).toHaveLength(1);
    expect((await listTeam({ ctx })).people.map((p) => p.email)).toEqual(['dana@acme.example']);
  });

  it('the only owner cannot remove themselves; with a second owner, an owner may remove the other, whose sessions end', async () => {
    const ctx = await owner();
    await expect(removeTeammate({ ctx, input: { userId: ctx.member.id } })).rejects.toMatchObject({ code: 'conflict', message: 'A store needs at least one owner.' });
    const olga = await join(await invite(ctx, 'olga@acme.example', 'owner'));
    await removeTeammate({ ctx, input: { userId: olga.member.id } });
    expect(await validateSession({ ctx: h.ctx, input: { token: `${olga.member.sessionId}.x` } })).toBeNull();
    expect(await rows(h, 'SELECT id FROM sessions WHERE id = ?', [olga.member.sessionId])).toEqual([]);
    expect((await listTeam({ ctx })).people.map((p) => p.email)).toEqual(['dana@acme.example']);
  });

  it('the only owner may set their own role to owner again (nothing changes); only a demotion is refused', async () => {
    const ctx = await owner();
    await expect(changeRole({ ctx, input: { userId: ctx.member.id, role: 'owner' } })).resolves.toBeUndefined();
    expect((await listTeam({ ctx })).people).toMatchObject([{ email: 'dana@acme.example', role: 'owner' }]);
  });

  it('only an owner may withdraw an invite; a withdrawn, used or other store’s invite is not found (404) and stays as it was', async () => {
    const ctx = await owner();
    const sam = await join(await invite(ctx, 'sam@acme.example'));
    const token = await invite(ctx, 'rex@acme.example');
    const [pending] = (await listTeam({ ctx })).invites;
    await expect(revokeInvite({ ctx: sam, input: { inviteId: pending!.id } })).rejects.toMatchObject({ code: 'forbidden' });
    const rival = await owner('rita@rival.example', 'Rival Goods');
    await expect(revokeInvite({ ctx: rival, input: { inviteId: pending!.id } })).rejects.toMatchObject({ code: 'not_found', message: 'Invite not found' });
    expect(await openInvite({ ctx: h.ctx, input: { token } })).toMatchObject({ email: 'rex@acme.example' });
    await revokeInvite({ ctx, input: { inviteId: pending!.id } });
    await expect(revokeInvite({ ctx, input: { inviteId: pending!.id } })).rejects.toMatchObject({ code: 'not_found' });
    const usedId = Number((await rows(h, "SELECT id FROM one_time_tokens WHERE email = 'sam@acme.example'"))[0]!.id);
    await expect(revokeInvite({ ctx, input: { inviteId: usedId } })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('password reset', () => {
  it('the same answer for an unknown email; a known one gets a one-time link that sets a new password and ends every session', async () => {
    const ctx = await owner();
    await requestPasswordReset({ ctx: h.ctx, input: { email: 'nobody@acme.example', ip: '10.5.0.1' } });
    expect(await devMailbox({ ctx: h.ctx, input: { to: 'nobody@acme.example' } })).toEqual([]);
    await requestPasswordReset({ ctx: h.ctx, input: { email: 'DANA@acme.example', ip: '10.5.0.1' } });
    const token = (await linkIn('dana@acme.example')).split('/reset/')[1]!;
    const done = await resetPassword({ ctx: h.ctx, input: { token, password: 'the newest passphrase' } });
    expect(await validateSession({ ctx: h.ctx, input: { token: `${ctx.member.sessionId}.x` } })).toBeNull();
    expect(await rows(h, 'SELECT id FROM sessions')).toEqual([{ id: done.session.token.split('.')[0] }]);
    await expect(resetPassword({ ctx: h.ctx, input: { token, password: 'yet another passphrase' } })).rejects.toMatchObject({ code: 'one_time_link_invalid' });
    await expect(tryIn('dana@acme.example', 'the newest passphrase')).resolves.toBeTruthy();
  });

  it('a reset link lasts an hour', async () => {
    await owner();
    await requestPasswordReset({ ctx: h.ctx, input: { email: 'dana@acme.example', ip: '10.5.0.2' } });
    const token = (await linkIn('dana@acme.example')).split('/reset/')[1]!;
    later(3_600_000);
    await expect(resetPassword({ ctx: h.ctx, input: { token, password: 'the newest passphrase' } })).rejects.toMatchObject({ code: 'one_time_link_invalid' });
  });

  it('a new password through the link is checked like any other (too short, too common); refused, the link still works', async () => {
    await owner();
    await requestPasswordReset({ ctx: h.ctx, input: { email: 'dana@acme.example', ip: '10.5.0.3' } });
    const token = (await linkIn('dana@acme.example')).split('/reset/')[1]!;
    await expect(resetPassword({ ctx: h.ctx, input: { token, password: 'short' } })).rejects.toMatchObject({ code: 'password_too_short' });
    await expect(resetPassword({ ctx: h.ctx, input: { token, password: 'iloveyou' } })).rejects.toMatchObject({ code: 'password_common' });
    await expect(tryIn('dana@acme.example', PASSWORD)).resolves.toBeTruthy();
    await expect(resetPassword({ ctx: h.ctx, input: { token, password: 'the newest passphrase' } })).resolves.toBeTruthy();
  });

  it('a request that fails for another reason than the limit (the email cannot be written) is an error, not a silent "check your email"', async () => {
    await owner();
    await h.database.client.execute("CREATE TRIGGER emails_fail BEFORE INSERT ON emails BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    await expect(requestPasswordReset({ ctx: h.ctx, input: { email: 'dana@acme.example', ip: '10.5.0.4' } })).rejects.toThrow();
    expect(await rows(h, 'SELECT id FROM one_time_tokens')).toEqual([]);
  });

  it('a database held by another process past the busy timeout is an error for the person asking, not a silent "check your email"', async () => {
    await owner();
    // a second connection outside the app's own write queue, as the worker or the CLI would be
    const other = createClient({ url: h.config.databaseUrl });
    const lock = await other.transaction('write');
    await lock.execute('SELECT 1'); // over HTTP the client sends BEGIN IMMEDIATE with the first statement
    try {
      await expect(requestPasswordReset({ ctx: h.ctx, input: { email: 'dana@acme.example', ip: '10.5.0.5' } })).rejects.toThrow();
    } finally {
      await lock.rollback();
      other.close();
    }
    expect(await devMailbox({ ctx: h.ctx, input: { to: 'dana@acme.example' } })).toEqual([]);
  });

  it('more than 3 requests an hour for one email send no more mail, and still answer the same', async () => {
    await owner();
    for (let i = 0; i < 5; i++) await requestPasswordReset({ ctx: h.ctx, input: { email: 'dana@acme.example', ip: `10.6.0.${i}` } });
    expect(await devMailbox({ ctx: h.ctx, input: { to: 'dana@acme.example' } })).toHaveLength(3);
  });
});
