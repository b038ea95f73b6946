/**
 * The gallery's data version: one counter that triggers bump on every write a gallery page shows
 * (migration 2026-11-29-02-gallery). A cached page is valid while the version it was built at holds.
 */
import type { DbOrTrx } from './db.js';

export async function readDataVersion(db: DbOrTrx): Promise<number> {
  const row = await db.selectFrom('gallery_version').select('version').where('id', '=', 1).executeTakeFirst();
  return Number(row?.version ?? 0);
}
