/**
 * PostgreSQL full-text search, by the same rules as FTS5 (`fts5.ts`): every word must match, the last
 * one as a prefix, the others by their stem (where FTS5 takes every word of 4 letters or more as a
 * prefix, for plurals); accents and case folded (the `bricoleur_fr`
 * configuration: `unaccent`, then the French stemmer without stop words, so "les tickets" still
 * finds "le ticket"); title > problem > category and author > steps (the document's weights A to D,
 * kept by the triggers of migration postgres/2026-12-04-01-schema) under a GIN index. Counting stops
 * past MATCH_CAP; past it, every sort orders the MATCH_CAP newest matches.
 */
import { type RawBuilder, sql } from 'kysely';
import type { DbOrTrx } from '../db.js';
import type { SortKey } from '../gallery/list.js';
import { itemsWithSnippets, MATCH_CAP, onlyStopWords, type SearchOptions, type SearchResult, type SearchSort } from './query.js';

/** ts_rank's weights of the document's parts, in its order: D (steps), C (category, author), B (problem), A (title). */
const WEIGHTS = '{0.15, 0.3, 0.4, 1.0}';
/** ts_rank divides by 1 + log(document length): of two titles that match, the shorter ranks first (as bm25). */
const LENGTH_NORMALISATION = 1;

/**
 * A `to_tsquery` text: the words are letters and digits only (`queryWords`), so no operator can be
 * injected; each is normalised by the configuration (unaccented, stemmed) as the documents were.
 * Only the last word is a prefix (typing): the stemmer already matches the others' plural and
 * feminine forms, which FTS5 reaches by prefixes, and a prefix is a range of the index's words to
 * merge (8–18 ms for two at 100,000 bricolages, against 2 ms as stems).
 */
export function tsQuery(words: string[]): string | null {
  return words.length === 0 ? null : words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(' & ');
}

const ORDER: Record<SortKey, RawBuilder<unknown>> = {
  recent: sql`b.published_at DESC, m.bricolage_id DESC`,
  likes: sql`st.like_count DESC, m.bricolage_id DESC`,
  comments: sql`st.comment_count DESC, m.bricolage_id DESC`,
  adoptions: sql`st.adoption_count DESC, m.bricolage_id DESC`,
};

/** FROM and WHERE for the matches `m`; filters join only the tables they need. */
function matches(query: string, options: SearchOptions, sort: SearchSort) {
  const joins: RawBuilder<unknown>[] = [sql`bricolage_search m`];
  if (options.category || sort === 'recent') joins.push(sql`JOIN bricolages b ON b.id = m.bricolage_id`);
  if (sort !== 'relevance' && sort !== 'recent') joins.push(sql`JOIN bricolage_stats st ON st.bricolage_id = m.bricolage_id`);
  const where: RawBuilder<unknown>[] = [sql`m.document @@ to_tsquery('bricoleur_fr', ${query})`];
  if (options.category) where.push(sql`b.category = ${options.category}`);
  if (options.mairie)
    where.push(sql`m.bricolage_id IN (SELECT id FROM bricolages
      WHERE author_id IN (SELECT id FROM agents WHERE mairie = ${options.mairie}))`);
  if (options.workshopId !== undefined)
    where.push(sql`m.bricolage_id IN (SELECT bricolage_id FROM workshop_bricolages WHERE workshop_id = ${options.workshopId})`);
  return { from: sql.join(joins, sql` `), where: sql.join(where, sql` AND `) };
}

/** How many of the newest documents the density probe reads. */
const PROBE_ROWS = 3000;
/** A match looked up through the GIN index (its posting lists, several per prefix, its heap page, then
 * its rank) costs about 8 documents tested in id order (3 to 9 by word), measured at 100,000. */
const LOOKUP_COST = 8;

/**
 * The MATCH_CAP + 1 newest matches (or all, when fewer), in one statement with the choice of the
 * way to find them. Walking documents newest first and testing each is faster for words found in
 * many; looking every match up in the GIN index, then sorting, for words found in few. PostgreSQL's
 * planner estimates the matches well but prices the test of a document far too low, so it walks
 * half the table for a word in 2 % of them (30 ms instead of 10 at 100,000). The share of matches
 * among the newest PROBE_ROWS documents decides instead; when walking, those matches are kept and
 * the walk goes on below them (a separate probe would test them twice, and cost a round trip).
 * Each branch runs only when chosen: its condition, a one-time filter on the probe, stays above its
 * LIMIT (below it, a parallel plan would start its workers before testing it: 13 ms). Each match is
 * ranked where it is found, so that only its id and rank go on: carrying its document (about 700
 * bytes) through the sort, the materialised rows and the window cost a third of the search.
 */
function newestMatches(counted: ReturnType<typeof matches>, words: string[], rank: RawBuilder<unknown>): RawBuilder<unknown> {
  const select = sql`SELECT m.bricolage_id, ${rank} AS rank FROM ${counted.from} WHERE ${counted.where}`;
  const cap = sql.lit(MATCH_CAP + 1);
  // Stop words are in nearly every document: no need to measure their share.
  if (onlyStopWords(words)) return sql`${select} ORDER BY m.bricolage_id DESC LIMIT ${cap}`;
  const below = sql`(SELECT max(bricolage_id) FROM bricolage_search) - ${sql.lit(PROBE_ROWS)}`;
  return sql`WITH probe AS MATERIALIZED (${select} AND m.bricolage_id > ${below} ORDER BY m.bricolage_id DESC LIMIT ${cap}),
    share AS (SELECT count(*)::float8 / ${sql.lit(PROBE_ROWS)} AS s, (SELECT max(bricolage_id) FROM bricolage_search) AS documents FROM probe),
    -- Documents walked to meet MATCH_CAP + 1 matches, against matches looked up.
    walk AS MATERIALIZED (SELECT CASE WHEN s = 0 THEN false ELSE ${cap} / s < s * documents * ${sql.lit(LOOKUP_COST)} END AS yes FROM share)
    SELECT * FROM probe WHERE (SELECT yes FROM walk)
    UNION ALL SELECT * FROM (${select} AND m.bricolage_id <= ${below}
      ORDER BY m.bricolage_id DESC LIMIT (SELECT ${cap} - count(*) FROM probe)) w WHERE (SELECT yes FROM walk)
    UNION ALL SELECT * FROM (${select} ORDER BY m.bricolage_id + 0 DESC LIMIT ${cap}) l WHERE NOT (SELECT yes FROM walk)`;
}

export async function searchPostgres(db: DbOrTrx, options: SearchOptions, words: string[]): Promise<SearchResult> {
  const query = tsQuery(words);
  if (!query) return { items: [], total: 0, totalIsLowerBound: false };
  const sort = options.sort ?? 'relevance';
  const offset = options.offset ?? 0;

  // One scan of the matches: the MATCH_CAP + 1 newest give the count and, past the cap, the
  // MATCH_CAP newest that every sort orders (two queries, count then page, cost that scan twice).
  const counted = matches(query, options, 'relevance');
  const joins: RawBuilder<unknown>[] = [];
  if (sort === 'recent') joins.push(sql`JOIN bricolages b ON b.id = m.bricolage_id`);
  if (sort !== 'relevance' && sort !== 'recent') joins.push(sql`JOIN bricolage_stats st ON st.bricolage_id = m.bricolage_id`);
  const rank =
    sort === 'relevance'
      ? sql`ts_rank(${sql.lit(WEIGHTS)}::float4[], m.document, to_tsquery('bricoleur_fr', ${query}), ${sql.lit(LENGTH_NORMALISATION)})`
      : sql`0::float4`;
  const order = sort === 'relevance' ? sql`m.rank DESC, m.bricolage_id DESC` : ORDER[sort];
  const page = await sql<{ id: number; n: number; steps: string }>`
    WITH newest AS MATERIALIZED (${newestMatches(counted, words, rank)}),
    counted AS (SELECT bricolage_id, rank, count(*) OVER () AS n, min(bricolage_id) OVER () AS floor FROM newest)
    -- The steps, for the snippets, of the page's rows alone.
    SELECT p.id, p.n, (SELECT s.steps FROM bricolage_search s WHERE s.bricolage_id = p.id) AS steps
    FROM (SELECT m.bricolage_id AS id, m.n FROM counted m ${sql.join(joins, sql` `)}
      WHERE m.n <= ${MATCH_CAP} OR m.bricolage_id > m.floor
      ORDER BY ${order} LIMIT ${options.limit} OFFSET ${offset}) p`.execute(db);

  let found = Number(page.rows[0]?.n ?? 0);
  if (page.rows.length === 0 && offset > 0) {
    // A page past the last: the count alone.
    const window = await sql<{ n: number }>`
      SELECT count(*) AS n FROM (SELECT 1 FROM ${counted.from} WHERE ${counted.where} LIMIT ${MATCH_CAP + 1}) w`.execute(db);
    found = Number(window.rows[0]?.n ?? 0);
  }
  const totalIsLowerBound = found > MATCH_CAP;
  const total = Math.min(found, MATCH_CAP);
  const ids = page.rows.map((r) => Number(r.id));
  if (ids.length === 0) return { items: [], total, totalIsLowerBound };

  // The steps, for the snippets, came with the page.
  const stepsOf = new Map(page.rows.map((r) => [Number(r.id), r.steps]));
  return { items: await itemsWithSnippets(db, ids, stepsOf, words), total, totalIsLowerBound };
}
