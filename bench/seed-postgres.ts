/**
 * Seeding in bulk on PostgreSQL. Its row triggers rebuild a bricolage's search document on every
 * step written and update its counts on every like: about a minute per 10,000 bricolages, ten or
 * more at 100,000. So the seed's transactions turn user triggers off (`withoutTriggers`), and
 * `rebuildGalleryTables` then derives in a few set-based statements what those triggers keep,
 * by the same rules (`countedLikes`, `bricolage_search_reindex`). SQLite seeds with its triggers on.
 */
import { type Kysely, sql } from 'kysely';
import type { Db, DbOrTrx } from '../storage/db.js';
import { advanceIdCounters, engineOf } from '../storage/dialect.js';
import { countedLikes } from '../storage/likes.js';

/** Inside a transaction on PostgreSQL: no user trigger (nor foreign-key check) fires until it ends. */
export async function withoutTriggers(trx: DbOrTrx): Promise<void> {
  if (engineOf(trx as Kysely<any>) === 'postgres') await sql`SET LOCAL session_replication_role = replica`.execute(trx);
}

/**
 * After rows were written without triggers: the counts, the search documents, the id counters and
 * the data version as the triggers would have left them, then fresh planner statistics and a
 * visibility map (a benchmark starts at once, before autovacuum would).
 */
export async function rebuildGalleryTables(db: Db): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await db.transaction().execute(async (trx) => {
    await sql`DELETE FROM bricolage_stats`.execute(trx);
    await sql`
      INSERT INTO bricolage_stats (bricolage_id, like_count, comment_count, adoption_count)
      SELECT b.id, coalesce(l.n, 0), coalesce(c.n, 0), coalesce(a.n, 0)
      FROM bricolages b
      LEFT JOIN (SELECT cl.bricolage_id, count(*) AS n FROM (${countedLikes(trx)}) cl GROUP BY cl.bricolage_id) l
        ON l.bricolage_id = b.id
      LEFT JOIN (SELECT bricolage_id, count(*) AS n FROM comments WHERE status = 'visible' GROUP BY bricolage_id) c
        ON c.bricolage_id = b.id
      LEFT JOIN (SELECT bricolage_id, count(*) AS n FROM adoptions GROUP BY bricolage_id) a ON a.bricolage_id = b.id`.execute(
      trx,
    );
    await sql`SELECT bricolage_search_reindex(id) FROM bricolages WHERE status = 'published'`.execute(trx);
    await sql`UPDATE gallery_version SET version = version + 1 WHERE id = 1`.execute(trx);
  });
  await advanceIdCounters(db, ['agents', 'bricolages', 'steps', 'comments', 'adoptions']);
  await sql`VACUUM ANALYZE`.execute(db);
}
