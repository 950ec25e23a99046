import type { SellerContext } from '../../domain/context';
import { importOrdersCsv } from '../../domain/import/orders-csv';
import type { DashTranslate } from '../../i18n/dashboard';
import { refusal } from './request';

/** One line of the live import's answer (newline-delimited JSON). */
export type ImportProgressLine =
  | { total: number }
  | { rows: number; bytes: number }
  | { done: true; notice: string; errors: { line: number; orderNumber: string | null; message: string }[] }
  | { error: string };

/**
 * The live import's answer: a line when it starts (the file's size), one after each batch of orders
 * written (rows and bytes read so far), and a last line with the result as the result page words it,
 * or the refusal. The import goes on if the browser leaves; a second import of the file adds nothing.
 */
export function importProgressStream({ ctx, file, t }: { ctx: SellerContext; file: File; t: DashTranslate }): Response {
  const encoder = new TextEncoder();
  let open = true;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: ImportProgressLine) => {
        if (open) controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      };
      send({ total: file.size });
      try {
        const result = await importOrdersCsv({ ctx, input: { csv: file.stream(), onProgress: ({ rows, bytes }) => send({ rows, bytes }) } });
        send({ done: true, notice: t('import.done', { created: result.created, existing: result.existing, failed: result.failed }), errors: result.errors });
      } catch (e) {
        let refused;
        try {
          refused = refusal(e);
        } catch (bug) {
          console.error('CSV import failed', bug);
          if (open) controller.error(bug);
          return;
        }
        send({ error: `${t(refused.key)} ${refused.detail}` });
      }
      if (open) controller.close();
    },
    cancel() {
      open = false;
    },
  });
  return new Response(body, {
    headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' },
  });
}
