/** The inbox: every inbound event is stored before it is acknowledged, unique per platform + id. */
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';
import type { InboxRow } from './schema.js';

/** Stores an event; returns its row id, or `null` when the platform already delivered it. */
export async function recordInbound(db: DbOrTrx, event: { platform: string; eventId: string }): Promise<number | null> {
  const result = await db
    .insertInto('inbox')
    .values({ platform: event.platform, event_id: event.eventId, payload: JSON.stringify(event), received_at: nowIso() })
    .onConflict((oc) => oc.columns(['platform', 'event_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return result?.id ?? null;
}

export async function markProcessed(db: DbOrTrx, id: number, error: string | null = null): Promise<void> {
  await db.updateTable('inbox').set({ processed_at: nowIso(), error }).where('id', '=', id).execute();
}

/** Events stored but not processed (the process stopped in between), oldest first. */
export async function listUnprocessed(db: DbOrTrx, platforms: string[]): Promise<InboxRow[]> {
  if (platforms.length === 0) return [];
  return db
    .selectFrom('inbox')
    .selectAll()
    .where('processed_at', 'is', null)
    .where('platform', 'in', platforms)
    .orderBy('id')
    .execute();
}

export async function isProcessed(db: DbOrTrx, id: number): Promise<boolean> {
  const row = await db.selectFrom('inbox').select('processed_at').where('id', '=', id).executeTakeFirst();
  return Boolean(row?.processed_at);
}
