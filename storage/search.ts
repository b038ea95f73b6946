/**
 * Accent- and case-insensitive search over published bricolages: one rule for the chat's
 * `chercher` and the gallery's `?q=` (every word in the title, problem, category or a step). Done in
 * JS over folded text so it stays dialect-neutral; a full-text index can replace it when volumes grow.
 */
import type { DbOrTrx } from './db.js';

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

function wordsOf(query: string): string[] {
  return foldText(query).split(' ').filter(Boolean);
}

export interface SearchHit {
  id: number;
  title: string;
}

interface Searchable extends SearchHit {
  /** Folded title, problem, category and steps. */
  text: string;
  foldedTitle: string;
}

/** Every published bricolage with its folded text, most recently published first. */
async function searchable(db: DbOrTrx): Promise<Searchable[]> {
  const rows = await db
    .selectFrom('bricolages')
    .select(['id', 'title', 'problem', 'category'])
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .execute();
  const steps = await db
    .selectFrom('steps')
    .innerJoin('bricolages', 'bricolages.id', 'steps.bricolage_id')
    .select(['steps.bricolage_id', 'steps.text'])
    .where('bricolages.status', '=', 'published')
    .execute();
  const stepText = new Map<number, string>();
  for (const s of steps) stepText.set(s.bricolage_id, `${stepText.get(s.bricolage_id) ?? ''} ${s.text}`);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    foldedTitle: foldText(row.title),
    text: foldText(`${row.title} ${row.problem} ${row.category} ${stepText.get(row.id) ?? ''}`),
  }));
}

/** Ids of the published bricolages that match `query` (all of them for an empty query). */
export async function matchingIds(db: DbOrTrx, query: string): Promise<Set<number>> {
  const words = wordsOf(query);
  const rows = await searchable(db);
  return new Set(rows.filter((row) => words.every((w) => row.text.includes(w))).map((row) => row.id));
}

/** The best `limit` matches for the chat: title matches first, then most recent. */
export async function searchPublished(db: DbOrTrx, query: string, limit = 5): Promise<SearchHit[]> {
  const words = wordsOf(query);
  if (words.length === 0) return [];
  const scored = (await searchable(db))
    .filter((row) => words.every((w) => row.text.includes(w)))
    .map((row) => ({
      hit: { id: row.id, title: row.title },
      titleWords: words.filter((w) => row.foldedTitle.includes(w)).length,
    }));
  // Stable sort keeps the recency order among equal scores.
  scored.sort((a, b) => b.titleWords - a.titleWords);
  return scored.slice(0, limit).map((s) => s.hit);
}
