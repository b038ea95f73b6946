/**
 * Full-text search over published bricolages, one rule for the chat's `chercher` and the gallery's
 * `/recherche`, on either engine: SQLite's FTS5 (`fts5.ts`) or PostgreSQL's text search
 * (`postgres.ts`), behind this one interface. Both take the same words (`query.ts`: folded, stop
 * words dropped), require every word (the last one, and each of 4 letters or more, as a prefix),
 * rank the title first, cap the count at MATCH_CAP and cut the same highlighted extracts.
 */
import type { DbOrTrx } from '../db.js';
import { engineOf } from '../dialect.js';
import { compactFts5Index, searchFts5 } from './fts5.js';
import { searchPostgres } from './postgres.js';
import { queryWords, type SearchOptions, type SearchResult } from './query.js';

export { ftsQuery, termShares, weighedTerms } from './fts5.js';
export {
  cutSnippet,
  MARK_END,
  MARK_START,
  MATCH_CAP,
  queryWords,
  SEARCH_SORTS,
  type SearchItem,
  type SearchOptions,
  type SearchResult,
  type SearchSort,
} from './query.js';

/** One page of matches with snippets, and how many match in all. An empty query matches nothing. */
export async function searchBricolages(db: DbOrTrx, options: SearchOptions): Promise<SearchResult> {
  const words = queryWords(options.q);
  return engineOf(db) === 'postgres' ? searchPostgres(db, options, words) : searchFts5(db, options, words);
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

/**
 * Leaves no erased words in the index's storage (`oublie-moi`): FTS5 keeps deleted entries in older
 * segments until they merge; PostgreSQL's deleted rows go with VACUUM (`scrubFreedPages`).
 */
export async function compactSearchIndex(db: DbOrTrx): Promise<void> {
  if (engineOf(db) === 'sqlite') await compactFts5Index(db);
}
