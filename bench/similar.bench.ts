/**
 * The similarity score (issue 17): its evaluation, then its cost.
 * 1. The labelled set (`bench/similar-evaluation.json`) in a fresh database: precision and recall
 *    at 3 and the share of unrelated texts left without suggestion, around the thresholds, and the
 *    thresholds the rule of `bench/similar-evaluation.ts` chooses.
 * 2. One suggestion (`findSimilar` on a draft's title and problem, as the bot asks right after the
 *    problem) on the synthetic database of N bricolages (default 100,000; target p99 ≤ 5 ms): every
 *    text of the set and synthetic texts built from the seed's own vocabulary (every word common),
 *    each `--rounds` times (10), after a warm-up; then each text once right after a write (the data
 *    version moves, so nothing is memoised); then the bricolage page's section (`similarOnPage`).
 * Options: --bricolages N (100000), --rounds (10), --evaluation-only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { migrate, openDatabase } from '../storage/db.js';
import { similarOnPage } from '../storage/gallery/similar.js';
import { findSimilar, SIMILAR_THRESHOLD } from '../storage/search/similar.js';
import { numberArg, percentile, sqliteOnly, syntheticDatabase } from './common.js';
import {
  chooseThresholds,
  type Figures,
  figuresAt,
  loadEvaluationSet,
  scoreEvaluationSet,
  storeEvaluationSet,
  TARGETS,
} from './similar-evaluation.js';
import { problem, seededRandom, title } from './synthetic.js';

const BRICOLAGES = numberArg('bricolages', 100_000);
const ROUNDS = numberArg('rounds', 10);
const pct = (x: number) => `${(x * 100).toFixed(0)} %`.padStart(6);
const line = (f: Figures) =>
  `  ${f.threshold.toFixed(2)}   precision@3 ${pct(f.precision)}   recall@3 ${pct(f.recall)}   unrelated silent ${pct(f.silent)}`;

async function evaluation(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bricoleur-similar-'));
  const db = openDatabase(path.join(dir, 'evaluation.sqlite'));
  try {
    await migrate(db);
    const set = loadEvaluationSet();
    const ids = await storeEvaluationSet(db, set);
    const scored = await scoreEvaluationSet(db, set, ids);
    console.log(
      `evaluation set: ${set.bricolages.length} bricolages, ${set.paraphrases.length} paraphrases, ${set.unrelated.length} unrelated texts`,
    );
    for (const t of [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55]) console.log(line(figuresAt(scored, t)));
    const chosen = chooseThresholds(scored);
    console.log(`chosen suggestion threshold (best F0.5 with ≥ ${pct(TARGETS.silent).trim()} unrelated silent):`);
    console.log(line(chosen.suggestion));
    console.log('chosen duplicate threshold (lowest from there with no unrelated suggestion and every suggestion right):');
    console.log(line(chosen.duplicate));
    console.log(
      `in code: SIMILAR_THRESHOLD ${SIMILAR_THRESHOLD}${SIMILAR_THRESHOLD === chosen.suggestion.threshold ? '' : '  ← differs from the chosen one'}`,
    );
    console.log(
      `targets: unrelated silent ≥ ${pct(TARGETS.silent).trim()}, paraphrase's original shown ≥ ${pct(TARGETS.recall).trim()}: ${
        chosen.suggestion.silent >= TARGETS.silent && chosen.suggestion.recall >= TARGETS.recall ? 'met' : 'NOT MET'
      }`,
    );
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Times {
  wall: number[];
  cpu: number[];
}

/** Runs `work`, adding its wall time and this process's CPU time (in ms) to `times`. */
async function timed<T>(times: Times, work: () => Promise<T>): Promise<T> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  times.wall.push(performance.now() - started);
  const used = process.cpuUsage(cpu);
  times.cpu.push((used.user + used.system) / 1000);
  return result;
}

function summary(label: string, times: Times): string {
  const f = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const ms = (p: number) => `${percentile(sorted, p).toFixed(2)} ms`;
    return `p50 ${ms(50)}, p99 ${ms(99)}, max ${sorted[sorted.length - 1].toFixed(2)} ms`;
  };
  return `  ${label} (${times.wall.length} runs)\n    wall ${f(times.wall)}\n    CPU  ${f(times.cpu)}`;
}

async function cost(): Promise<void> {
  const { file } = await syntheticDatabase(BRICOLAGES);
  const db = openDatabase(file);
  await migrate(db);
  const set = loadEvaluationSet();
  const random = seededRandom(17);
  const texts = [
    ...[...set.paraphrases, ...set.unrelated].map((t) => ({ title: t.title, problem: t.problem })),
    ...Array.from({ length: 30 }, () => ({ title: title(random), problem: problem(random) })),
  ];
  for (const text of texts.slice(0, 10)) await findSimilar(db, text, { limit: 3 });
  const suggestion: Times = { wall: [], cpu: [] };
  let suggested = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const text of texts) {
      const found = await timed(suggestion, () => findSimilar(db, text, { limit: 3 }));
      if (round === 0 && found.length > 0) suggested++;
    }
  }
  // The same texts after a write each: the memo of word statistics and candidates starts empty,
  // as for the first suggestion after a like, a comment or a publication.
  const afterWrite: Times = { wall: [], cpu: [] };
  for (const text of texts) {
    await sql`UPDATE gallery_version SET version = version + 1 WHERE id = 1`.execute(db);
    await timed(afterWrite, () => findSimilar(db, text, { limit: 3 }));
  }
  const ids = (await db.selectFrom('bricolages').select('id').where('status', '=', 'published').orderBy('id').execute()).map(
    (r) => r.id,
  );
  const page: Times = { wall: [], cpu: [] };
  for (let i = 0; i < Math.min(200, ROUNDS * 20); i++) {
    const id = ids[Math.floor(random() * ids.length)];
    await timed(page, () => similarOnPage(db, id, 4));
  }
  console.log(`\nat ${ids.length.toLocaleString('en')} published bricolages (${texts.length} texts, ${ROUNDS} rounds each):`);
  console.log(summary('suggestion (findSimilar on a title and a problem)', suggestion));
  console.log(`  texts with a suggestion: ${suggested} of ${texts.length} (synthetic data repeats its titles)`);
  console.log(summary('suggestion, each right after a write (nothing memoised)', afterWrite));
  console.log(summary('bricolage page section (similarOnPage)', page));
  console.log(
    `  load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  await db.destroy();
}

sqliteOnly('similar');
await evaluation();
if (!process.argv.includes('--evaluation-only')) await cost();
