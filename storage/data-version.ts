/**
 * The gallery's data version: a cached page is valid while the version it was built at holds.
 * `gallery_version` is bumped by triggers on every write to the tables the gallery migration knows
 * (migration 2026-11-29-02-gallery). The workshop tables come from a later migration
 * (2026-11-29-06-animation), which the gallery's cannot put triggers on, so their part is a signature
 * read in the same statement: how many workshops, how many closed, and the links (count and last
 * rowid) — the only ways workshops change (open, close, link, unlink). A few rows, cheap to count.
 */
import { sql } from 'kysely';
import type { DbOrTrx } from './db.js';
import { engineOf } from './dialect.js';
import type { DatabaseNotifications } from './notifications.js';

export async function readDataVersion(db: DbOrTrx): Promise<string> {
  // PostgreSQL's schema bumps the version on the workshop tables too (postgres/2026-12-04-01-schema).
  if (engineOf(db) === 'postgres') {
    const pg = await sql<{ v: string }>`SELECT version::text AS v FROM gallery_version WHERE id = 1`.execute(db);
    return String(pg.rows[0]?.v ?? '');
  }
  const row = await sql<{ v: string }>`
    SELECT (SELECT version FROM gallery_version WHERE id = 1)
      || '.' || (SELECT count(*) || '.' || coalesce(sum(status = 'closed'), 0) FROM workshops)
      || '.' || (SELECT count(*) || '.' || coalesce(max(rowid), 0) FROM workshop_bricolages) AS v`.execute(db);
  return String(row.rows[0]?.v ?? '');
}

/** Where the page cache learns the data version: `current()` per request. */
export interface DataVersionSource {
  current(): Promise<string>;
}

/**
 * PostgreSQL with notifications: every commit that changes the gallery's data is notified (the
 * `gallery_version` channel, from its triggers), and each notification moves a version kept in
 * memory, so a request costs no query and a write through any instance is seen by all. The page
 * cache only compares versions, so this instance's own counter serves. A (re)connection moves it
 * too (what changed meanwhile was not heard); while disconnected, the version is read per request.
 * Otherwise (SQLite, one process), one indexed read per request.
 */
export function dataVersionSource(db: DbOrTrx, notifications: DatabaseNotifications | null): DataVersionSource {
  if (!notifications) return { current: () => readDataVersion(db) };
  let heard = 0;
  notifications.on(VERSION_CHANNEL, () => {
    heard += 1;
  });
  notifications.onConnect(() => {
    heard += 1;
  });
  return {
    current: async () => (notifications.connected() ? `heard:${heard}` : readDataVersion(db)),
  };
}

/** The channel the PostgreSQL triggers notify (migration postgres/2026-12-04-10-instances). */
export const VERSION_CHANNEL = 'gallery_version';
