/**
 * `/preuves` in storage, uncached (what the page cache builds once per data version): the referent's
 * list (reach of every adopted bricolage, filtered, ordered, paged, with the page's details) and the
 * announcement job's query, against a bare baseline in the same run: the gallery's plain first page
 * of bricolages. Runs alternate; prints the median and p90 in ms and the ratio to the baseline.
 * Options: --bricolages N (10000; seeds `data-bench/<N>/` when missing), --runs (30), --min (3).
 */
import { migrate, openDatabase } from '../storage/db.js';
import { countBricolages, listBricolages } from '../storage/gallery/list.js';
import { listProven } from '../storage/gallery/proven-report.js';
import { unannouncedProven } from '../storage/proven.js';
import { numberArg, percentile, sqliteOnly, syntheticDatabase } from './common.js';

const BRICOLAGES = numberArg('bricolages', 10_000);
const RUNS = numberArg('runs', 30);
const MIN = numberArg('min', 3);

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

async function main(): Promise<void> {
  sqliteOnly('proven');
  const { file } = await syntheticDatabase(BRICOLAGES);
  const db = openDatabase(file);
  await migrate(db);
  console.log(`${await countBricolages(db)} published bricolages, threshold ${MIN}`);
  const cases: [string, () => Promise<unknown>][] = [
    ['baseline: first page of /bricolages', () => listBricolages(db, { limit: 20 })],
    ['/preuves first page', () => listProven(db, { min: MIN, limit: 20 })],
    ['/preuves, status unproposed', () => listProven(db, { min: MIN, status: 'unproposed', limit: 20 })],
    ['announcement job query', () => unannouncedProven(db, MIN)],
  ];
  const times = new Map<string, number[]>(cases.map(([name]) => [name, []]));
  for (const [, run] of cases) await run();
  for (let i = 0; i < RUNS; i++) {
    for (const [name, run] of cases) {
      const started = performance.now();
      await run();
      times.get(name)?.push(performance.now() - started);
    }
  }
  const baseline = percentile(sorted(times.get(cases[0][0]) ?? []), 50);
  for (const [name] of cases) {
    const t = times.get(name) ?? [];
    const median = percentile(sorted(t), 50);
    console.log(
      `${name.padEnd(38)} median ${median.toFixed(1).padStart(7)} ms  p90 ${percentile(sorted(t), 90).toFixed(1).padStart(7)} ms  ×${(median / baseline).toFixed(1)}`,
    );
  }
  await db.destroy();
}

await main();
