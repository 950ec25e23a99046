import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a new migration from db/schema; migrations are committed.
export default defineConfig({
  dialect: 'turso',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'file:./data/porchlight.db' },
});
