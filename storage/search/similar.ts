/**
 * "Ça existe déjà ?": published bricolages that solve the same problem as a text (a draft's title
 * and problem) or as another bricolage. Built on the search index (`storage/search/search.ts`), no outside
 * service:
 * - the text's words are stemmed (`domain/similar-words.ts`: stop words dropped, accents and case ignored,
 *   plural and feminine endings matched), and each stem is weighed by its rarity (inverse document
 *   frequency, from `termShares`: exact for a word found in at most 100 bricolages);
 * - the index gives the candidates: the bricolages holding any of the rarer stems (as prefixes) in
 *   their title, problem or steps, best first by bm25 (title and problem weigh most);
 * - each candidate scores the share of the text's weight it covers: a stem found in its title or
 *   problem counts whole, one found only in its steps counts STEPS_FACTOR; the same category adds
 *   CATEGORY_BONUS. A score is between 0 and 1 (plus the bonus), so one threshold fits every text.
 * The thresholds are chosen from the evaluation set (`bench/similar-evaluation.json`, see
 * `bench/similar-evaluation.ts`); a test checks they are still the ones it chooses.
 */
import { sql } from 'kysely';
import { type QueryStem, queryStems, textStems } from '../../domain/similar-words.js';
import type { DbOrTrx } from '../db.js';
import { engineOf, unindexed } from '../dialect.js';
import { termShares } from './search.js';
import { similarCandidatesPostgres, stemSharesPostgres } from './similar-postgres.js';

/** A suggestion is shown from this score on (chosen from the evaluation set: see the file comment). */
export const SIMILAR_THRESHOLD = 0.41;
/** A pair of bricolages is a likely duplicate from this score on (no unrelated pair of the set reaches it). */
export const DUPLICATE_THRESHOLD = 0.41;
/** A stem found only in a candidate's steps counts this much: steps weigh less than title and problem. */
export const STEPS_FACTOR = 0.5;
/** Added when the text and the candidate have the same category (known for bricolages, not drafts). */
export const CATEGORY_BONUS = 0.05;
/** Candidates read from the index and scored: the bm25 best of the rarer stems. */
const CANDIDATES = 20;
/** Stems looked up at most (the first ones: title, then problem). */
const MAX_STEMS = 20;
/**
 * Matches bm25 may rank, at most: the rarest stems fetch the candidates while their matches add up to
 * this (bm25 reads every match of the stems it ranks by: about a microsecond each). The others still
 * count in the score. A text made only of words found in more bricolages than this takes the newest
 * bricolages holding its two rarest stems.
 */
const FETCH_BUDGET = 2_000;

/** What is compared: a draft's title and problem, or a bricolage's. */
export interface SimilarText {
  title: string;
  problem: string;
  /** Known for a bricolage; a draft has none yet when the suggestion is made. */
  category?: string;
}

export interface SimilarOptions {
  limit: number;
  /** Lowest score kept; SIMILAR_THRESHOLD unless given (0 for the evaluation, to see every score). */
  threshold?: number;
  /** Bricolages never returned (the bricolage itself, on its page). */
  excludeIds?: number[];
  /** Bricolages by this author are not returned (an agent is not told about their own). */
  excludeAuthorId?: number;
}

export interface SimilarMatch {
  id: number;
  score: number;
  /** The candidate's author's mairie (stored slug), so callers can put other mairies first. */
  mairie: string | null;
  publishedAt: string;
}

interface WeighedStem extends QueryStem {
  weight: number;
  /** Bricolages holding it (estimated past 100, see `termShares`). */
  df: number;
}

/** The text's stems with their weights: rarity times where they are (title and problem alike). */
async function weighedStems(db: DbOrTrx, text: SimilarText): Promise<{ stems: WeighedStem[]; total: number }> {
  const seen = new Map<string, QueryStem>();
  for (const s of [...queryStems(text.title), ...queryStems(text.problem)]) if (!seen.has(s.stem)) seen.set(s.stem, s);
  const stems = [...seen.values()].slice(0, MAX_STEMS);
  if (stems.length === 0) return { stems: [], total: 0 };
  const { rowids, shares } =
    engineOf(db) === 'postgres'
      ? await stemSharesPostgres(
          db,
          stems.map((s) => s.stem),
        )
      : await termShares(db, stems.map(ftsTerm));
  const n = Math.max(1, rowids);
  const weighed = stems.map((s, i) => {
    const df = shares[i] * n;
    // bm25's inverse document frequency (as FTS5 computes it), never below zero. A word no bricolage
    // has yet weighs as one found once: in a young gallery, every word would otherwise outweigh
    // the ones it shares with the few bricolages there are.
    const counted = Math.max(1, df);
    return { ...s, df, weight: Math.log(1 + (n - counted + 0.5) / (counted + 0.5)) };
  });
  return { stems: weighed, total: weighed.reduce((sum, s) => sum + s.weight, 0) };
}

/** A stem as an FTS5 prefix term, quoted (no operator injection). */
function ftsTerm(stem: QueryStem): string {
  return `"${stem.prefix}"*`;
}

interface Candidate {
  id: number;
  title: string;
  problem: string;
  steps: string;
  category: string;
  mairie: string | null;
  authorId: number;
  publishedAt: string;
}

/** The bm25 best of the bricolages holding any of the rarer stems in their title, problem or steps. */
async function candidates(db: DbOrTrx, stems: WeighedStem[], exclude: number[]): Promise<Candidate[]> {
  const found = stems.filter((s) => s.df > 0).sort((a, b) => a.df - b.df);
  if (found.length === 0) return [];
  const fetching: WeighedStem[] = [];
  let reads = 0;
  for (const s of found) {
    if (reads + s.df > FETCH_BUDGET) break;
    fetching.push(s);
    reads += s.df;
  }
  const limit = CANDIDATES + exclude.length;
  const ranked =
    engineOf(db) === 'postgres'
      ? {
          rows: await similarCandidatesPostgres(
            db,
            (fetching.length > 0 ? fetching : found.slice(0, 2)).map((s) => s.stem),
            fetching.length > 0,
            limit,
          ),
        }
      : fetching.length > 0
        ? await sql<{ id: number; steps: string }>`
    SELECT rowid AS id, steps FROM bricolage_fts
    WHERE bricolage_fts MATCH ${`{title problem steps} : (${fetching.map(ftsTerm).join(' OR ')})`}
    ORDER BY bm25(bricolage_fts, 3.0, 3.0, 1.0, 0.0, 0.0) LIMIT ${limit}`.execute(db)
        : await sql<{ id: number; steps: string }>`
    SELECT rowid AS id, steps FROM bricolage_fts
    WHERE bricolage_fts MATCH ${`{title problem steps} : (${found.slice(0, 2).map(ftsTerm).join(' AND ')})`}
    ORDER BY rowid DESC LIMIT ${limit}`.execute(db);
  const rows = ranked.rows.filter((r) => !exclude.includes(Number(r.id)));
  if (rows.length === 0) return [];
  const stepsOf = new Map(rows.map((r) => [Number(r.id), r.steps]));
  const details = await db
    .selectFrom('bricolages as b')
    .innerJoin('agents as a', 'a.id', 'b.author_id')
    .select(['b.id', 'b.title', 'b.problem', 'b.category', 'b.published_at', 'b.author_id', 'a.mairie'])
    .where('b.id', 'in', [...stepsOf.keys()])
    // "+": looked up by id; without it SQLite may walk the status index over every published row.
    .where(unindexed(db, 'b.status'), '=', 'published')
    .execute();
  return details.map((d) => ({
    id: d.id,
    title: d.title,
    problem: d.problem,
    steps: stepsOf.get(d.id) ?? '',
    category: d.category,
    mairie: d.mairie,
    authorId: d.author_id,
    publishedAt: d.published_at ?? '',
  }));
}

/** The share of the text's weight a candidate covers (see the file comment), plus the category bonus. */
function score(stems: WeighedStem[], total: number, candidate: Candidate, category: string | undefined): number {
  if (total <= 0) return 0;
  const main = new Set([...textStems(candidate.title), ...textStems(candidate.problem)]);
  const steps = new Set(textStems(candidate.steps));
  let covered = 0;
  for (const s of stems) covered += main.has(s.stem) ? s.weight : steps.has(s.stem) ? s.weight * STEPS_FACTOR : 0;
  return covered / total + (category && category === candidate.category ? CATEGORY_BONUS : 0);
}

/** Published bricolages similar to a text, best first, from `threshold` on. */
export async function findSimilar(db: DbOrTrx, text: SimilarText, options: SimilarOptions): Promise<SimilarMatch[]> {
  const threshold = options.threshold ?? SIMILAR_THRESHOLD;
  const { stems, total } = await weighedStems(db, text);
  const found = await candidates(db, stems, options.excludeIds ?? []);
  return found
    .filter((c) => c.authorId !== options.excludeAuthorId)
    .map((c) => ({ id: c.id, mairie: c.mairie, publishedAt: c.publishedAt, score: score(stems, total, c, text.category) }))
    .filter((m) => m.score >= threshold)
    .sort((a, b) => b.score - a.score || b.id - a.id)
    .slice(0, options.limit);
}
