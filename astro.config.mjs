// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

export default defineConfig({
  output: 'server',
  // Middleware mode: src/cli/http-server.ts is the server, and serves public/'s files itself.
  adapter: node({ mode: 'middleware', experimentalDisableStreaming: true }),
  server: { port: 4321, host: process.env.HOST ?? 'localhost' },
  // Customer pages inline their CSS: one round trip on a slow phone.
  build: { inlineStylesheets: 'always' },
  // Security headers come from our own middleware and layout (src/layouts/page-css.ts hashes the
  // inlined CSS once at start instead of per request).
  security: { checkOrigin: true },
  devToolbar: { enabled: false },
});
