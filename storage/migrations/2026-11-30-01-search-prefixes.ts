/**
 * Frozen: the full-text index gets prefix indexes for 2 to 10 letters (was 2 to 4). Every word of 4
 * letters or more, and the last one, is searched as a prefix ("ticket" finds "tickets"); without a
 * prefix index of its length, FTS5 merges the doclists of every word that starts with it, once to
 * match and once more for bm25's statistics (2 to 8 ms at 100,000 bricolages). Most French words
 * people type have 5 to 10 letters ("civil", "ticket", "courrier", "formulaire"). The index grows by
 * about half (87 to 136 MB at 100,000 bricolages); the rebuild takes some 20 seconds there, once.
 * FTS5 options cannot be altered: the table is dropped, created again and filled from the stored
 * bricolages, by the rule the triggers of 2026-11-29-02-gallery keep (they name the table, and
 * SQLite resolves it when they run, so they go on working unchanged).
 * Self-contained: imports no app code.
 */
import { type Kysely, sql } from 'kysely';

async function rebuild(db: Kysely<any>, prefix: string): Promise<void> {
  await sql`DROP TABLE IF EXISTS bricolage_fts`.execute(db);
  await sql
    .raw(`CREATE VIRTUAL TABLE bricolage_fts USING fts5 (
    title, problem, steps, category, author,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '${prefix}'
  )`)
    .execute(db);
  await sql`
    INSERT INTO bricolage_fts (rowid, title, problem, steps, category, author)
    SELECT b.id, b.title, b.problem,
      coalesce((SELECT group_concat(s.text, char(10)) FROM (SELECT text FROM steps WHERE bricolage_id = b.id ORDER BY position) s), ''),
      b.category, a.display_name
    FROM bricolages b JOIN agents a ON a.id = b.author_id
    WHERE b.status = 'published'`.execute(db);
  // One segment: the index is read as if it had been built in one go.
  await sql`INSERT INTO bricolage_fts (bricolage_fts) VALUES ('optimize')`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await rebuild(db, '2 3 4 5 6 7 8 9 10');
}

export async function down(db: Kysely<any>): Promise<void> {
  await rebuild(db, '2 3 4');
}
