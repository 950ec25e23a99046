// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  server: { port: 4321, host: process.env.HOST ?? 'localhost' },
  // Customer pages inline their CSS: one round trip on a slow phone.
  build: { inlineStylesheets: 'always' },
  // Security headers come from our own middleware; Astro adds hashes for what it inlines.
  security: {
    checkOrigin: true,
    csp: {
      directives: ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'", "img-src 'self' data:"],
    },
  },
  devToolbar: { enabled: false },
});
