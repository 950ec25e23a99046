/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** the one service context (src/server/services.ts), set for every page by src/fetch.ts */
    ctx: import('./domain/context').ServiceContext;
    /** the client's address for abuse limits (socket peer, or X-Forwarded-For behind trusted proxies) */
    clientIp: (req: Request) => string;
    site: {
      /** SEED_DEMO: the home page lists the seeded demo orders */
      seedDemo: boolean;
      /** SMS_TRANSPORT=dev: the /dev/sms inbox page exists */
      devSms: boolean;
      /** EMAIL_TRANSPORT=dev: the /dev/mail inbox page exists */
      devMail: boolean;
    };
    /** the seller's session cookie (name, Set-Cookie values) */
    cookie: import('./server/session-cookie').SessionCookie;
    /** the signed-in team member and their seller, or null */
    member: import('./domain/context').MemberContext | null;
    /** set by the tracking page when its answer may be kept by the page cache */
    pageCache?: import('./domain/page-stable').RenderedPage;
  }
}
