/** What the gallery and proven benchmarks share: their arguments, their seeded database, percentiles. */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { projectRoot } from '../gallery/project-root.js';
import { migrate, openDatabase } from '../storage/db.js';
import { countBricolages } from '../storage/gallery/list.js';
import { seedSynthetic } from './seed.js';

/** The project folder (benchmarks run compiled, from `dist/bench/`). */
export const ROOT = projectRoot();

/** `--name N` from the command line, a positive number, else `fallback`. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export type BenchEngine = 'sqlite' | 'postgres';

/**
 * `--engine sqlite|postgres|both` (default sqlite): the engines a benchmark measures, side by side in
 * one run when both. PostgreSQL is reached through `BENCH_DATABASE_URL` (a server URL whose
 * database the benchmark may replace with its own, default `postgres://postgres@127.0.0.1:5432/postgres`).
 */
export function engineArg(): BenchEngine[] {
  const i = process.argv.indexOf('--engine');
  const value = i >= 0 ? process.argv[i + 1] : 'sqlite';
  if (value === 'both') return ['sqlite', 'postgres'];
  if (value === 'sqlite' || value === 'postgres') return [value];
  console.error(`--engine: sqlite, postgres or both (not ${value}).`);
  process.exit(2);
}

/**
 * For a benchmark that measures SQLite only: says so in one line when PostgreSQL is asked for, and
 * ends the process (exit 0) when it is the only engine asked for.
 */
export function sqliteOnly(benchmark: string): void {
  const engines = engineArg();
  if (!engines.includes('postgres')) return;
  console.log(`${benchmark}: measured on SQLite only.`);
  if (!engines.includes('sqlite')) process.exit(0);
}

/** The PostgreSQL server the benchmarks create their databases on. */
export const BENCH_SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** `data-bench/<N>/bricoleur.sqlite`, seeded with N synthetic bricolages unless it already holds them. */
export async function syntheticDatabase(bricolages: number): Promise<{ dir: string; file: string }> {
  const dir = path.join(ROOT, 'data-bench', String(bricolages));
  const file = path.join(dir, 'bricoleur.sqlite');
  if (fs.existsSync(file)) {
    const db = openDatabase(file);
    await migrate(db);
    const count = await countBricolages(db);
    await db.destroy();
    if (count === bricolages) return { dir, file };
  }
  console.log(`Seeding ${bricolages} bricolages into ${dir} …`);
  const result = await seedSynthetic({ bricolages, dir });
  console.log(`Seeded in ${result.seconds.toFixed(1)} s.`);
  return { dir, file };
}

/** Where a benchmark's server and storage point for one engine's seeded database. */
export interface BenchDatabase {
  engine: BenchEngine;
  /** What `openDatabase` takes: the SQLite file, or the PostgreSQL URL. */
  location: string;
  /** The server's `DATA_DIR`: its photos are in `<dataDir>/media`. */
  dataDir: string;
  mediaDir: string;
  /** The environment a server process needs for this database (`DATA_DIR`, and `DATABASE_URL` on PostgreSQL). */
  env: Record<string, string>;
}

/**
 * N synthetic bricolages on `engine`, seeded once and reused: on SQLite `data-bench/<N>/bricoleur.sqlite`
 * (`syntheticDatabase`), on PostgreSQL the database `bricoleur_bench_<N>` on BENCH_SERVER_URL's server
 * (photos in `data-bench/<N>/postgres/media`), recreated and seeded unless a finished seed of N is there.
 */
export async function benchDatabase(engine: BenchEngine, bricolages: number): Promise<BenchDatabase> {
  if (engine === 'sqlite') {
    const { dir, file } = await syntheticDatabase(bricolages);
    return { engine, location: file, dataDir: dir, mediaDir: path.join(dir, 'media'), env: { DATA_DIR: dir } };
  }
  const name = `bricoleur_bench_${bricolages}`;
  const url = new URL(BENCH_SERVER_URL);
  url.pathname = `/${name}`;
  const location = url.toString();
  const dataDir = path.join(ROOT, 'data-bench', String(bricolages), 'postgres');
  const mediaDir = path.join(dataDir, 'media');
  const done = `bricoleur bench: ${bricolages} bricolages seeded`;
  const server = openDatabase(BENCH_SERVER_URL, { poolSize: 1 });
  try {
    const found = await sql<{ comment: string | null }>`
      SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = ${name}`.execute(server);
    if (found.rows[0]?.comment === done && fs.existsSync(mediaDir)) {
      const db = openDatabase(location, { poolSize: 1 });
      try {
        await migrate(db);
        if ((await countBricolages(db)) === bricolages)
          return { engine, location, dataDir, mediaDir, env: pgEnv(dataDir, location) };
      } finally {
        await db.destroy();
      }
    }
    console.log(`Seeding ${bricolages} bricolages into the PostgreSQL database ${name} …`);
    await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(server);
    await sql`CREATE DATABASE ${sql.id(name)}`.execute(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
    const result = await seedSynthetic({ bricolages, dir: dataDir, location });
    // Marked only once complete: an interrupted seed is redone next time.
    await sql`COMMENT ON DATABASE ${sql.id(name)} IS ${sql.lit(done)}`.execute(server);
    console.log(`Seeded in ${result.seconds.toFixed(1)} s.`);
    return { engine, location, dataDir, mediaDir, env: pgEnv(dataDir, location) };
  } finally {
    await server.destroy();
  }
}

function pgEnv(dataDir: string, location: string): Record<string, string> {
  return { DATA_DIR: dataDir, DATABASE_URL: location };
}

/** The value at percentile `p` (0–100) of ascending `sorted` values. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
