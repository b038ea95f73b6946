/**
 * What animateurs change: "à la une", and hiding or restoring a bricolage or a comment. Nothing is
 * deleted: hidden content keeps its rows and only leaves what readers see (every gallery query and
 * the search filter on `status = 'published'` / `'visible'`), so restoring brings it all back.
 */
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';

export type ModerationOutcome = 'done' | 'unchanged' | 'unknown';

/** Puts a published bricolage à la une (or takes it off). */
export async function setFeatured(db: DbOrTrx, bricolageId: number, featured: boolean): Promise<ModerationOutcome> {
  const row = await db.selectFrom('bricolages').select(['status', 'featured']).where('id', '=', bricolageId).executeTakeFirst();
  if (!row || row.status === 'draft' || (featured && row.status !== 'published')) return 'unknown';
  if (Boolean(row.featured) === featured) return 'unchanged';
  await db
    .updateTable('bricolages')
    .set({ featured: featured ? 1 : 0, updated_at: nowIso() })
    .where('id', '=', bricolageId)
    .execute();
  return 'done';
}

/** Hides a published bricolage, or restores a hidden one. */
export async function setBricolageHidden(db: DbOrTrx, bricolageId: number, hidden: boolean): Promise<ModerationOutcome> {
  const row = await db.selectFrom('bricolages').select('status').where('id', '=', bricolageId).executeTakeFirst();
  if (!row || row.status === 'draft') return 'unknown';
  if ((row.status === 'hidden') === hidden) return 'unchanged';
  await db
    .updateTable('bricolages')
    .set({ status: hidden ? 'hidden' : 'published', updated_at: nowIso() })
    .where('id', '=', bricolageId)
    .execute();
  return 'done';
}

/** Hides a comment, or restores it; returns its bricolage for the audit log. */
export async function setCommentHidden(
  db: DbOrTrx,
  commentId: number,
  hidden: boolean,
): Promise<{ outcome: ModerationOutcome; bricolageId: number | null }> {
  const row = await db.selectFrom('comments').select(['status', 'bricolage_id']).where('id', '=', commentId).executeTakeFirst();
  if (!row) return { outcome: 'unknown', bricolageId: null };
  if ((row.status === 'hidden') === hidden) return { outcome: 'unchanged', bricolageId: row.bricolage_id };
  await db
    .updateTable('comments')
    .set({ status: hidden ? 'hidden' : 'visible' })
    .where('id', '=', commentId)
    .execute();
  return { outcome: 'done', bricolageId: row.bricolage_id };
}
