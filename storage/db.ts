/**
 * Opens the database and brings its schema up to date. SQLite (WAL, foreign keys) under `DATA_DIR`
 * is the default; a `postgres://` location (`DATABASE_URL`) opens PostgreSQL through `pg`'s pool.
 * Each engine has its own frozen migrations (`migrations/` for SQLite, `migrations/postgres/`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { type Engine, engineOf } from './dialect.js';
import { migrationProvider } from './migrations/index.js';
import { postgresMigrationProvider } from './migrations/postgres/index.js';
import type { Database } from './schema.js';
import { openSqlite } from './sqlite-driver.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Repositories take either the database or an open transaction. */
export type DbOrTrx = Db | Trx;

/** Whether a database location is a PostgreSQL URL rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

// `pg` returns bigint (count(*), sum) and numeric as strings; every count here fits a JS number.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

/** Opens a SQLite file (or `:memory:`), or PostgreSQL when `location` is a `postgres://` URL. */
export function openDatabase(location: string, options: { poolSize?: number } = {}): Db {
  if (isPostgresUrl(location)) {
    // As SQLite's `synchronous = NORMAL`: a commit returns before its WAL is flushed (a crash of the
    // database server, not of an instance, may lose the last fraction of a second). Every such write
    // is derived from an inbox row, so replayable; the inbox's group commit itself is durable
    // (`storage/inbox.ts` sets `synchronous_commit = on` for it).
    const pool = new pg.Pool({
      connectionString: location,
      max: options.poolSize ?? 10,
      types,
      options: '-c synchronous_commit=off',
    });
    // An idle connection the server closes (restart, failover, a dropped test database) is taken out
    // of the pool by pg itself; unhandled, its 'error' event would end the whole process. A query on a
    // broken connection still fails in its caller.
    pool.on('error', () => undefined);
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  if (location !== ':memory:') fs.mkdirSync(path.dirname(location), { recursive: true });
  const sqlite = openSqlite(location);
  sqlite.exec('pragma journal_mode = WAL; pragma foreign_keys = ON; pragma busy_timeout = 5000; pragma synchronous = NORMAL;');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

/** Where the configuration puts the database (`Config` has these fields). */
export interface DatabaseSettings {
  databaseUrl: string | null;
  databaseFile: string;
  databasePoolSize: number;
}

/** The configured database: PostgreSQL when `DATABASE_URL` is set, else the SQLite file. */
export function openConfiguredDatabase(settings: DatabaseSettings): Db {
  return openDatabase(settings.databaseUrl ?? settings.databaseFile, { poolSize: settings.databasePoolSize });
}

function migrator(db: Kysely<any>): Migrator {
  const engine: Engine = engineOf(db);
  // Branches merge migrations named by their own prefixes: one merged later may sort before one a
  // database already ran (e.g. `02-gallery` after `06-animation`); it still runs, once.
  return new Migrator({
    db,
    provider: engine === 'postgres' ? postgresMigrationProvider : migrationProvider,
    allowUnorderedMigrations: true,
  });
}

/** Runs every pending migration, or up to `target` when given (for tests of older versions). */
export async function migrate(db: Kysely<any>, target?: string): Promise<string[]> {
  const m = migrator(db);
  const { error, results } = target ? await m.migrateTo(target) : await m.migrateToLatest();
  if (error) throw new Error(`Database migration failed: ${error instanceof Error ? error.message : String(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The schema is older than this code: an instance refuses to serve it. */
export class SchemaBehindError extends Error {
  readonly pending: string[];
  constructor(pending: string[]) {
    super(
      `The database schema is behind this version: ${pending.length} migration(s) not applied (${pending.join(', ')}). ` +
        'Run `npm run migrate` once (with the same DATABASE_URL), then start the instances.',
    );
    this.name = 'SchemaBehindError';
    this.pending = pending;
  }
}

/** Migrations this code knows that the database has not run. */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/** Throws SchemaBehindError when a migration is pending (instances on a shared database never migrate). */
export async function assertSchemaCurrent(db: Kysely<any>): Promise<void> {
  const pending = await pendingMigrations(db);
  if (pending.length > 0) throw new SchemaBehindError(pending);
}

/**
 * Before serving: SQLite (one process, `npm start` with no configuration) migrates itself; on
 * PostgreSQL, shared by instances that must never migrate at once, `npm run migrate` does it once
 * and an instance refuses a schema that is behind. Returns the migrations applied here.
 */
export async function prepareSchema(db: Kysely<any>): Promise<string[]> {
  if (engineOf(db) === 'sqlite') return migrate(db);
  await assertSchemaCurrent(db);
  return [];
}

export function nowIso(): string {
  return new Date().toISOString();
}
