/** Animateurs added at runtime with `animateur ajouter`, on top of the `ANIMATORS` setting. */
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';

export interface StoredAnimator {
  platform: string;
  platformUserId: string;
  addedByAgentId: number | null;
  addedAt: string;
}

/** Whether this chat user was made an animateur at runtime. */
export async function isStoredAnimator(db: DbOrTrx, platform: string, platformUserId: string): Promise<boolean> {
  const row = await db
    .selectFrom('animators')
    .select('platform')
    .where('platform', '=', platform)
    .where('platform_user_id', '=', platformUserId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Adds an animateur; false when they already were one. */
export async function addAnimator(
  db: DbOrTrx,
  who: { platform: string; platformUserId: string },
  addedByAgentId: number | null,
): Promise<boolean> {
  const result = await db
    .insertInto('animators')
    .values({
      platform: who.platform,
      platform_user_id: who.platformUserId,
      added_by_agent_id: addedByAgentId,
      added_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(['platform', 'platform_user_id']).doNothing())
    .returning('platform')
    .executeTakeFirst();
  return result !== undefined;
}

/** Removes a runtime animateur; false when they were not one (configured ones stay). */
export async function removeAnimator(db: DbOrTrx, who: { platform: string; platformUserId: string }): Promise<boolean> {
  const result = await db
    .deleteFrom('animators')
    .where('platform', '=', who.platform)
    .where('platform_user_id', '=', who.platformUserId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function listStoredAnimators(db: DbOrTrx): Promise<StoredAnimator[]> {
  const rows = await db.selectFrom('animators').selectAll().orderBy('added_at').execute();
  return rows.map((r) => ({
    platform: r.platform,
    platformUserId: r.platform_user_id,
    addedByAgentId: r.added_by_agent_id,
    addedAt: r.added_at,
  }));
}
