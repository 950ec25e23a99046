// npm run seller:create -- --name "Acme Goods" [--accent "#c2410c"] [--email …] [--phone …] [--url …] [--feedback-url …] [--logo file.svg]
// The last line printed is one JSON object: {"sellerId", "slug", "apiKey"}.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { createSeller, sellerInput } from '../domain/sellers';
import { ConfigError, loadConfig } from '../config';
import { zodMessage } from '../server/errors';
import { serviceContext } from '../server/services';

const LOGO_TYPES: Record<string, 'image/svg+xml' | 'image/png' | 'image/webp'> = { '.svg': 'image/svg+xml', '.png': 'image/png', '.webp': 'image/webp' };

async function main() {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, accent: { type: 'string' }, email: { type: 'string' }, phone: { type: 'string' }, url: { type: 'string' }, 'feedback-url': { type: 'string' }, logo: { type: 'string' } },
  });
  const logoType = values.logo ? LOGO_TYPES[extname(values.logo).toLowerCase()] : undefined;
  if (values.logo && !logoType) throw new UsageError('--logo must be an .svg, .png or .webp file');
  const parsed = sellerInput.safeParse({
    name: values.name,
    accentColor: values.accent,
    supportEmail: values.email,
    supportPhone: values.phone,
    supportUrl: values.url,
    publicFeedbackUrl: values['feedback-url'],
    logo: values.logo ? { type: logoType, data: await readFile(values.logo) } : undefined,
  });
  if (!parsed.success) throw new UsageError(`${zodMessage(parsed.error)}\nusage: npm run seller:create -- --name "Acme Goods"`);

  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);
  await migrateDatabase(database);
  const seller = await createSeller({ ctx: serviceContext(config, database), input: { seller: parsed.data } });
  database.close();
  console.log(`Created seller "${seller.name}" (${seller.slug}). Keep the API key safe: it is shown only once.`);
  console.log(JSON.stringify({ sellerId: seller.sellerId, slug: seller.slug, apiKey: seller.apiKey }));
}

class UsageError extends Error {}

main().catch((e) => {
  console.error(e instanceof UsageError || e instanceof ConfigError ? e.message : e);
  process.exit(e instanceof UsageError ? 2 : 1);
});
