import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';

describe('configuration', () => {
  it('has working defaults for a newcomer', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 4321, host: 'localhost', publicBaseUrl: 'http://localhost:4321', databaseUrl: 'file:./data/porchlight.db', seedDemo: true, linkTtlDays: 90 });
    expect(c.sms.transport).toBe('dev');
    expect(c.appSecretIsDefault).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PUBLIC_BASE_URL: 'ftp://x' }, 'PUBLIC_BASE_URL'],
    [{ DATABASE_URL: 'postgres://db' }, 'DATABASE_URL'],
    [{ APP_SECRET: 'short' }, 'APP_SECRET'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO'],
    [{ SMS_TRANSPORT: 'carrier-pigeon' }, 'SMS_TRANSPORT'],
    [{ SMS_TRANSPORT: 'twilio', PUBLIC_BASE_URL: 'https://t.example' }, 'TWILIO_ACCOUNT_SID'],
    [{ TWILIO_FROM: '555-1234' }, 'TWILIO_FROM'],
  ])('rejects %o with a message naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name}:`));
  });

  it('accepts a full Twilio configuration and strips a trailing slash from the base URL', () => {
    const c = loadConfig({
      SMS_TRANSPORT: 'twilio', PUBLIC_BASE_URL: 'https://track.example.com/', TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'tok', TWILIO_FROM: '+15005550006', SEED_DEMO: 'false', DATABASE_URL: 'libsql://db.example.turso.io',
    });
    expect(c.publicBaseUrl).toBe('https://track.example.com');
    expect(c.seedDemo).toBe(false);
    expect(c.sms).toMatchObject({ transport: 'twilio', from: '+15005550006' });
  });
});
