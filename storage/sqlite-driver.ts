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

export function openSqlite(file: string): SqliteConnection {
  const db = new DatabaseSync(file);
  // node:sqlite rows have a null prototype; plain objects compare and serialise like everywhere else.
  const plain = (row: unknown) => ({ ...(row as object) });
  return {
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
    prepare(sql): SqliteStatement {
      const statement = db.prepare(sql);
      return {
        reader: statement.columns().length > 0,
        all: (parameters) => statement.all(...(parameters as never[])).map(plain),
        run: (parameters) => statement.run(...(parameters as never[])),
        *iterate(parameters) {
          for (const row of statement.iterate(...(parameters as never[]))) yield plain(row);
        },
      };
    },
  };
}
