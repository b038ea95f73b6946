/** The one destructive request an agent may have waiting for confirmation (`supprimer`, `oublie-moi`). */
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';

/**
 * The pending confirmation's JSON, or null when there is none or it is older than `maxAgeMs`: a
 * "oui" typed long after the question must not delete anything.
 */
export async function loadConfirmation(db: DbOrTrx, agentId: number, maxAgeMs: number, now = Date.now()): Promise<string | null> {
  const row = await db
    .selectFrom('confirmations')
    .select(['state', 'updated_at'])
    .where('agent_id', '=', agentId)
    .executeTakeFirst();
  if (!row) return null;
  return now - Date.parse(row.updated_at) > maxAgeMs ? null : row.state;
}

/** Saves the pending confirmation, or forgets it when `state` is null. */
export async function saveConfirmation(db: DbOrTrx, agentId: number, state: unknown | null): Promise<void> {
  if (state === null) {
    await db.deleteFrom('confirmations').where('agent_id', '=', agentId).execute();
    return;
  }
  const json = JSON.stringify(state);
  const at = nowIso();
  await db
    .insertInto('confirmations')
    .values({ agent_id: agentId, state: json, updated_at: at })
    .onConflict((oc) => oc.column('agent_id').doUpdateSet({ state: json, updated_at: at }))
    .execute();
}
