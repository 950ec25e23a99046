import { z } from 'zod';

// Every variable of product.md §8, parsed once at start; nothing else reads process.env.
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

// The development secret is only safe where nobody else can reach the links it signs.
export const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|::1)$/i;

/** Why this deployment is not a local one, or null when it is. */
function nonLocalReason(env: { NODE_ENV?: string | undefined; PUBLIC_BASE_URL?: string | undefined; SMS_TRANSPORT?: string | undefined; HOST?: string | undefined }): string | null {
  if (env.NODE_ENV === 'production') return 'NODE_ENV=production';
  // Listening beyond this machine (HOST=0.0.0.0, a LAN address) lets others reach the links.
  if (env.HOST && !LOOPBACK_HOST.test(env.HOST)) return `HOST=${env.HOST} listens beyond this machine`;
  if (env.SMS_TRANSPORT === 'twilio') return 'SMS_TRANSPORT=twilio';
  if (env.PUBLIC_BASE_URL && URL.canParse(env.PUBLIC_BASE_URL)) {
    const url = new URL(env.PUBLIC_BASE_URL);
    if (url.protocol === 'https:') return 'PUBLIC_BASE_URL is https';
    if (!LOOPBACK_HOST.test(url.hostname)) return `PUBLIC_BASE_URL's host ${url.hostname} is not a loopback name`;
  }
  return null;
}

const schema = z
  .object({
    NODE_ENV: z.string().optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(4321),
    HOST: z.string().min(1).default('localhost'),
    PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|libsql:\/\/|https?:\/\/|wss?:\/\/)/, 'must start with file:, libsql://, http(s):// or ws(s)://')
      .default('file:./data/porchlight.db'),
    DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
    APP_SECRET: z.string().min(32, 'must be at least 32 characters (generate one with: openssl rand -base64 48)').optional(),
    SEED_DEMO: bool.default(true),
    LINK_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    PAGE_CACHE_MB: z.coerce.number().min(0).max(65_536).default(64),
    SMS_TRANSPORT: z.enum(['dev', 'twilio']).default('dev'),
    SMS_ALLOWED_COUNTRIES: z
      .string()
      .regex(/^[A-Za-z]{2}(\s*,\s*[A-Za-z]{2})*$/, 'a comma-separated list of ISO country codes, e.g. US,CA')
      .default('US,CA')
      .transform((s) => s.split(',').map((c) => c.trim().toUpperCase())),
    SMS_DAILY_BUDGET: z.coerce.number().int().min(0).max(10_000_000).default(2000),
    SMS_OPTINS_PER_IP_HOUR: z.coerce.number().int().min(1).max(100_000).default(5),
    TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hex digits').optional(),
    TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
    TWILIO_MESSAGING_SERVICE_SID: z.string().regex(/^MG[0-9a-fA-F]{32}$/, 'must look like MG followed by 32 hex digits').optional(),
    TWILIO_FROM: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number like +15551234567').optional(),
    TWILIO_API_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    AMAZON_POLL_MINUTES: z.coerce.number().min(0).max(1440).default(5),
    AMAZON_LWA_TOKEN_URL: z.url({ protocol: /^https?$/ }).optional(),
    SHOPIFY_ADMIN_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    WEBHOOKS_ALLOW_PRIVATE: bool.default(false),
    WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().min(1).max(60).default(10),
    KLAVIYO_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://a.klaviyo.com'),
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(10_000_000).default(6000),
    EMAIL_TRANSPORT: z.enum(['dev', 'smtp']).default('dev'),
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    EMAIL_FROM: z.string().min(3).default('Porchlight <no-reply@localhost>'),
  })
  .superRefine((env, ctx) => {
    const reason = env.APP_SECRET ? null : nonLocalReason(env);
    if (reason) {
      ctx.addIssue({ code: 'custom', path: ['APP_SECRET'], message: `is required when ${reason}: tracking links derive from it (generate one with: openssl rand -base64 48)` });
    }
    if (env.WEBHOOKS_ALLOW_PRIVATE && env.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['WEBHOOKS_ALLOW_PRIVATE'], message: 'is for development and tests only: it lets sellers point webhooks at this network' });
    }
    if (env.EMAIL_TRANSPORT === 'smtp' && !env.SMTP_URL) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'is required when EMAIL_TRANSPORT=smtp (e.g. smtps://user:pass@smtp.example.com:465)' });
    }
    if (env.SMS_TRANSPORT !== 'twilio') return;
    for (const key of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when SMS_TRANSPORT=twilio' });
    }
    if (!env.TWILIO_MESSAGING_SERVICE_SID && !env.TWILIO_FROM) {
      ctx.addIssue({ code: 'custom', path: ['TWILIO_FROM'], message: 'set TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM when SMS_TRANSPORT=twilio' });
    }
    if (!env.PUBLIC_BASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_BASE_URL'], message: 'is required when SMS_TRANSPORT=twilio (webhook signatures cover it)' });
    }
  });

export interface Config {
  port: number;
  host: string;
  publicBaseUrl: string;
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  appSecret: string;
  /** true when APP_SECRET was not set and a development secret is in use */
  appSecretIsDefault: boolean;
  seedDemo: boolean;
  linkTtlDays: number;
  /** server processes `npm start` runs; default: one per CPU core */
  webConcurrency: number | undefined;
  /** reverse proxies in front of the server whose X-Forwarded-For entries are trusted */
  trustProxyHops: number;
  /** the most bytes of rendered tracking pages each server process keeps (0: no cache) */
  pageCacheBytes: number;
  amazon: {
    /** minutes between rounds of the MCF poller in each server process (one polls at a time); 0: off */
    pollMinutes: number;
    /** Login with Amazon's token URL (a local test server); default Amazon's */
    lwaTokenUrl: string | undefined;
  };
  webhooks: {
    /** endpoints may be private, loopback or link-local (and http://): development and tests only */
    allowPrivate: boolean;
    /** how long one delivery waits for the receiver's answer */
    timeoutMs: number;
  };
  klaviyo: {
    /** where Klaviyo API calls go (a local test server); default Klaviyo's */
    baseUrl: string;
  };
  api: {
    /** seller API calls one API key may make per minute, counted across all processes; 0: no limit */
    rateLimitPerMinute: number;
  };
  shopify: {
    /** where Shopify Admin API calls go instead of https://{shop} (a local test server); default the shop itself */
    adminBaseUrl: string | null;
  };
  email: {
    /** dev: stored and shown on /dev/mail; smtp: sent through SMTP_URL */
    transport: 'dev' | 'smtp';
    smtpUrl: string | undefined;
    from: string;
  };
  sms: {
    transport: 'dev' | 'twilio';
    /** countries whose numbers may opt in (SMS pumping defence) */
    allowedCountries: string[];
    /** texts sent per UTC day across all processes before sending pauses */
    dailyBudget: number;
    /** opt-ins one IP address may make per hour (mobile carriers put many customers behind one) */
    optInsPerIpHour: number;
    accountSid: string | undefined;
    authToken: string | undefined;
    messagingServiceSid: string | undefined;
    from: string | undefined;
    apiBaseUrl: string | undefined;
  };
}

export class ConfigError extends Error {}

// Without APP_SECRET links still work on a local machine; anything reachable must set one (see nonLocalReason).
const DEV_SECRET = 'porchlight-development-secret-do-not-use-in-production';

/** The start-up warning every server process prints while the development secret is in use, or null. */
export function devSecretWarning(config: Pick<Config, 'appSecretIsDefault'>): string | null {
  return config.appSecretIsDefault
    ? 'APP_SECRET is not set: using a development secret (local use only). Set APP_SECRET before sharing real tracking links.'
    : null;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    appSecret: e.APP_SECRET ?? DEV_SECRET,
    appSecretIsDefault: !e.APP_SECRET,
    seedDemo: e.SEED_DEMO,
    linkTtlDays: e.LINK_TTL_DAYS,
    webConcurrency: e.WEB_CONCURRENCY,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    pageCacheBytes: Math.round(e.PAGE_CACHE_MB * 1024 * 1024),
    amazon: { pollMinutes: e.AMAZON_POLL_MINUTES, lwaTokenUrl: e.AMAZON_LWA_TOKEN_URL },
    webhooks: { allowPrivate: e.WEBHOOKS_ALLOW_PRIVATE, timeoutMs: e.WEBHOOK_TIMEOUT_SECONDS * 1000 },
    klaviyo: { baseUrl: e.KLAVIYO_BASE_URL.replace(/\/+$/, '') },
    api: { rateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE },
    shopify: { adminBaseUrl: e.SHOPIFY_ADMIN_BASE_URL ?? null },
    email: { transport: e.EMAIL_TRANSPORT, smtpUrl: e.SMTP_URL, from: e.EMAIL_FROM },
    sms: {
      transport: e.SMS_TRANSPORT,
      allowedCountries: e.SMS_ALLOWED_COUNTRIES,
      dailyBudget: e.SMS_DAILY_BUDGET,
      optInsPerIpHour: e.SMS_OPTINS_PER_IP_HOUR,
      accountSid: e.TWILIO_ACCOUNT_SID,
      authToken: e.TWILIO_AUTH_TOKEN,
      messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID,
      from: e.TWILIO_FROM,
      apiBaseUrl: e.TWILIO_API_BASE_URL,
    },
  };
}
