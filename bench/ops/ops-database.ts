/**
 * The database an ops benchmark section runs the real server on, for each engine: a SQLite file in
 * the section's temporary folder, or the benchmark's own PostgreSQL database on the benchmark server
 * (`BENCH_DATABASE_URL`), dropped and created again at each run so that every run starts from the
 * same empty inbox, and dropped at the end. PostgreSQL names are fixed (not random): a run cut short
 * leaves one database behind, not one per run.
 */
import path from 'node:path';
import pg from 'pg';
import type { BenchEngine } from '../common.js';

export interface OpsDatabase {
  engine: BenchEngine;
  /** What `openDatabase` opens: the SQLite file, or the PostgreSQL URL. */
  location: string;
  /** The real server's environment for it (`DATABASE_URL` on PostgreSQL; SQLite lives under `DATA_DIR`). */
  serverEnv: Record<string, string>;
  /** Where the bare endpoint stores on the same engine (on PostgreSQL, its own table in the same database). */
  bareLocation: string;
  drop(): Promise<void>;
}

export const ENGINE_LABEL: Record<BenchEngine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

async function onServer(serverUrl: string, statements: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** The server URL without its password, for a message. */
function redacted(serverUrl: string): string {
  const url = new URL(serverUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

/**
 * `dataDir`: the section's temporary folder (the SQLite file goes there); `pgName`: a plain
 * identifier for the PostgreSQL database on `serverUrl`.
 */
export async function opsDatabase(engine: BenchEngine, dataDir: string, serverUrl: string, pgName: string): Promise<OpsDatabase> {
  if (engine === 'sqlite') {
    const file = path.join(dataDir, 'bricoleur.sqlite');
    return {
      engine,
      location: file,
      serverEnv: {},
      bareLocation: path.join(dataDir, 'bare.sqlite'),
      drop: async () => undefined,
    };
  }
  if (!/^[a-z_][a-z0-9_]*$/.test(pgName)) throw new Error(`not a plain database name: ${pgName}`);
  const dropStatement = `DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`;
  try {
    await onServer(serverUrl, [dropStatement, `CREATE DATABASE ${pgName}`]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `No PostgreSQL server to benchmark at ${redacted(serverUrl)} (${reason}). Start one, or set BENCH_DATABASE_URL.`,
    );
  }
  const url = new URL(serverUrl);
  url.pathname = `/${pgName}`;
  const location = url.toString();
  return {
    engine,
    location,
    serverEnv: { DATABASE_URL: location },
    bareLocation: location,
    drop: () => onServer(serverUrl, [dropStatement]),
  };
}
