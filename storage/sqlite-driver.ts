/**
 * The SQLite connection under Kysely. Node 22.16+ (production runs Node 24) has SQLite built in as
 * `node:sqlite`, and there better-sqlite3 12 must not be used: Node 24's `ObjectWrap` registers
 * environment cleanup hooks that better-sqlite3 12's finalizers remove outside any environment, which
 * aborts the process (`Assertion failed: (env) != nullptr`) seconds after start. Its fix, v13, needs
 * Node 22, so Node 20 keeps better-sqlite3 12. Both speak the same SQL to the same file format.
 */
import { createRequire } from 'node:module';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

const require = createRequire(import.meta.url);

export type SqliteDriverName = 'node:sqlite' | 'better-sqlite3';

/** A connection Kysely can use, plus `exec` for pragmas and scripts. */
export interface SqliteConnection extends SqliteDatabase {
  readonly driver: SqliteDriverName;
  exec(sql: string): void;
}

interface NodeSqliteStatement {
  columns(): unknown[];
  all(...parameters: unknown[]): unknown[];
  run(...parameters: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  iterate(...parameters: unknown[]): IterableIterator<unknown>;
}
interface NodeSqliteDatabase {
  prepare(sql: string): NodeSqliteStatement;
  exec(sql: string): void;
  close(): void;
}
type NodeSqliteModule = { DatabaseSync: new (file: string) => NodeSqliteDatabase };

/** `node:sqlite` when this Node has it complete (`StatementSync#columns`, 22.16+), else null. */
function loadNodeSqlite(): NodeSqliteModule | null {
  try {
    const module = require('node:sqlite') as NodeSqliteModule;
    const probe = new module.DatabaseSync(':memory:');
    const complete = typeof probe.prepare('select 1').columns === 'function';
    probe.close();
    return complete ? module : null;
  } catch {
    return null;
  }
}

let nodeSqlite: NodeSqliteModule | null | undefined;

export function preferredDriver(): SqliteDriverName {
  if (nodeSqlite === undefined) nodeSqlite = loadNodeSqlite();
  return nodeSqlite ? 'node:sqlite' : 'better-sqlite3';
}

export function openSqlite(file: string): SqliteConnection {
  return preferredDriver() === 'node:sqlite' ? openNodeSqlite(file) : openBetterSqlite(file);
}

function openNodeSqlite(file: string): SqliteConnection {
  const db = new nodeSqlite!.DatabaseSync(file);
  // node:sqlite rows have a null prototype; plain objects compare and serialise like everywhere else.
  const plain = (row: unknown) => ({ ...(row as object) });
  return {
    driver: 'node:sqlite',
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
    prepare(sql): SqliteStatement {
      const statement = db.prepare(sql);
      return {
        reader: statement.columns().length > 0,
        all: (parameters) => statement.all(...parameters).map(plain),
        run: (parameters) => statement.run(...parameters),
        *iterate(parameters) {
          for (const row of statement.iterate(...parameters)) yield plain(row);
        },
      };
    },
  };
}

function openBetterSqlite(file: string): SqliteConnection {
  const Database = require('better-sqlite3') as typeof import('better-sqlite3');
  const db = new Database(file);
  return {
    driver: 'better-sqlite3',
    exec: (sql) => void db.exec(sql),
    close: () => void db.close(),
    prepare: (sql) => db.prepare(sql) as unknown as SqliteStatement,
  };
}
