/**
 * The similarity score's evaluation (issue 17 step 5), shared by `npm run bench -- --only similar`
 * and `test/similar-evaluation.test.ts`: the labelled set of `bench/similar-evaluation.json` is
 * stored as published bricolages, every paraphrase and unrelated text is scored against them, and
 * the thresholds are chosen from the scores by a fixed rule (`chooseThresholds`), not guessed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../gallery/project-root.js';
import { ensureAgent } from '../storage/agents.js';
import { insertBricolage } from '../storage/bricolages.js';
import type { DbOrTrx } from '../storage/db.js';
import { findSimilar } from '../storage/search/similar.js';

interface Text {
  mairie: string;
  category: string;
  title: string;
  problem: string;
}

export interface EvaluationSet {
  bricolages: (Text & { key: string; steps: string[] })[];
  /** The same problem as bricolage `of`, in other words, by an agent of another mairie. */
  paraphrases: (Text & { of: string })[];
  /** Another problem; `near` is the bricolage it shares words with, if any. */
  unrelated: (Text & { near?: string; shares?: string[] })[];
}

export function loadEvaluationSet(): EvaluationSet {
  return JSON.parse(fs.readFileSync(path.join(projectRoot(), 'bench', 'similar-evaluation.json'), 'utf8')) as EvaluationSet;
}

/** Stores the set's bricolages, one author per mairie; returns the bricolage id of each key. */
export async function storeEvaluationSet(db: DbOrTrx, set: EvaluationSet): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const b of set.bricolages) {
    const author = await ensureAgent(db, {
      platform: 'local',
      platformUserId: `eval-${b.mairie}`,
      displayName: `Agent ${b.mairie}`,
      mairie: b.mairie,
    });
    const id = await insertBricolage(db, {
      authorId: author.id,
      title: b.title,
      problem: b.problem,
      category: b.category,
      steps: b.steps.map((text) => ({ text, photoHashes: [] })),
    });
    ids.set(b.key, id);
  }
  return ids;
}

/** How many suggestions the bot shows at most; "at 3" in the figures. */
export const SHOWN = 3;

export interface ScoredText {
  kind: 'paraphrase' | 'unrelated';
  title: string;
  /** The bricolage that should be suggested (paraphrases only). */
  expected?: number;
  /** The SHOWN best candidates with their scores, whatever the threshold. */
  best: { id: number; score: number }[];
}

/** Each text of the set as the bot sees a draft when it suggests: title and problem, no category yet. */
export async function scoreEvaluationSet(db: DbOrTrx, set: EvaluationSet, ids: Map<string, number>): Promise<ScoredText[]> {
  const scored: ScoredText[] = [];
  for (const p of set.paraphrases) {
    const best = await findSimilar(db, { title: p.title, problem: p.problem }, { limit: SHOWN, threshold: 0 });
    scored.push({ kind: 'paraphrase', title: p.title, expected: ids.get(p.of), best });
  }
  for (const u of set.unrelated) {
    const best = await findSimilar(db, { title: u.title, problem: u.problem }, { limit: SHOWN, threshold: 0 });
    scored.push({ kind: 'unrelated', title: u.title, best });
  }
  return scored;
}

export interface Figures {
  threshold: number;
  /** Share of the paraphrases whose original is among the suggestions shown. */
  recall: number;
  /** Share of the suggestions shown that are the right original. */
  precision: number;
  /** Share of the unrelated texts that get no suggestion at all. */
  silent: number;
}

/** Precision and recall at SHOWN, and silence on unrelated texts, at one threshold. */
export function figuresAt(scored: ScoredText[], threshold: number): Figures {
  let paraphrases = 0;
  let found = 0;
  let shown = 0;
  let right = 0;
  let unrelated = 0;
  let silent = 0;
  for (const s of scored) {
    const suggested = s.best.filter((b) => b.score >= threshold);
    shown += suggested.length;
    if (s.kind === 'paraphrase') {
      paraphrases++;
      if (suggested.some((b) => b.id === s.expected)) {
        found++;
        right++;
      }
    } else {
      unrelated++;
      if (suggested.length === 0) silent++;
    }
  }
  return {
    threshold,
    recall: found / Math.max(1, paraphrases),
    precision: shown === 0 ? 1 : right / shown,
    silent: silent / Math.max(1, unrelated),
  };
}

/** Targets of the issue: no suggestion for 90 % of the unrelated texts, the original for 75 % of the paraphrases. */
export const TARGETS = { silent: 0.9, recall: 0.75 } as const;

/** Thresholds tried: every hundredth from 0.05 to 1. */
const GRID = Array.from({ length: 96 }, (_, i) => (i + 5) / 100);

/** F-score weighing precision twice as much as recall: a wrong suggestion teaches agents to ignore the bot. */
function fHalf(f: Figures): number {
  const b2 = 0.25;
  return f.precision + f.recall === 0 ? 0 : ((1 + b2) * f.precision * f.recall) / (b2 * f.precision + f.recall);
}

/**
 * The rule that picks the thresholds from the scores:
 * - suggestion: among the thresholds that keep at least TARGETS.silent of the unrelated texts
 *   silent, the one with the best F0.5 (the higher one on a tie);
 * - likely duplicate: the lowest threshold, not below the suggestion's, at which no unrelated text
 *   gets a suggestion and every suggestion is right.
 */
export function chooseThresholds(scored: ScoredText[]): { suggestion: Figures; duplicate: Figures } {
  const all = GRID.map((t) => figuresAt(scored, t));
  const quiet = all.filter((f) => f.silent >= TARGETS.silent);
  const suggestion = quiet.length === 0 ? all[all.length - 1] : quiet.reduce((best, f) => (fHalf(f) >= fHalf(best) ? f : best));
  const duplicate =
    all.find((f) => f.threshold >= suggestion.threshold && f.silent === 1 && f.precision === 1) ?? all[all.length - 1];
  return { suggestion, duplicate };
}
