/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** the one service context (src/server/services.ts), set for every page by src/fetch.ts */
    ctx: import('./domain/context').ServiceContext;
    site: {
      /** SEED_DEMO: the home page lists the seeded demo orders */
      seedDemo: boolean;
      /** SMS_TRANSPORT=dev: the /dev/sms inbox page exists */
      devSms: boolean;
    };
  }
}
