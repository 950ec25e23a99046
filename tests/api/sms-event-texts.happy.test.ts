import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../support/harness';
import { addEvent, newShop, orderToken, rows, subscribed, type Shop } from '../support/sms-api';

// The transactional outbox: a tracking event and the texts it causes commit together, and an event
// causes at most one text per subscription.

let h: Harness;
let shop: Shop;
beforeEach(async () => {
  h = await startHarness();
  shop = await newShop(h);
  await subscribed(h, await orderToken(h, shop));
});
afterEach(() => h.close());

const eventTexts = async () => (await rows(h, 'SELECT kind, event_id FROM sms_messages WHERE event_id IS NOT NULL ORDER BY id')).map((r) => r.kind);

describe('each tracking event is texted once', () => {
  it('the same event id posted again answers 200 and queues nothing new', async () => {
    const event = { id: 'evt-42', type: 'out_for_delivery', occurredAt: '2026-11-27T14:05:00Z', stopsAway: 7 };
    expect((await addEvent(h, shop, event)).status).toBe(201);
    expect((await addEvent(h, shop, event)).status).toBe(200);
    expect(await eventTexts()).toEqual(['out_for_delivery']);
  });

  it('a late scan older than the newest event is shown in the timeline but not texted', async () => {
    await addEvent(h, shop, { id: 'ofd', type: 'out_for_delivery', occurredAt: '2026-11-27T14:05:00Z' });
    const late = await addEvent(h, shop, { id: 'shp', type: 'shipped', occurredAt: '2026-11-26T09:00:00Z' });
    expect(late.status).toBe(201);
    expect(await eventTexts()).toEqual(['out_for_delivery']);
  });

  it('events that are not news for the customer (in transit) are not texted', async () => {
    await addEvent(h, shop, { id: 'it', type: 'in_transit', occurredAt: '2026-11-27T10:00:00Z' });
    expect(await eventTexts()).toEqual([]);
  });

  it('the shipped text carries the carrier and tracking number; the delivered one where it was left and the not-received link', async () => {
    await addEvent(h, shop, { id: 'shp', type: 'shipped', occurredAt: '2026-11-27T10:00:00Z' });
    await addEvent(h, shop, { id: 'dlv', type: 'delivered', occurredAt: '2026-11-27T14:50:00Z', deliveredTo: 'FRONT_DOOR' });
    const [shipped, delivered] = await rows(h, "SELECT body FROM sms_messages WHERE kind IN ('shipped', 'delivered') ORDER BY id");
    expect(shipped!.body).toContain('TBA312345678000');
    expect(shipped!.body).toContain('SO-1001');
    expect(delivered!.body).toMatch(/front door/i);
    expect(delivered!.body).toMatch(/https:\/\/track\.example\.test\/t\/\S+\/not-received/);
  });

  it('the database itself refuses a second text for the same subscription, event and kind', async () => {
    await addEvent(h, shop, { id: 'ofd', type: 'out_for_delivery', occurredAt: '2026-11-27T14:05:00Z' });
    const [m] = await rows(h, "SELECT * FROM sms_messages WHERE kind = 'out_for_delivery'");
    await expect(h.database.client.execute({
      sql: `INSERT INTO sms_messages (subscription_id, event_id, kind, to_phone, body, segments, state, due_at, created_at, updated_at)
            VALUES (?, ?, 'out_for_delivery', ?, 'again', 1, 'pending', 0, 0, 0)`,
      args: [m!.subscription_id, m!.event_id, m!.to_phone],
    })).rejects.toThrow(/UNIQUE/);
  });
});

describe('the event and its texts commit together', () => {
  it('if queuing the text fails, the event is not stored either; posting it again stores both', async () => {
    await h.database.client.execute(
      "CREATE TRIGGER test_outbox_down BEFORE INSERT ON sms_messages WHEN NEW.event_id IS NOT NULL BEGIN SELECT RAISE(ABORT, 'outbox down'); END",
    );
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const event = { id: 'evt-7', type: 'out_for_delivery', occurredAt: '2026-11-27T14:05:00Z' };
    const failed = await addEvent(h, shop, event);
    quiet.mockRestore();
    expect(failed.status).toBe(500);
    expect(await rows(h, "SELECT id FROM tracking_events WHERE external_id = 'evt-7'")).toEqual([]);

    await h.database.client.execute('DROP TRIGGER test_outbox_down');
    expect((await addEvent(h, shop, event)).status).toBe(201);
    expect(await rows(h, "SELECT id FROM tracking_events WHERE external_id = 'evt-7'")).toHaveLength(1);
    expect(await eventTexts()).toEqual(['out_for_delivery']);
  });
});
