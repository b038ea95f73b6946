/**
 * PostgreSQL full-text search, by the same rules as FTS5 (`fts5.ts`): every word must match, the last
 * one and every word of 4 letters or more as a prefix; accents and case folded (the `bricoleur_fr`
 * configuration: `unaccent`, then the French stemmer without stop words, so "les tickets" still
 * finds "le ticket"); title > problem > category and author > steps (the document's weights A to D,
 * kept by the triggers of migration postgres/2026-12-04-01-schema) under a GIN index. Counting stops
 * past MATCH_CAP; past it, every sort orders the MATCH_CAP newest matches.
 */
import { type RawBuilder, sql } from 'kysely';
import type { DbOrTrx } from '../db.js';
import type { SortKey } from '../gallery/list.js';
import { isPrefix, itemsWithSnippets, MATCH_CAP, type SearchOptions, type SearchResult, type SearchSort } from './query.js';

/** ts_rank's weights of the document's parts, in its order: D (steps), C (category, author), B (problem), A (title). */
const WEIGHTS = '{0.15, 0.3, 0.4, 1.0}';
/** ts_rank divides by 1 + log(document length): of two titles that match, the shorter ranks first (as bm25). */
const LENGTH_NORMALISATION = 1;

/**
 * A `to_tsquery` text: the words are letters and digits only (`queryWords`), so no operator can be
 * injected; each is normalised by the configuration (unaccented, stemmed) as the documents were.
 */
export function tsQuery(words: string[]): string | null {
  return words.length === 0 ? null : words.map((w, i) => (isPrefix(w, i === words.length - 1) ? `${w}:*` : w)).join(' & ');
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

export async function searchPostgres(db: DbOrTrx, options: SearchOptions, words: string[]): Promise<SearchResult> {
  const query = tsQuery(words);
  if (!query) return { items: [], total: 0, totalIsLowerBound: false };
  const sort = options.sort ?? 'relevance';

  // Count from the newest match down, stopping past MATCH_CAP: this also gives the id above which
  // the MATCH_CAP newest matches lie.
  const counted = matches(query, options, 'relevance');
  const window = await sql<{ n: number; floor: number | null }>`
    SELECT count(*) AS n, min(id) AS floor FROM (
      SELECT m.bricolage_id AS id FROM ${counted.from} WHERE ${counted.where}
      ORDER BY m.bricolage_id DESC LIMIT ${MATCH_CAP + 1}) w`.execute(db);
  const found = Number(window.rows[0]?.n ?? 0);
  const totalIsLowerBound = found > MATCH_CAP;
  const total = Math.min(found, MATCH_CAP);
  const offset = options.offset ?? 0;
  const limit = Math.min(options.limit, total - offset);
  if (limit <= 0) return { items: [], total, totalIsLowerBound };

  const { from, where } = matches(query, options, sort);
  const newest = totalIsLowerBound ? sql`AND m.bricolage_id > ${Number(window.rows[0]?.floor ?? 0)}` : sql``;
  const order =
    sort === 'relevance'
      ? sql`ts_rank(${sql.lit(WEIGHTS)}::float4[], m.document, to_tsquery('bricoleur_fr', ${query}), ${sql.lit(LENGTH_NORMALISATION)}) DESC,
        m.bricolage_id DESC`
      : ORDER[sort];
  const page = await sql<{ id: number }>`
    SELECT m.bricolage_id AS id FROM ${from} WHERE ${where} ${newest}
    ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`.execute(db);
  const ids = page.rows.map((r) => Number(r.id));
  if (ids.length === 0) return { items: [], total, totalIsLowerBound };

  const steps = await sql<{ id: number; steps: string }>`
    SELECT bricolage_id AS id, steps FROM bricolage_search WHERE bricolage_id IN (${sql.join(ids)})`.execute(db);
  const stepsOf = new Map(steps.rows.map((r) => [Number(r.id), r.steps]));
  return { items: await itemsWithSnippets(db, ids, stepsOf, words), total, totalIsLowerBound };
}
