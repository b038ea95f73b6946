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
export const RANKING_CAP = 2_000;
/** Markers around highlighted words in snippets; the gallery escapes the text, then turns them into <mark>. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

export type SearchSort = 'relevance' | SortKey;
export const SEARCH_SORTS: readonly SearchSort[] = ['relevance', 'recent', 'likes', 'comments', 'adoptions'];

export interface SearchOptions {
  q: string;
  category?: string;
  mairie?: string;
  workshopId?: number;
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
  return words.map((w, i) => `"${w}"${isPrefix(w, i === words.length - 1) ? '*' : ''}`).join(' ');
}

/**
 * FROM and WHERE for the matches. The index holds only published bricolages, so without a filter the
 * index alone answers; filters join only the tables they need.
 */
function matches(match: string, options: SearchOptions, sort: SearchSort) {
  const needsBricolage = Boolean(options.category || options.mairie) || sort === 'recent';
  const joins: RawBuilder<unknown>[] = [sql`bricolage_fts f`];
  if (needsBricolage) joins.push(sql`JOIN bricolages b ON b.id = f.rowid`);
  if (options.mairie) joins.push(sql`JOIN agents a ON a.id = b.author_id`);
  if (sort !== 'relevance' && sort !== 'recent') joins.push(sql`JOIN bricolage_stats s ON s.bricolage_id = f.rowid`);
  const where: RawBuilder<unknown>[] = [sql`f.bricolage_fts MATCH ${match}`];
  if (options.category) where.push(sql`b.category = ${options.category}`);
  if (options.mairie) where.push(sql`a.mairie = ${options.mairie}`);
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
export async function searchBricolages(db: DbOrTrx, options: SearchOptions): Promise<SearchResult> {
  const words = queryWords(options.q);
  const match = ftsQuery(words);
  if (!match) return { items: [], total: 0 };
  const sort = options.sort ?? 'relevance';
  const { from, where } = matches(match, options, sort);

  // The exact count comes first: it is cheap (no ranking) and tells how common the words are.
  const count = await sql<{ n: number }>`SELECT count(*) AS n FROM ${from} WHERE ${where}`.execute(db);
  const total = Number(count.rows[0]?.n ?? 0);
  if (total === 0) return { items: [], total };

  let ids: number[];
  if (sort === 'relevance') {
    // Very common words: rank only about RANKING_CAP of the newest matches (a rowid bound), so that
    // bm25 is not computed for tens of thousands of rows.
    let floor = 0;
    if (total > RANKING_CAP) {
      const max = await sql<{ m: number | null }>`SELECT max(rowid) AS m FROM bricolage_fts`.execute(db);
      const top = Number(max.rows[0]?.m ?? 0);
      floor = Math.max(0, top - Math.ceil((top * RANKING_CAP) / total));
    }
    const rows = await sql<{ id: number }>`
      SELECT f.rowid AS id, bm25(bricolage_fts, ${WEIGHTS}) AS score FROM ${from}
      WHERE ${where} AND f.rowid > ${floor}
      ORDER BY score, f.rowid DESC LIMIT ${options.limit} OFFSET ${options.offset ?? 0}`.execute(db);
    ids = rows.rows.map((r) => Number(r.id));
  } else {
    const rows = await sql<{ id: number }>`
      SELECT f.rowid AS id FROM ${from} WHERE ${where}
      ORDER BY ${ORDER[sort]} LIMIT ${options.limit} OFFSET ${options.offset ?? 0}`.execute(db);
    ids = rows.rows.map((r) => Number(r.id));
  }
  if (ids.length === 0) return { items: [], total };

  // Snippets are cut here rather than with FTS5's snippet(): that one would walk every match of a
  // common word; reading 20 stored rows by rowid and marking the same tokens is constant time.
  const texts = await sql<{ id: number; title: string; problem: string; steps: string; category: string; author: string }>`
    SELECT rowid AS id, title, problem, steps, category, author FROM bricolage_fts WHERE rowid IN (${sql.join(ids)})`.execute(db);
  const snippetOf = new Map(
    texts.rows.map((r) => [Number(r.id), cutSnippet([r.problem, r.steps, r.title, r.category, r.author], words)]),
  );
  const rows = await summariesByIds(db, ids);
  return { items: rows.map((r) => ({ ...r, snippet: snippetOf.get(r.id) ?? '' })), total };
}

/** Whether a token of the text matches a query word by the index's rule (exact, or prefix). */
function tokenMatches(token: string, words: string[]): boolean {
  // Most tokens are plain ASCII: lower-casing is enough for them.
  const folded = /^[\x20-\x7e]*$/.test(token) ? token.toLowerCase() : foldText(token);
  return words.some((w, i) => (isPrefix(w, i === words.length - 1) ? folded.startsWith(w) : folded === w));
}

function isPrefix(word: string, last: boolean): boolean {
  return last || [...word].length >= 4;
}

/**
 * About `size` words around the first match, from the first text that has one, with MARK_START /
 * MARK_END around each matching word and "…" where the text was cut.
 */
export function cutSnippet(texts: string[], words: string[], size = 18): string {
  for (const text of texts) {
    const tokens = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
    const hits = tokens.map((t) => tokenMatches(t[0], words));
    const first = hits.indexOf(true);
    if (first < 0) continue;
    const start = Math.max(0, first - Math.floor(size / 3));
    const end = Math.min(tokens.length, start + size);
    const from = start === 0 ? 0 : (tokens[start].index ?? 0);
    const to = end === tokens.length ? text.length : (tokens[end - 1].index ?? 0) + tokens[end - 1][0].length;
    let out = start === 0 ? '' : '…';
    let cursor = from;
    for (let i = start; i < end; i++) {
      const at = tokens[i].index ?? 0;
      out += text.slice(cursor, at);
      out += hits[i] ? MARK_START + tokens[i][0] + MARK_END : tokens[i][0];
      cursor = at + tokens[i][0].length;
    }
    out += text.slice(cursor, to);
    return (out + (end === tokens.length ? '' : '…')).replace(/\s+/g, ' ').trim();
  }
  return '';
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
