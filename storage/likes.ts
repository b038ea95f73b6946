/**
 * What a like is, defined once: one per agent and bricolage, whatever the number of emoji, and
 * never the author's own reaction; dated by the agent's earliest remaining reaction. Every count,
 * ranking, digest and point that speaks of likes reads them through `countedLikes`. (The frozen
 * triggers of migration 2026-11-29-02-gallery keep `bricolage_stats.like_count` by the same rule;
 * `storage/gallery/counts.test.ts` checks the two agree.)
 */
import { sql } from 'kysely';
import type { DbOrTrx } from './db.js';
import { likesByDate } from './dialect.js';
import type { LikeTable } from './schema.js';

/**
 * The counted likes as rows `(bricolage_id, agent_id, at)`, to use as a subquery (`.as('cl')`).
 * Callers narrow it before the grouping with `l.*` (the reactions) and `b.*` (the bricolage)
 * columns. With `since`, only the agents who reacted since then are counted, and the reactions are
 * read through their date index first (left to itself, SQLite walks every like in key order to
 * avoid sorting the groups: all 100,000 of them for the last week's few).
 */
export function countedLikes(db: DbOrTrx, { since }: { since?: string } = {}) {
  const reactions =
    since === undefined
      ? db.selectFrom('likes as l').innerJoin('bricolages as b', 'b.id', 'l.bricolage_id')
      : db
          .selectFrom(sql<LikeTable>`likes`.as<'l'>(likesByDate(db)))
          .crossJoin('bricolages as b')
          .whereRef('b.id', '=', 'l.bricolage_id')
          .where('l.created_at', '>=', since);
  return reactions
    .whereRef('l.agent_id', '<>', 'b.author_id')
    .select((eb) => ['l.bricolage_id', 'l.agent_id', eb.fn.min<string>('l.created_at').as('at')])
    .groupBy(['l.bricolage_id', 'l.agent_id']);
}
