/**
 * The "Bricolages similaires" of a bricolage page and of `similaires <n°>` in the chat: up to four
 * published bricolages that pass the suggestion threshold, other mairies first. Read from the search
 * index at each build, so edits, hides and deletions (which the index's triggers follow) show at once;
 * the gallery caches the page as a whole until the data version moves.
 */
import type { DbOrTrx } from '../db.js';
import { findSimilar } from '../search/similar.js';
import { type SummaryRow, summariesByIds } from './list.js';

/** Candidates scored before putting other mairies first: enough to fill the section from them. */
const POOL = 12;

/** The published bricolages similar to bricolage `id` (none when it is not published), other mairies first. */
export async function similarOnPage(db: DbOrTrx, id: number, limit = 4): Promise<SummaryRow[]> {
  const source = await db
    .selectFrom('bricolages as b')
    .innerJoin('agents as a', 'a.id', 'b.author_id')
    .select(['b.title', 'b.problem', 'b.category', 'a.mairie'])
    .where('b.id', '=', id)
    .where('b.status', '=', 'published')
    .executeTakeFirst();
  if (!source) return [];
  const matches = await findSimilar(db, source, { limit: POOL, excludeIds: [id] });
  const elsewhere = matches.filter((m) => source.mairie === null || m.mairie !== source.mairie);
  const sameMairie = matches.filter((m) => !elsewhere.includes(m));
  return summariesByIds(
    db,
    [...elsewhere, ...sameMairie].slice(0, limit).map((m) => m.id),
  );
}
