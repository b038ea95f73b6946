/** Opens the SQLite database (WAL, foreign keys) and brings its schema up to date. */
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, SqliteDialect, type Transaction } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';
import { openSqlite } from './sqlite-driver.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Repositories take either the database or an open transaction. */
export type DbOrTrx = Db | Trx;

export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = openSqlite(file);
  sqlite.exec('pragma journal_mode = WAL; pragma foreign_keys = ON; pragma busy_timeout = 5000; pragma synchronous = NORMAL;');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

/** Runs every pending migration, or up to `target` when given (for tests of older versions). */
export async function migrate(db: Kysely<any>, target?: string): Promise<string[]> {
  // Branches merge migrations named by their own prefixes: one merged later may sort before one a
  // database already ran (e.g. `02-gallery` after `06-animation`); it still runs, once.
  const migrator = new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: true });
  const { error, results } = target ? await migrator.migrateTo(target) : await migrator.migrateToLatest();
  if (error) throw new Error(`Database migration failed: ${error instanceof Error ? error.message : String(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export function nowIso(): string {
  return new Date().toISOString();
}
