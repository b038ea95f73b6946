/**
 * A real, migrated database for one test file: a SQLite file in a fresh temporary folder, or, on
 * PostgreSQL, a database of its own created from `TEST_DATABASE_URL` and dropped afterwards.
 * Tests that touch the database run on every engine in `engines` (`describe.each(engines)`);
 * without `TEST_DATABASE_URL` the PostgreSQL runs are skipped, and say so.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, it } from 'vitest';
import { type Db, migrate, openDatabase } from '../../storage/db.js';
import type { Engine } from '../../storage/dialect.js';

export interface TempDb {
  db: Db;
  engine: Engine;
  /** What `openDatabase` opens again: the SQLite file, or the PostgreSQL URL. */
  location: string;
  dir: string;
  /** The SQLite file (SQLite only; on PostgreSQL, a path in `dir` nothing writes). */
  file: string;
  cleanup(): Promise<void>;
}

/** The server tests create their PostgreSQL databases on, when there is one. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || null;

/** Every engine a database test runs on: SQLite always, PostgreSQL when `TEST_DATABASE_URL` is set. */
export const ALL_ENGINES: readonly Engine[] = ['sqlite', 'postgres'];
export const engines: readonly Engine[] = TEST_DATABASE_URL ? ALL_ENGINES : ['sqlite'];

export const POSTGRES_SKIPPED = 'PostgreSQL skipped: TEST_DATABASE_URL is not set';

/**
 * `describe` once per engine, titled by it. The PostgreSQL run is reported as skipped, with the
 * reason in its title, when `TEST_DATABASE_URL` is not set, or with `notYet` (what it does not cover
 * yet) when this suite is still SQLite-only. `onlyPostgres`: a suite about PostgreSQL alone.
 */
export function describeEngines(
  title: string,
  body: (engine: Engine) => void,
  options: { notYet?: string; onlyPostgres?: boolean } = {},
): void {
  for (const engine of ALL_ENGINES) {
    if (engine === 'sqlite' && options.onlyPostgres) continue;
    if (engine === 'sqlite') describe(`${title} [sqlite]`, () => body(engine));
    else if (options.notYet) describe.skip(`${title} [postgres: not yet covered: ${options.notYet}]`, () => body(engine));
    else if (!TEST_DATABASE_URL) describe.skip(`${title} [postgres: ${POSTGRES_SKIPPED}]`, () => body(engine));
    else describe(`${title} [postgres]`, () => body(engine));
  }
}

/**
 * For a test file that still runs on SQLite only: one visible skipped entry naming what its
 * PostgreSQL run does not cover yet (one line at the top of the file, so its tests keep their shape).
 */
export function postgresNotYet(suite: string, reason: string): void {
  describe.skip(`${suite} [postgres: not yet covered: ${reason}]`, () => {
    it('runs on PostgreSQL too', () => undefined);
  });
}

/** A new, empty PostgreSQL database on the test server: its URL, and how to drop it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error(POSTGRES_SKIPPED);
  const name = `bricoleur_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * The database a harness keeps across restarts: the SQLite file it names, or a new PostgreSQL
 * database; `drop` removes the PostgreSQL one (the SQLite file goes with its folder).
 */
export async function createDatabaseLocation(
  engine: Engine,
  sqliteFile: string,
): Promise<{ location: string; drop(): Promise<void> }> {
  if (engine === 'sqlite') return { location: sqliteFile, drop: async () => undefined };
  const { url, drop } = await createPostgresDatabase();
  return { location: url, drop };
}

export async function createTempDb(options: { migrate?: boolean; engine?: Engine } = {}): Promise<TempDb> {
  const engine = options.engine ?? 'sqlite';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bricoleur-test-'));
  const file = path.join(dir, 'test.sqlite');
  const server = engine === 'postgres' ? await createPostgresDatabase() : null;
  const location = server?.url ?? file;
  const db = openDatabase(location, { poolSize: 4 });
  if (options.migrate !== false) await migrate(db);
  return {
    db,
    engine,
    location,
    dir,
    file,
    async cleanup() {
      await db.destroy();
      await server?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh temporary folder removed by the returned function. */
export function tempDir(prefix = 'bricoleur-test-'): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
