/**
 * SQL that differs between SQLite and PostgreSQL, one fragment per concern, chosen by the engine of
 * the connection at hand. Everything else is written once, in the SQL both engines share.
 * (Search has its own room: `search/`; the schema, its own migrations per engine.)
 */
import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

/** The engine behind a database or transaction handle. */
export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** A string field of a JSON text column, `path` as keys (`['draft', 'title']`). */
export function jsonText(db: Kysely<any>, column: RawBuilder<unknown>, path: string[]): RawBuilder<string | null> {
  return engineOf(db) === 'postgres'
    ? sql<string | null>`(${column}::jsonb #>> ${`{${path.join(',')}}`})`
    : sql<string | null>`json_extract(${column}, ${`$.${path.join('.')}`})`;
}

/**
 * A column compared without its index: SQLite's unary `+` keeps its planner off an index that would
 * be probed row by row; PostgreSQL's planner needs no hint (and has no unary plus on text).
 */
export function unindexed(db: Kysely<any>, column: string): RawBuilder<string> {
  return engineOf(db) === 'postgres' ? sql<string>`${sql.ref(column)}` : sql<string>`+${sql.ref(column)}`;
}

/** The likes table read through its date index (SQLite's planner needs `INDEXED BY` there). */
export function likesByDate(db: Kysely<any>): RawBuilder<unknown> {
  return engineOf(db) === 'postgres' ? sql`l` : sql`l INDEXED BY likes_created`;
}

/**
 * Serialises the calling transaction with every other one taking the lock of the same `name`, until
 * it ends: PostgreSQL's transaction-scoped advisory lock, as several instances write at once. SQLite
 * needs none: one process, and one writer at a time.
 */
export async function lockUntilCommit(trx: Kysely<any>, name: string): Promise<void> {
  if (engineOf(trx) === 'postgres') await sql`SELECT pg_advisory_xact_lock(hashtextextended(${name}, 18))`.execute(trx);
}

/**
 * Runs `work` while holding the lock of `name` across instances (PostgreSQL's session advisory lock
 * on a connection kept aside meanwhile): for work outside a transaction, such as posting to a chat.
 * On SQLite, one process: `work` runs as is.
 */
export async function withLock<T>(db: Kysely<any>, name: string, work: () => Promise<T>): Promise<T> {
  if (engineOf(db) !== 'postgres') return work();
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(hashtextextended(${name}, 18))`.execute(conn);
    try {
      return await work();
    } finally {
      await sql`SELECT pg_advisory_unlock(hashtextextended(${name}, 18))`.execute(conn);
    }
  });
}

/**
 * Opens a write transaction on a connection held by hand (imports that commit in slices). SQLite
 * takes its write lock at once (`immediate`), so a slice never fails half-way on a busy database;
 * PostgreSQL locks rows as it writes them.
 */
export function beginWrite(db: Kysely<any>): RawBuilder<unknown> {
  return engineOf(db) === 'postgres' ? sql`begin` : sql`begin immediate`;
}

/**
 * Opens a read transaction that sees one moment throughout (exports). SQLite's transactions already
 * do; PostgreSQL's default isolation takes a new snapshot per statement.
 */
export function beginSnapshot(db: Kysely<any>): RawBuilder<unknown> {
  return engineOf(db) === 'postgres' ? sql`begin isolation level repeatable read read only` : sql`begin`;
}

/**
 * After rows were written with the numbers they had elsewhere (an import keeps them when free), the
 * next number a table gives must come after them. SQLite's AUTOINCREMENT follows by itself;
 * PostgreSQL's identity sequences are moved past the highest number (never back).
 */
export async function advanceIdCounters(db: Kysely<any>, tables: readonly string[]): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  for (const table of tables) {
    await sql`
      SELECT setval(s, greatest(m, coalesce(pg_sequence_last_value(s), 0), 1), greatest(m, coalesce(pg_sequence_last_value(s), 0)) > 0)
      FROM (SELECT pg_get_serial_sequence(${table}, 'id')::regclass AS s, coalesce((SELECT max(id) FROM ${sql.table(table)}), 0) AS m) x`.execute(
      db,
    );
  }
}
