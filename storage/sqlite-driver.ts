/**
 * The SQLite connection under Kysely: Node's built-in `node:sqlite` (Node 24+). It needs no native
 * build at install, ships FTS5 (with `unicode61 remove_diacritics 2`, `bm25()`, `snippet()`), and
 * follows Node's own security releases. Kysely's `SqliteDialect` expects better-sqlite3's statement
 * shape, so this file adapts the one to the other.
 */
import { DatabaseSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** A connection Kysely can use, plus `exec` for pragmas and scripts. */
export interface SqliteConnection extends SqliteDatabase {
  exec(sql: string): void;
}

/** Prepared statements kept per SQL text (ops: preparing cost more than running on the hot path). */
const STATEMENT_CACHE_SIZE = 256;

export function openSqlite(file: string): SqliteConnection {
  const db = new DatabaseSync(file);
  // node:sqlite rows have a null prototype; plain objects compare and serialise like everywhere else.
  const plain = (row: unknown) => ({ ...(row as object) });
  const cache = new Map<string, SqliteStatement>();
  return {
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
    prepare(sql): SqliteStatement {
      const cached = cache.get(sql);
      if (cached) {
        // Most recently used last, so the oldest is the first key.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = db.prepare(sql);
      const wrapped: SqliteStatement = {
        reader: statement.columns().length > 0,
        all: (parameters) => statement.all(...(parameters as never[])).map(plain),
        run: (parameters) => statement.run(...(parameters as never[])),
        // A stream may stay open while the same query runs again: it gets its own statement.
        *iterate(parameters) {
          for (const row of db.prepare(sql).iterate(...(parameters as never[]))) yield plain(row);
        },
      };
      // Schema changes (migrations) recompile statements inside SQLite; DDL is not worth keeping.
      if (/^\s*(select|insert|update|delete|with)\b/i.test(sql)) {
        cache.set(sql, wrapped);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      return wrapped;
    },
  };
}
