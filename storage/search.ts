/**
 * Accent- and case-insensitive search over published bricolages. Done in JS over folded text so it
 * stays dialect-neutral; a full-text index will replace it when the search issue lands.
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

export interface SearchHit {
  id: number;
  title: string;
}

/** Published bricolages containing every word of `query`, title matches first, then most recent. */
export async function searchPublished(db: DbOrTrx, query: string, limit = 5): Promise<SearchHit[]> {
  const words = foldText(query).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const rows = await db
    .selectFrom('bricolages')
    .select(['id', 'title', 'problem', 'category', 'published_at'])
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
  const scored = rows
    .map((row) => {
      const title = foldText(row.title);
      const all = `${title} ${foldText(`${row.problem} ${row.category} ${stepText.get(row.id) ?? ''}`)}`;
      if (!words.every((w) => all.includes(w))) return null;
      return { hit: { id: row.id, title: row.title }, titleWords: words.filter((w) => title.includes(w)).length };
    })
    .filter((x): x is NonNullable<typeof x> => x !== null);
  // Stable sort keeps the recency order among equal scores.
  scored.sort((a, b) => b.titleWords - a.titleWords);
  return scored.slice(0, limit).map((s) => s.hit);
}
