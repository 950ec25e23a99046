import { fileURLToPath } from 'node:url';

const PORT = 4399;
const outputDir = fileURLToPath(new URL('../.output/', import.meta.url));

/** Shared by the e2e web server and the specs. */
export const E2E = {
  port: PORT,
  baseUrl: `http://127.0.0.1:${PORT}`,
  outputDir,
  demoFile: `${outputDir}demo.json`,
  env: {
    PORT: String(PORT),
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: `http://127.0.0.1:${PORT}`,
    APP_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123456789',
    // every browser test posts from 127.0.0.1; the limit itself is covered by the API tests
    SMS_OPTINS_PER_IP_HOUR: '1000',
    // the browser tests' webhook receiver listens on 127.0.0.1 (development setting: refused otherwise)
    WEBHOOKS_ALLOW_PRIVATE: 'true',
  },
};
