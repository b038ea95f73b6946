/** Per-agent conversation state (the wizard's JSON), so a draft survives restarts. */
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';

export async function loadConversation(db: DbOrTrx, agentId: number): Promise<string | null> {
  const row = await db.selectFrom('conversations').select('state').where('agent_id', '=', agentId).executeTakeFirst();
  return row?.state ?? null;
}

/** Saves the state, or forgets it when `state` is null (published or cancelled). */
export async function saveConversation(db: DbOrTrx, agentId: number, state: unknown | null): Promise<void> {
  if (state === null) {
    await db.deleteFrom('conversations').where('agent_id', '=', agentId).execute();
    return;
  }
  const json = JSON.stringify(state);
  await db
    .insertInto('conversations')
    .values({ agent_id: agentId, state: json, updated_at: nowIso() })
    .onConflict((oc) => oc.column('agent_id').doUpdateSet({ state: json, updated_at: nowIso(), reminded_at: null }))
    .execute();
}
