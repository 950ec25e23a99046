import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forSeller } from '../../src/domain/context';
import { connectSource, disconnectSource } from '../../src/domain/integrations/connect';
import { takeLease } from '../../src/domain/leases';
import { resetTemplate, saveTemplate } from '../../src/domain/messages/templates';
import { newSeller, startHarness, type Harness } from '../support/harness';

// The embedded driver runs SQLite on the event loop's thread: a write outside db.transaction()
// made while another transaction of this process is open meets SQLite's lock and sleeps in its
// busy handler on that same thread, so the open transaction cannot finish and the write fails
// with SQLITE_BUSY after the busy timeout (a request hangs for seconds: the browser tests saw
// it). Every write waits its turn instead; these are the writes that once did not.

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

/** Runs `write` while a write transaction of this process is open and still needs the event loop. */
async function duringTransaction<T>(write: () => Promise<T>): Promise<T> {
  let opened!: () => void;
  const open = new Promise<void>((r) => (opened = r));
  const held = h.ctx.db.transaction(async (tx) => {
    await tx.run('UPDATE sellers SET name = name');
    opened();
    await new Promise((r) => setTimeout(r, 30)); // the transaction still has work to do
  });
  await open;
  const [result] = await Promise.all([write(), held]);
  return result;
}

describe('writes made while another transaction is open wait their turn', () => {
  it('message templates: saved and reset', async () => {
    const seller = forSeller(h.ctx, (await newSeller(h)).sellerId);
    const saved = await duringTransaction(() => saveTemplate({ ctx: seller, input: { touchpoint: 'shipped', language: 'en', subject: 'On its way', body: 'Order {order_number} shipped: {link}' } }));
    expect(saved.customized).toBe(true);
    const reset = await duringTransaction(() => resetTemplate({ ctx: seller, input: { touchpoint: 'shipped', language: 'en' } }));
    expect(reset.customized).toBe(false);
  });

  it('integrations: connected and switched off; the poller’s lease taken', async () => {
    const seller = forSeller(h.ctx, (await newSeller(h)).sellerId);
    const connected = await duringTransaction(() => connectSource({ ctx: seller, input: { source: 'easypost', body: { webhookSecret: 'ep-secret-123456' } } }));
    expect(connected.webhookUrl).toContain('/hooks/easypost/');
    await duringTransaction(() => disconnectSource({ ctx: seller, input: { source: 'easypost' } }));
    expect((await h.database.client.execute('SELECT enabled FROM integrations')).rows[0]!.enabled).toBe(0);
    expect(await duringTransaction(() => takeLease(h.ctx, 'job', 'me', 60_000))).toBe(true);
  });
});
