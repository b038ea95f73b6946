/**
 * SQLite full-text search over published bricolages, one rule for the chat's `chercher` and the gallery's
 * `/recherche`: SQLite FTS5 (`unicode61 remove_diacritics 2`, so "etat civil" finds "État civil")
 * over title, problem, steps, category and author, kept in sync by triggers (migration
 * 2026-11-29-02-gallery; prefix indexes of 2 to 10 letters since 2026-11-30-01-search-prefixes).
 * Every word must match, the last one as a prefix ("tick" finds "ticket").
 * Ranking is an explicit `bm25()` with the title weighted highest, over the query's rarer words when
 * it also has frequent ones (see `weighedTerms`); stop words are dropped. Counting stops past MATCH_CAP
 * matches (the result then says "more than"); past it, every sort orders the MATCH_CAP newest
 * matches (a rowid bound), and relevance weighs where the words are instead of calling bm25()
 * (see `rankWindow`), so a search of very common words stays fast at 100,000 rows.
 */
import { type RawBuilder, sql } from 'kysely';
import type { DbOrTrx } from '../db.js';
import type { SortKey } from '../gallery/list.js';
import { isPrefix, itemsWithSnippets, MATCH_CAP, type SearchOptions, type SearchResult, type SearchSort } from './query.js';

/** The index's columns in order, with their weight in relevance: the title counts most. */
const COLUMNS = [
  { name: 'title', weight: 10 },
  { name: 'problem', weight: 4 },
  { name: 'steps', weight: 1.5 },
  { name: 'category', weight: 3 },
  { name: 'author', weight: 3 },
] as const;
/** bm25's column weights, in the index's column order. */
const WEIGHTS = sql.raw(COLUMNS.map((c) => c.weight.toFixed(1)).join(', '));
/**
 * The columns that rank a capped search (see `rankWindow`): the title and the problem, what a
 * bricolage is about. Each costs a read of its matches in the window (about 0.5 ms at 100,000); the
 * category has its own filter.
 */
const WINDOW_COLUMNS = COLUMNS.filter((c) => c.weight >= 4);

/**
 * An FTS5 query: every word quoted (no operator injection); the last one is a prefix (typing), and so
 * is every word of 4 letters or more, so that "ticket" also finds "tickets" (French plurals).
 */
export function ftsQuery(words: string[]): string | null {
  return words.length === 0 ? null : ftsTerms(words).join(' ');
}

/** Each word as the FTS5 query term that ftsQuery joins. */
function ftsTerms(words: string[]): string[] {
  return words.map((w, i) => `"${w}"${isPrefix(w, i === words.length - 1) ? '*' : ''}`);
}

/**
 * FROM and WHERE for the matches. The index holds only published bricolages, so without a filter the
 * index alone answers; filters join only the tables they need.
 */
function matches(match: string, options: SearchOptions, sort: SearchSort) {
  const needsBricolage = Boolean(options.category) || sort === 'recent';
  const joins: RawBuilder<unknown>[] = [sql`bricolage_fts f`];
  if (needsBricolage) joins.push(sql`JOIN bricolages b ON b.id = f.rowid`);
  if (sort !== 'relevance' && sort !== 'recent') joins.push(sql`JOIN bricolage_stats s ON s.bricolage_id = f.rowid`);
  const where: RawBuilder<unknown>[] = [sql`f.bricolage_fts MATCH ${match}`];
  if (options.category) where.push(sql`b.category = ${options.category}`);
  // The mairie's bricolages as one set, from the author index, that the matches are checked against
  // ("+" keeps SQLite from probing the index once per bricolage of the mairie instead).
  if (options.mairie)
    where.push(sql`+f.rowid IN (SELECT id FROM bricolages
      WHERE author_id IN (SELECT id FROM agents WHERE mairie = ${options.mairie}))`);
  if (options.workshopId !== undefined)
    where.push(sql`f.rowid IN (SELECT bricolage_id FROM workshop_bricolages WHERE workshop_id = ${options.workshopId})`);
  return { from: sql.join(joins, sql` `), where: sql.join(where, sql` AND `) };
}

const ORDER: Record<SortKey, RawBuilder<unknown>> = {
  recent: sql`b.published_at DESC, f.rowid DESC`,
  likes: sql`s.like_count DESC, s.bricolage_id DESC`,
  comments: sql`s.comment_count DESC, s.bricolage_id DESC`,
  adoptions: sql`s.adoption_count DESC, s.bricolage_id DESC`,
};

/** One page of matches with snippets, and how many match in all. An empty query matches nothing. */
export async function searchFts5(db: DbOrTrx, options: SearchOptions, words: string[]): Promise<SearchResult> {
  const match = ftsQuery(words);
  if (!match) return { items: [], total: 0, totalIsLowerBound: false };
  const sort = options.sort ?? 'relevance';

  // Count from the newest match down, stopping past MATCH_CAP (FTS5 walks its doclists in rowid
  // order and stops early): this also gives the rowid above which the MATCH_CAP newest matches lie.
  const counted = matches(match, options, 'relevance');
  // Under the cap, the matches' ids (a JSON array) let relevance weigh some of the words only
  // (see weighedTerms): read for a ranked search of several words only.
  const weighing = sort === 'relevance' && words.length > 1;
  const window = await sql<{ n: number; floor: number | null; ids: string | null }>`
    SELECT count(*) AS n, min(id) AS floor, ${weighing ? sql`json_group_array(id)` : sql`NULL`} AS ids FROM (
      SELECT f.rowid AS id FROM ${counted.from} WHERE ${counted.where} ORDER BY f.rowid DESC LIMIT ${MATCH_CAP + 1})`.execute(db);
  const found = Number(window.rows[0]?.n ?? 0);
  const totalIsLowerBound = found > MATCH_CAP;
  const total = Math.min(found, MATCH_CAP);
  const offset = options.offset ?? 0;
  const limit = Math.min(options.limit, total - offset);
  if (limit <= 0) return { items: [], total, totalIsLowerBound };

  const { from, where } = matches(match, options, sort);
  // Past the cap, every sort orders only the MATCH_CAP newest matches, the rowids above `floor`. The
  // bound is cast to an integer because node:sqlite binds JS numbers as REAL, and FTS5 only seeks to
  // an integer rowid bound (given a REAL one, it walks every match of the words).
  const floor = totalIsLowerBound ? Number(window.rows[0]?.floor ?? 0) : null;
  const newest = floor === null ? sql`` : sql`AND f.rowid > CAST(${floor} AS INTEGER)`;
  let query: RawBuilder<unknown> = sql`SELECT f.rowid AS id FROM ${from} WHERE ${where} ${newest}`;
  let order: RawBuilder<unknown>;
  if (sort !== 'relevance') order = ORDER[sort];
  else if (floor !== null) order = sql`${rankWindow(match, floor)} DESC, f.rowid DESC`;
  else {
    order = sql`bm25(bricolage_fts, ${WEIGHTS}), f.rowid DESC`;
    const weighed = await weighedTerms(db, ftsTerms(words));
    if (weighed.length < words.length) {
      // Every word is required through the matches' ids; only the weighed ones are in the MATCH, so
      // bm25 reads only their matches ("+": each match is checked against the ids, not looked up).
      query = sql`SELECT f.rowid AS id FROM bricolage_fts f WHERE f.bricolage_fts MATCH ${weighed.join(' ')}
        AND +f.rowid IN (SELECT value FROM json_each(${window.rows[0]?.ids ?? '[]'}))`;
    }
  }
  const page = await sql<{ id: number }>`${query} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`.execute(db);
  const ids = page.rows.map((r) => Number(r.id));
  if (ids.length === 0) return { items: [], total, totalIsLowerBound };

  // Only the steps (as the index stores them, one text) are read from the index, by rowid.
  const steps = await sql<{ id: number; steps: string }>`
    SELECT rowid AS id, steps FROM bricolage_fts WHERE rowid IN (${sql.join(ids)})`.execute(db);
  const stepsOf = new Map(steps.rows.map((r) => [Number(r.id), r.steps]));
  return { items: await itemsWithSnippets(db, ids, stepsOf, words), total, totalIsLowerBound };
}

/**
 * Relevance past the cap: the sum of the weights of WINDOW_COLUMNS that hold every word, so title
 * matches come first, then problem matches, then the rest, newest first. bm25() is not used there:
 * FTS5 computes its word statistics over the whole index whatever the rowid bound (it reads every
 * match of each query word: 3 to 6 ms for a word found in nearly every bricolage at 100,000). Those
 * statistics only weigh the query's words against each other, and a word found in over half the
 * bricolages weighs nothing. Each column's matches are read from `floor` up only.
 */
function rankWindow(match: string, floor: number): RawBuilder<number> {
  const terms = WINDOW_COLUMNS.map(
    (c) => sql`${c.weight} * (f.rowid IN (SELECT rowid FROM bricolage_fts
      WHERE bricolage_fts MATCH ${`{${c.name}} : (${match})`} AND rowid > CAST(${floor} AS INTEGER)))`,
  );
  return sql<number>`(${sql.join(terms, sql` + `)})`;
}

/**
 * Words found in more than this share of the bricolages are still required, but bm25 does not weigh
 * them when the query has rarer ones, as in Lucene's common-terms query: bm25 reads every match of
 * each word it weighs, a large part of the index for such a word (5 ms for "courrier tampon" at
 * 100,000), and their weight is small beside a rarer word's.
 */
const COMMON_SHARE = 0.1;
/** How many of a term's matches tell its share of the bricolages (to about a tenth). */
const SHARE_SAMPLE = 100;

/**
 * The query terms bm25 weighs: those in at most COMMON_SHARE of the bricolages, or the rarest one.
 * A term's share is read from its SHARE_SAMPLE oldest matches, over the rowids they span (all of
 * the index's rowids when it has fewer matches). Rowids count the index's size from above (drafts
 * and hidden bricolages leave gaps), so a share is never overestimated: at worst a frequent word is
 * weighed. `bricolage_fts_docsize`, FTS5's table of one row per indexed bricolage, gives the first
 * and last rowids from its primary key (counting its rows would read all of it).
 */
export async function weighedTerms(db: DbOrTrx, terms: string[]): Promise<string[]> {
  if (terms.length < 2) return terms;
  const { shares } = await termShares(db, terms);
  const weighed = terms.filter((_, i) => shares[i] <= COMMON_SHARE);
  return weighed.length > 0 ? weighed : [terms[shares.indexOf(Math.min(...shares))]];
}

/**
 * Each FTS5 term's share of the indexed bricolages (see `weighedTerms`), and the index's size as its
 * rowid span (an upper bound of how many bricolages it holds). A term with at most SHARE_SAMPLE
 * matches has its exact count over that span; the similarity score weighs words by it too.
 */
export async function termShares(db: DbOrTrx, terms: string[]): Promise<{ rowids: number; shares: number[] }> {
  if (terms.length === 0) return { rowids: 0, shares: [] };
  // One statement: the first and last rowids (each subquery alone is one b-tree seek; together
  // they would scan the table), then each term's sample as [count, last rowid].
  const samples = terms.map(
    (term) => sql`json((SELECT json_array(count(*), max(id)) FROM (
      SELECT rowid AS id FROM bricolage_fts WHERE bricolage_fts MATCH ${term} LIMIT ${SHARE_SAMPLE + 1})))`,
  );
  const result = await sql<{ first: number | null; last: number | null; samples: string }>`
    SELECT (SELECT min(id) FROM bricolage_fts_docsize) AS first, (SELECT max(id) FROM bricolage_fts_docsize) AS last,
      json_array(${sql.join(samples)}) AS samples`.execute(db);
  const row = result.rows[0];
  const first = Number(row?.first ?? 0);
  const rowids = row?.last == null ? 0 : Math.max(1, Number(row.last) - first + 1);
  const shares = (JSON.parse(row?.samples ?? '[]') as [number, number | null][]).map(([n, last]) =>
    n <= SHARE_SAMPLE ? n / Math.max(1, rowids) : n / Math.max(n, Number(last ?? first) - first + 1),
  );
  return { rowids, shares };
}

/**
 * Rewrites the full-text index from its live rows. FTS5 keeps deleted entries in older segments until
 * they merge; `oublie-moi` calls this so an erased agent's words leave the database file too.
 */
export async function compactFts5Index(db: DbOrTrx): Promise<void> {
  await sql`insert into bricolage_fts (bricolage_fts) values ('optimize')`.execute(db);
}
