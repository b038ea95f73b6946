/** What the gallery and proven benchmarks share: their arguments, their seeded database, percentiles. */
import fs from 'node:fs';
import path from 'node:path';
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

/** The value at percentile `p` (0–100) of ascending `sorted` values. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
