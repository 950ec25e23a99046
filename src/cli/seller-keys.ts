// npm run seller:keys -- list   --seller <slug|id>
// npm run seller:keys -- create --seller <slug|id> [--name "Shop sync"]   (prints the new key once)
// npm run seller:keys -- revoke --seller <slug|id> --id <key id>           (the key answers 401 from then on)
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { sellers } from '../../db/schema';
import { ConfigError, loadConfig } from '../config';
import { createApiKey, listApiKeys, revokeApiKey } from '../domain/api-keys';
import { forSeller } from '../domain/context';
import { DomainError } from '../domain/errors';
import { serviceContext } from '../server/services';

const USAGE = 'usage: npm run seller:keys -- list|create|revoke --seller <slug or id> [--name <name>] [--id <key id>]';

class UsageError extends Error {}

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { seller: { type: 'string' }, name: { type: 'string' }, id: { type: 'string' } } });
  const [command] = positionals;
  if (!command || !['list', 'create', 'revoke'].includes(command) || !values.seller) throw new UsageError(USAGE);
  if (command === 'revoke' && !/^\d+$/.test(values.id ?? '')) throw new UsageError(`revoke needs --id <key id> (see list)\n${USAGE}`);
  const name = (values.name ?? 'default').trim();
  if (command === 'create' && (name.length < 1 || name.length > 80)) throw new UsageError('--name: 1 to 80 characters');

  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);
  try {
    await migrateDatabase(database);
    // A slug first (a seller may be called "1"), else a numeric id.
    const bySlug = await database.db.select({ id: sellers.id, slug: sellers.slug }).from(sellers).where(eq(sellers.slug, values.seller)).limit(1);
    const byId = !bySlug.length && /^\d+$/.test(values.seller)
      ? await database.db.select({ id: sellers.id, slug: sellers.slug }).from(sellers).where(eq(sellers.id, Number(values.seller))).limit(1)
      : [];
    const [seller] = bySlug.length ? bySlug : byId;
    if (!seller) throw new UsageError(`no seller "${values.seller}"`);
    const ctx = forSeller(serviceContext(config, database), seller.id);
    if (command === 'list') {
      for (const k of await listApiKeys({ ctx })) {
        console.log(`${String(k.id).padStart(4)}  ${k.prefix}…  ${k.name}  created ${k.createdAt.toISOString()}${k.revokedAt ? `  REVOKED ${k.revokedAt.toISOString()}` : ''}`);
      }
    } else if (command === 'create') {
      const key = await createApiKey({ ctx, input: { name } });
      console.log(`Created key ${key.id} for ${seller.slug}. Keep it safe: it is shown only once.`);
      console.log(JSON.stringify({ id: key.id, apiKey: key.apiKey }));
    } else {
      await revokeApiKey({ ctx, input: { id: Number(values.id) } });
      console.log(`Revoked key ${values.id} of ${seller.slug}: it is refused from now on.`);
    }
  } finally {
    database.close();
  }
}

main().catch((e) => {
  const known = e instanceof UsageError || e instanceof ConfigError || e instanceof DomainError;
  console.error(known ? e.message : e);
  process.exit(e instanceof UsageError ? 2 : 1);
});
