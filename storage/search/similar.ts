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
 * Only the word statistics and the candidates' ranking ask the index (`SimilarIndex`, FTS5 here);
 * the rest is plain SQL and code. The statistics and the candidates' stems are memoised for one data
 * version (`Memo`): the same common words and popular bricolages come back in text after text.
 */
import { sql } from 'kysely';
import { type QueryStem, queryStems, textStems } from '../../domain/similar-words.js';
import { readDataVersion } from '../data-version.js';
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

/** What the score needs of a candidate, kept while the data version holds (see `Memo`). */
interface Profile {
  id: number;
  /** Stems of its title and problem, and of its steps. */
  main: Set<string>;
  steps: Set<string>;
  category: string;
  mairie: string | null;
  authorId: number;
  publishedAt: string;
}

/**
 * What the score asks the full-text index: the only engine-specific part, FTS5's below and
 * PostgreSQL's text search beside it (`similar-postgres.ts`).
 */
interface SimilarIndex {
  /** Names the database and the state of its data: memoised statistics hold while it does. */
  version(db: DbOrTrx): Promise<string>;
  /** How many bricolages the index holds, and how many of them hold each stem (as a prefix). */
  frequencies(db: DbOrTrx, stems: QueryStem[]): Promise<{ size: number; df: number[] }>;
  /**
   * Up to `limit` ids: the best by relevance (title and problem weigh most) of those holding any of
   * `ranked`; when `ranked` is empty, the newest holding every one of `required`.
   */
  candidates(db: DbOrTrx, ranked: QueryStem[], required: QueryStem[], limit: number): Promise<number[]>;
}

/** A stem as an FTS5 prefix term, quoted (no operator injection). */
function ftsTerm(stem: QueryStem): string {
  return `"${stem.prefix}"*`;
}

const fts5: SimilarIndex = {
  async version(db) {
    // The file tells two databases of one process apart (tests open many), the data version their states.
    const file = await sql<{ file: string }>`SELECT file FROM pragma_database_list WHERE name = 'main'`.execute(db);
    return `${file.rows[0]?.file ?? ''}#${await readDataVersion(db)}`;
  },
  async frequencies(db, stems) {
    const { rowids, shares } = await termShares(db, stems.map(ftsTerm));
    const size = Math.max(1, rowids);
    return { size, df: shares.map((share) => share * size) };
  },
  async candidates(db, ranked, required, limit) {
    const found =
      ranked.length > 0
        ? await sql<{ id: number }>`
    SELECT rowid AS id FROM bricolage_fts
    WHERE bricolage_fts MATCH ${`{title problem steps} : (${ranked.map(ftsTerm).join(' OR ')})`}
    ORDER BY bm25(bricolage_fts, 3.0, 3.0, 1.0, 0.0, 0.0) LIMIT ${limit}`.execute(db)
        : await sql<{ id: number }>`
    SELECT rowid AS id FROM bricolage_fts
    WHERE bricolage_fts MATCH ${`{title problem steps} : (${required.map(ftsTerm).join(' AND ')})`}
    ORDER BY rowid DESC LIMIT ${limit}`.execute(db);
    return found.rows.map((r) => Number(r.id));
  },
};

const postgres: SimilarIndex = {
  async version(db) {
    // Tests open a database per file on one server: its name tells them apart.
    const name = await sql<{ name: string }>`SELECT current_database() AS name`.execute(db);
    return `${name.rows[0]?.name ?? ''}#${await readDataVersion(db)}`;
  },
  async frequencies(db, stems) {
    const { rowids, shares } = await stemSharesPostgres(
      db,
      stems.map((s) => s.stem),
    );
    const size = Math.max(1, rowids);
    return { size, df: shares.map((share) => share * size) };
  },
  async candidates(db, ranked, required, limit) {
    const stems = (ranked.length > 0 ? ranked : required).map((s) => s.stem);
    return (await similarCandidatesPostgres(db, stems, ranked.length > 0, limit)).map((r) => Number(r.id));
  },
};

/**
 * Word statistics and candidates' profiles, memoised for one version of one database (a page, the
 * dashboard's 200 comparisons, suggestions between two writes). Any write the gallery shows moves
 * the data version and starts a new memo; its sizes are bounded. (A transaction that writes,
 * suggests, then rolls back leaves a memo of a version number the next write reaches again: until
 * the one after, the statistics and stems read are those of the rolled-back write.)
 */
interface Memo {
  version: string;
  size: number;
  df: Map<string, number>;
  profiles: Map<number, Profile>;
}
const MEMO_ENTRIES = 5_000;
let memo: Memo = { version: '', size: 0, df: new Map(), profiles: new Map() };

async function memoFor(db: DbOrTrx, index: SimilarIndex): Promise<Memo> {
  const version = await index.version(db);
  if (memo.version !== version) memo = { version, size: 0, df: new Map(), profiles: new Map() };
  if (memo.df.size > MEMO_ENTRIES) memo.df.clear();
  if (memo.profiles.size > MEMO_ENTRIES) memo.profiles.clear();
  return memo;
}

/** The text's stems with their weights: rarity times where they are (title and problem alike). */
async function weighedStems(
  db: DbOrTrx,
  index: SimilarIndex,
  cache: Memo,
  text: SimilarText,
): Promise<{ stems: WeighedStem[]; total: number }> {
  const seen = new Map<string, QueryStem>();
  for (const s of [...queryStems(text.title), ...queryStems(text.problem)]) if (!seen.has(s.stem)) seen.set(s.stem, s);
  const stems = [...seen.values()].slice(0, MAX_STEMS);
  if (stems.length === 0) return { stems: [], total: 0 };
  const missing = stems.filter((s) => !cache.df.has(s.prefix));
  if (missing.length > 0) {
    const { size, df } = await index.frequencies(db, missing);
    cache.size = size;
    for (const [i, s] of missing.entries()) cache.df.set(s.prefix, df[i]);
  }
  const n = cache.size;
  const weighed = stems.map((s) => {
    const df = cache.df.get(s.prefix) ?? 0;
    // bm25's inverse document frequency (as FTS5 computes it), never below zero. A word no bricolage
    // has yet weighs as one found once: in a young gallery, every word would otherwise outweigh
    // the ones it shares with the few bricolages there are.
    const counted = Math.max(1, df);
    return { ...s, df, weight: Math.log(1 + (n - counted + 0.5) / (counted + 0.5)) };
  });
  return { stems: weighed, total: weighed.reduce((sum, s) => sum + s.weight, 0) };
}

/** The best-ranked bricolages holding any of the rarer stems in their title, problem or steps. */
async function candidates(
  db: DbOrTrx,
  index: SimilarIndex,
  cache: Memo,
  stems: WeighedStem[],
  exclude: number[],
): Promise<Profile[]> {
  const found = stems.filter((s) => s.df > 0).sort((a, b) => a.df - b.df);
  if (found.length === 0) return [];
  const fetching: WeighedStem[] = [];
  let reads = 0;
  for (const s of found) {
    if (reads + s.df > FETCH_BUDGET) break;
    fetching.push(s);
    reads += s.df;
  }
  const ids = (await index.candidates(db, fetching, found.slice(0, 2), CANDIDATES + exclude.length)).filter(
    (id) => !exclude.includes(id),
  );
  await loadProfiles(db, cache, ids);
  return ids.map((id) => cache.profiles.get(id)).filter((p): p is Profile => p !== undefined);
}

/** Reads and stems the candidates not memoised yet (published ones only). */
async function loadProfiles(db: DbOrTrx, cache: Memo, ids: number[]): Promise<void> {
  const missing = ids.filter((id) => !cache.profiles.has(id));
  if (missing.length === 0) return;
  const details = await db
    .selectFrom('bricolages as b')
    .innerJoin('agents as a', 'a.id', 'b.author_id')
    .select(['b.id', 'b.title', 'b.problem', 'b.category', 'b.published_at', 'b.author_id', 'a.mairie'])
    .where('b.id', 'in', missing)
    // "+": looked up by id; without it SQLite may walk the status index over every published row.
    .where(unindexed(db, 'b.status'), '=', 'published')
    .execute();
  const steps = await db.selectFrom('steps').select(['bricolage_id', 'text']).where('bricolage_id', 'in', missing).execute();
  const stepsOf = new Map<number, string[]>();
  for (const s of steps) stepsOf.set(s.bricolage_id, [...(stepsOf.get(s.bricolage_id) ?? []), s.text]);
  for (const d of details) {
    cache.profiles.set(d.id, {
      id: d.id,
      main: new Set([...textStems(d.title), ...textStems(d.problem)]),
      steps: new Set((stepsOf.get(d.id) ?? []).flatMap(textStems)),
      category: d.category,
      mairie: d.mairie,
      authorId: d.author_id,
      publishedAt: d.published_at ?? '',
    });
  }
}

/** The share of the text's weight a candidate covers (see the file comment), plus the category bonus. */
function score(stems: WeighedStem[], total: number, candidate: Profile, category: string | undefined): number {
  if (total <= 0) return 0;
  let covered = 0;
  for (const s of stems) {
    covered += candidate.main.has(s.stem) ? s.weight : candidate.steps.has(s.stem) ? s.weight * STEPS_FACTOR : 0;
  }
  return covered / total + (category && category === candidate.category ? CATEGORY_BONUS : 0);
}

/** Published bricolages similar to a text, best first, from `threshold` on. */
export async function findSimilar(db: DbOrTrx, text: SimilarText, options: SimilarOptions): Promise<SimilarMatch[]> {
  const threshold = options.threshold ?? SIMILAR_THRESHOLD;
  const index = engineOf(db) === 'postgres' ? postgres : fts5;
  const cache = await memoFor(db, index);
  const { stems, total } = await weighedStems(db, index, cache, text);
  const found = await candidates(db, index, cache, stems, options.excludeIds ?? []);
  return found
    .filter((c) => c.authorId !== options.excludeAuthorId)
    .map((c) => ({ id: c.id, mairie: c.mairie, publishedAt: c.publishedAt, score: score(stems, total, c, text.category) }))
    .filter((m) => m.score >= threshold)
    .sort((a, b) => b.score - a.score || b.id - a.id)
    .slice(0, options.limit);
}
