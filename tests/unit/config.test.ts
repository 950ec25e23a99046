import { describe, expect, it } from 'vitest';
import { ConfigError, devSecretWarning, loadConfig } from '../../src/config';

const SECRET = 'a-real-secret-a-real-secret-a-real-secret-0123';
const TWILIO = { TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'tok', TWILIO_FROM: '+15005550006' };

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
      TWILIO_AUTH_TOKEN: 'tok', TWILIO_FROM: '+15005550006', APP_SECRET: SECRET, SEED_DEMO: 'false', DATABASE_URL: 'libsql://db.example.turso.io',
    });
    expect(c.publicBaseUrl).toBe('https://track.example.com');
    expect(c.seedDemo).toBe(false);
    expect(c.sms).toMatchObject({ transport: 'twilio', from: '+15005550006' });
  });

  describe('APP_SECRET outside local development', () => {
    const nonLocal: [string, Record<string, string>][] = [
      ['NODE_ENV=production', { NODE_ENV: 'production' }],
      ['NODE_ENV=production on localhost', { NODE_ENV: 'production', PUBLIC_BASE_URL: 'http://localhost:4321' }],
      ['an https base URL', { PUBLIC_BASE_URL: 'https://track.example.com' }],
      ['an https base URL on localhost', { PUBLIC_BASE_URL: 'https://localhost:4321' }],
      ['a public host over http', { PUBLIC_BASE_URL: 'http://track.example.com' }],
      ['a LAN address over http', { PUBLIC_BASE_URL: 'http://192.168.1.20:4321' }],
      ['a host that only starts like localhost', { PUBLIC_BASE_URL: 'http://localhost.example.com' }],
      ['the Twilio transport', { SMS_TRANSPORT: 'twilio', PUBLIC_BASE_URL: 'http://localhost:4321', ...TWILIO }],
      ['listening on every interface (HOST=0.0.0.0)', { HOST: '0.0.0.0' }],
      ['listening on a LAN address', { HOST: '192.168.1.20' }],
    ];

    it.each(nonLocal)('refuses to start without it under %s, saying why', (_, env) => {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(/APP_SECRET: is required when .*openssl rand/);
    });

    it.each(nonLocal)('starts under %s once it is set', (_, env) => {
      const c = loadConfig({ ...env, APP_SECRET: SECRET });
      expect(c.appSecret).toBe(SECRET);
      expect(c.appSecretIsDefault).toBe(false);
      expect(devSecretWarning(c)).toBeNull();
    });

    it.each([
      ['no base URL', {}],
      ['http://localhost', { PUBLIC_BASE_URL: 'http://localhost:4321' }],
      ['http://127.0.0.1', { PUBLIC_BASE_URL: 'http://127.0.0.1:4399' }],
      ['http://[::1]', { PUBLIC_BASE_URL: 'http://[::1]:4321' }],
      ['NODE_ENV=development', { NODE_ENV: 'development', PUBLIC_BASE_URL: 'http://localhost:4321' }],
      ['NODE_ENV=test', { NODE_ENV: 'test' }],
      ['HOST=127.0.0.1', { HOST: '127.0.0.1' }],
    ])('starts locally without it (%s) with the development secret and a warning', (_, env) => {
      const c = loadConfig(env);
      expect(c.appSecretIsDefault).toBe(true);
      expect(devSecretWarning(c)).toMatch(/^APP_SECRET is not set: using a development secret.*Set APP_SECRET/);
      expect(devSecretWarning(c)).not.toContain('\n');
    });

    it('reads NODE_ENV from the environment it is given, like every other variable', () => {
      expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/NODE_ENV=production/);
      expect(loadConfig({ NODE_ENV: 'production', APP_SECRET: SECRET }).appSecretIsDefault).toBe(false);
    });
  });
});
