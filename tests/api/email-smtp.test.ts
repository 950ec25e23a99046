import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { signUp } from '../../src/domain/accounts/accounts';
import { requestPasswordReset } from '../../src/domain/accounts/reset';
import { validateSession } from '../../src/domain/accounts/sessions';
import { inviteTeammate } from '../../src/domain/accounts/team';
import { forMember } from '../../src/domain/context';
import { startHarness, type Harness } from '../support/harness';
import { rows } from '../support/sms-api';

// EMAIL_TRANSPORT=smtp through nodemailer, against a local SMTP server (smtp-server, by nodemailer's
// authors) that accepts or refuses the way a real one does: the mail arrives whole, or the
// refusal is recorded on the email and never reaches the person who asked.

interface Received { from: string; to: string[]; data: string }
let server: SMTPServer;
let received: Received[];
let refuse = false;
let port = 0;
let h: Harness;

beforeEach(async () => {
  received = [];
  refuse = false;
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (refuse) return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (c: Buffer) => (data += c.toString()));
      stream.on('end', () => {
        received.push({ from: String(session.envelope.mailFrom && session.envelope.mailFrom.address), to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
  h = await startHarness({ EMAIL_TRANSPORT: 'smtp', SMTP_URL: `smtp://127.0.0.1:${port}`, EMAIL_FROM: 'Porchlight <no-reply@track.example.test>' });
});
afterEach(async () => {
  await h.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('emails over SMTP', () => {
  it('a password reset email is delivered to the account’s address, from EMAIL_FROM, with the one-time link; the email is recorded as sent', async () => {
    await signUp({ ctx: h.ctx, input: { storeName: 'Acme', email: 'dana@acme.example', password: 'correct horse battery' } });
    await requestPasswordReset({ ctx: h.ctx, input: { email: 'dana@acme.example', ip: '10.0.0.1' } });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ from: 'no-reply@track.example.test', to: ['dana@acme.example'] });
    expect(received[0]!.data).toContain('Subject: Reset your Porchlight password');
    expect(received[0]!.data).toMatch(/https:\/\/track\.example\.test\/reset\/[a-z2-7]{32}/);
    expect(await rows(h, 'SELECT state, error FROM emails')).toEqual([{ state: 'sent', error: null }]);
  });

  it('an invite email is delivered to the invited address, with the one-time link the owner was shown; recorded as sent', async () => {
    const made = await signUp({ ctx: h.ctx, input: { storeName: 'Acme', email: 'dana@acme.example', password: 'correct horse battery' } });
    const owner = forMember(h.ctx, (await validateSession({ ctx: h.ctx, input: { token: made.session.token } }))!);
    const { link } = await inviteTeammate({ ctx: owner, input: { email: 'sam@acme.example', role: 'member' } });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ from: 'no-reply@track.example.test', to: ['sam@acme.example'] });
    expect(received[0]!.data).toContain('Subject: Join Acme on Porchlight');
    expect(received[0]!.data).toContain(link);
    expect(await rows(h, 'SELECT state, error FROM emails')).toEqual([{ state: 'sent', error: null }]);
  });

  it('a server that refuses the address: the email is recorded as failed with the server’s words, and the request still answers the same', async () => {
    await signUp({ ctx: h.ctx, input: { storeName: 'Acme', email: 'dana@acme.example', password: 'correct horse battery' } });
    refuse = true;
    await expect(requestPasswordReset({ ctx: h.ctx, input: { email: 'dana@acme.example', ip: '10.0.0.1' } })).resolves.toBeUndefined();
    const [email] = await rows(h, 'SELECT state, error FROM emails');
    expect(email!.state).toBe('failed');
    expect(String(email!.error)).toContain('550');
  });
});
