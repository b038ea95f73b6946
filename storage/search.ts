/**
 * Full-text search over published bricolages, one rule for the chat's `chercher` and the gallery's
 * `/recherche`: SQLite FTS5 (`unicode61 remove_diacritics 2`, so "etat civil" finds "État civil")
 * over title, problem, steps, category and author, kept in sync by triggers (migration
 * 2026-11-29-02-gallery). Every word must match, the last one as a prefix ("tick" finds "ticket").
 * Ranking is an explicit `bm25()` with the title weighted highest; for very common terms the ranking
 * only considers the most recent documents (a rowid bound), so a search stays fast at 100,000 rows.
 */
import { type RawBuilder, sql } from 'kysely';
import type { DbOrTrx } from './db.js';
import { type SortKey, type SummaryRow, summariesByIds } from './gallery-list.js';

/** Folds case and accents so that "etat civil" finds "État civil". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’']/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Column weights for bm25, in the index's column order: title, problem, steps, category, author. */
const WEIGHTS = sql.raw('10.0, 4.0, 1.5, 3.0, 3.0');
/** Above this many estimated matches, relevance ranks only about this many of the newest documents. */
export const RANKING_CAP = 20_000;
/** Markers around highlighted words in snippets; the gallery escapes the text, then turns them into <mark>. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

export type SearchSort = 'relevance' | SortKey;
export const SEARCH_SORTS: readonly SearchSort[] = ['relevance', 'recent', 'likes', 'comments', 'adoptions'];

export interface SearchOptions {
  q: string;
  category?: string;
  mairie?: string;
  sort?: SearchSort;
  limit: number;
  offset?: number;
}

export interface SearchItem extends SummaryRow {
  /** A short extract around the matched words, with MARK_START / MARK_END around each match. */
  snippet: string;
}

export interface SearchResult {
  items: SearchItem[];
  total: number;
}

/** The words of a query as the index sees them (letters and digits, folded). */
export function queryWords(q: string): string[] {
  return foldText(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 12);
}

/**
 * An FTS5 query: every word quoted (no operator injection); the last one is a prefix (typing), and so
 * is every word of 4 letters or more, so that "ticket" also finds "tickets" (French plurals).
 */
export function ftsQuery(words: string[]): string | null {
  if (words.length === 0) return null;
  return words.map((w, i) => `"${w}"${i === words.length - 1 || [...w].length >= 4 ? '*' : ''}`).join(' ');
}

function filters(options: SearchOptions): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (options.category) parts.push(sql`AND b.category = ${options.category}`);
  if (options.mairie) parts.push(sql`AND a.mairie = ${options.mairie}`);
  return parts.length > 0 ? sql.join(parts, sql` `) : sql``;
}

const ORDER: Record<SortKey, RawBuilder<unknown>> = {
  recent: sql`b.published_at DESC, b.id DESC`,
  likes: sql`s.like_count DESC, s.bricolage_id DESC`,
  comments: sql`s.comment_count DESC, s.bricolage_id DESC`,
  adoptions: sql`s.adoption_count DESC, s.bricolage_id DESC`,
};

/** How many documents hold each word (prefix for the last), from the vocabulary table: cheap. */
async function estimateMatches(db: DbOrTrx, words: string[]): Promise<number> {
  let estimate = Number.POSITIVE_INFINITY;
  for (const [i, word] of words.entries()) {
    const last = i === words.length - 1 || [...word].length >= 4;
    const row = last
      ? await sql<{
          n: number | null;
        }>`SELECT sum(doc) AS n FROM bricolage_fts_vocab WHERE term >= ${word} AND term < ${`${word}\u{10FFFF}`}`.execute(db)
      : await sql<{ n: number | null }>`SELECT doc AS n FROM bricolage_fts_vocab WHERE term = ${word}`.execute(db);
    estimate = Math.min(estimate, Number(row.rows[0]?.n ?? 0));
  }
  return estimate;
}

/** One page of matches with snippets, and how many match in all. An empty query matches nothing. */
export async function searchBricolages(db: DbOrTrx, options: SearchOptions): Promise<SearchResult> {
  const words = queryWords(options.q);
  const match = ftsQuery(words);
  if (!match) return { items: [], total: 0 };
  const sort = options.sort ?? 'relevance';
  const where = sql`f.bricolage_fts MATCH ${match} AND b.status = 'published' ${filters(options)}`;
  const from = sql`bricolage_fts f JOIN bricolages b ON b.id = f.rowid JOIN agents a ON a.id = b.author_id`;

  let ids: number[];
  if (sort === 'relevance') {
    let floor = 0;
    const estimate = await estimateMatches(db, words);
    if (estimate > RANKING_CAP) {
      const max = await sql<{ m: number | null }>`SELECT max(rowid) AS m FROM bricolage_fts`.execute(db);
      const top = Number(max.rows[0]?.m ?? 0);
      floor = Math.max(0, top - Math.ceil((top * RANKING_CAP) / estimate));
    }
    const rows = await sql<{ id: number }>`
      SELECT f.rowid AS id, bm25(bricolage_fts, ${WEIGHTS}) AS score FROM ${from}
      WHERE ${where} AND f.rowid > ${floor}
      ORDER BY score, f.rowid DESC LIMIT ${options.limit} OFFSET ${options.offset ?? 0}`.execute(db);
    ids = rows.rows.map((r) => Number(r.id));
  } else {
    const rows = await sql<{ id: number }>`
      SELECT f.rowid AS id FROM ${from} JOIN bricolage_stats s ON s.bricolage_id = b.id
      WHERE ${where}
      ORDER BY ${ORDER[sort]} LIMIT ${options.limit} OFFSET ${options.offset ?? 0}`.execute(db);
    ids = rows.rows.map((r) => Number(r.id));
  }
  const count = await sql<{ n: number }>`SELECT count(*) AS n FROM ${from} WHERE ${where}`.execute(db);
  const total = Number(count.rows[0]?.n ?? 0);
  if (ids.length === 0) return { items: [], total };

  const snippets = await sql<{ id: number; snippet: string }>`
    SELECT rowid AS id, snippet(bricolage_fts, -1, ${MARK_START}, ${MARK_END}, '…', 16) AS snippet
    FROM bricolage_fts WHERE bricolage_fts MATCH ${match} AND rowid IN (${sql.join(ids)})`.execute(db);
  const snippetOf = new Map(snippets.rows.map((r) => [Number(r.id), r.snippet]));
  const rows = await summariesByIds(db, ids);
  return { items: rows.map((r) => ({ ...r, snippet: snippetOf.get(r.id) ?? '' })), total };
}

export interface SearchHit {
  id: number;
  title: string;
}

/** The best `limit` matches for the chat, by the same rule as the gallery. */
export async function searchPublished(db: DbOrTrx, query: string, limit = 5): Promise<SearchHit[]> {
  const { items } = await searchBricolages(db, { q: query, limit });
  return items.map((r) => ({ id: r.id, title: r.title }));
}
