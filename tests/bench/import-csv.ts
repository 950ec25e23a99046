// CSV import benchmark (not a test): 10,000 one-item orders into a fresh embedded libSQL file.
// Run: npx tsx tests/bench/import-csv.ts [rows]. Target: under 10 s on the 2-core machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { loadConfig } from '../../src/config';
import { forSeller } from '../../src/domain/context';
import { importOrdersCsv } from '../../src/domain/import/orders-csv';
import { createSeller } from '../../src/domain/sellers';
import { serviceContext } from '../../src/server/services';

const ROWS = Number(process.argv[2] ?? 10_000);
const TARGET_SECONDS = 10;
const PLACES = [
  ['Troy', 'MI', '48084'], ['Austin', 'TX', '78701'], ['Denver', 'CO', '80202'], ['Miami', 'FL', '33101'],
  ['Phoenix', 'AZ', '85001'], ['Portland', 'OR', '97201'], ['Boise', 'ID', '83702'], ['Honolulu', 'HI', '96813'],
] as const;
const HEADER = 'order_number,first_name,language,city,region,postal_code,country,time_zone,promised_date,item_name,item_quantity,item_sku,carrier,tracking_number';

/** The file as an upload arrives: UTF-8 chunks of about 64 KiB. */
async function* csvFile(rows: number): AsyncGenerator<Uint8Array> {
  let text = `${HEADER}\n`;
  for (let i = 1; i <= rows; i++) {
    const [city, region, zip] = PLACES[i % PLACES.length]!;
    text += `BENCH-${i},"Dana ${i}",${i % 5 ? 'en' : 'es'},${city},${region},${zip},US,,2026-12-0${1 + (i % 9)},"Ceramic mug, blue",${1 + (i % 3)},MUG-${i % 50},AMZL,TBA${String(100000000 + i)}\n`;
    if (text.length >= 64 * 1024) {
      yield Buffer.from(text);
      text = '';
    }
  }
  yield Buffer.from(text);
}

const dir = mkdtempSync(join(tmpdir(), 'porchlight-import-bench-'));
try {
  const config = loadConfig({ DATABASE_URL: `file:${join(dir, 'bench.db')}`, APP_SECRET: 'bench-secret-bench-secret-bench-secret-1', PUBLIC_BASE_URL: 'http://127.0.0.1' });
  const database = await openDatabase(config.databaseUrl);
  await migrateDatabase(database);
  const base = serviceContext(config, database, () => new Date('2026-11-27T15:00:00Z'));
  const { sellerId } = await createSeller({ ctx: base, input: { seller: { name: 'Bench Goods', supportEmail: 'help@bench.example' } } });
  const ctx = forSeller(base, sellerId);

  const started = performance.now();
  const result = await importOrdersCsv({ ctx, input: { csv: csvFile(ROWS) } });
  const seconds = (performance.now() - started) / 1000;
  const againStarted = performance.now();
  const again = await importOrdersCsv({ ctx, input: { csv: csvFile(ROWS) } });
  const againSeconds = (performance.now() - againStarted) / 1000;
  database.close();

  if (result.created !== ROWS || result.failed || again.existing !== ROWS || again.created) {
    throw new Error(`unexpected result: ${JSON.stringify({ first: { ...result, errors: result.errors.slice(0, 3) }, again: { ...again, errors: again.errors.slice(0, 3) } })}`);
  }
  console.log(`import ${ROWS.toLocaleString('en-US')} rows: ${seconds.toFixed(2)} s, ${Math.round(ROWS / seconds).toLocaleString('en-US')} rows/s (target < ${TARGET_SECONDS} s: ${seconds < TARGET_SECONDS ? 'met' : 'MISSED'})`);
  console.log(`same file again (all existing): ${againSeconds.toFixed(2)} s, ${Math.round(ROWS / againSeconds).toLocaleString('en-US')} rows/s`);
  console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
