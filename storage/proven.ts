/**
 * "A fait ses preuves", derived from stored adoptions and never stored as a flag that could drift.
 * A bricolage's *reach* is the number of distinct mairies other than its author's that adopted it
 * (two agents of one mairie count once; adoptions by the author or in the author's own or an unknown
 * mairie never count), or 0 while none of those adoptions carries a feedback message. It is proven
 * when its reach is at least the threshold (`PROVEN_MIN_MAIRIES`). Every query here uses the one
 * SQL expression below.
 */
import { type RawBuilder, sql } from 'kysely';
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';

/**
 * The reach of the bricolage aliased `b` (a table with `id` and `author_id`), as one correlated
 * subquery (the adoptions' unique key on `bricolage_id, agent_id` serves it).
 */
export function provenReachSql(alias = 'b'): RawBuilder<number> {
  const b = sql.ref(alias);
  return sql<number>`(
    SELECT ${REACH} FROM adoptions ad JOIN agents au ON au.id = ${b}.author_id
    WHERE ad.bricolage_id = ${b}.id AND ${countedAdoptionSql('ad', 'au', alias)})`;
}

/** The reach over the counted adoptions `ad` of one bricolage (an aggregate). */
const REACH = sql<number>`CASE WHEN max(CASE WHEN trim(coalesce(ad.feedback, '')) <> '' THEN 1 ELSE 0 END) = 1 THEN count(DISTINCT ad.mairie) ELSE 0 END`;

/**
 * `(bricolage_id, reach)` for every bricolage with a counted adoption, in one grouped pass over the
 * adoptions: what lists over all bricolages use, instead of one subquery per bricolage.
 */
export function reachByBricolageSql(): RawBuilder<{ bricolage_id: number; reach: number }> {
  return sql`SELECT ad.bricolage_id, ${REACH} AS reach
    FROM adoptions ad JOIN bricolages b ON b.id = ad.bricolage_id JOIN agents au ON au.id = b.author_id
    WHERE ${countedAdoptionSql('ad', 'au', 'b')}
    GROUP BY ad.bricolage_id`;
}

/**
 * The adoption `ad` counts toward its bricolage `b`'s reach (author `au`): not by the author, and
 * from a known mairie other than the author's known mairie (`isOtherMairie` of `domain/scoring.ts`).
 */
export function countedAdoptionSql(ad: string, au: string, b: string): RawBuilder<boolean> {
  const [a, u, br] = [sql.ref(ad), sql.ref(au), sql.ref(b)];
  return sql<boolean>`${a}.agent_id <> ${br}.author_id AND ${a}.mairie IS NOT NULL AND ${u}.mairie IS NOT NULL
      AND ${a}.mairie <> ${u}.mairie`;
}

/** Whether a reach read from SQL makes the bricolage proven under `min`. */
export function isProvenReach(reach: number, min: number): boolean {
  return reach >= min && reach > 0;
}

/** The reach of one bricolage (0 when unknown). */
export async function provenReach(db: DbOrTrx, bricolageId: number): Promise<number> {
  const row = await sql<{ reach: number }>`
    SELECT ${provenReachSql('b')} AS reach FROM bricolages b WHERE b.id = ${bricolageId}`.execute(db);
  return Number(row.rows[0]?.reach ?? 0);
}

/** Published bricolages of one author that are proven: the fact behind the "Fait ses preuves" badge. */
export async function countProvenByAuthor(db: DbOrTrx, authorId: number, min: number): Promise<number> {
  const row = await sql<{ n: number }>`
    SELECT count(*) AS n FROM bricolages b
    WHERE b.author_id = ${authorId} AND b.status = 'published' AND ${provenReachSql('b')} >= ${min}`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

/** Proven published bricolages not announced yet, oldest first (the announcement job's work list). */
export async function unannouncedProven(db: DbOrTrx, min: number, limit = 50): Promise<number[]> {
  const rows = await sql<{ id: number }>`
    SELECT b.id FROM (${reachByBricolageSql()}) r JOIN bricolages b ON b.id = r.bricolage_id
    WHERE b.status = 'published' AND r.reach >= ${min}
      AND NOT EXISTS (SELECT 1 FROM proven_announcements pa WHERE pa.bricolage_id = b.id)
    ORDER BY b.id LIMIT ${limit}`.execute(db);
  return rows.rows.map((r) => Number(r.id));
}

/** Claims the announcement of a proven bricolage: true once, false ever after (the key decides). */
export async function claimProvenAnnouncement(db: DbOrTrx, bricolageId: number, at = nowIso()): Promise<boolean> {
  const row = await db
    .insertInto('proven_announcements')
    .values({ bricolage_id: bricolageId, announced_at: at })
    .onConflict((oc) => oc.column('bricolage_id').doNothing())
    .returning('bricolage_id')
    .executeTakeFirst();
  return row !== undefined;
}

export interface ProvenAnnounced {
  id: number;
  title: string;
  authorName: string;
  reach: number;
}

/** Bricolages announced as proven in `[from, to)`, widest reach first: the digest's list. */
export async function provenAnnouncedBetween(
  db: DbOrTrx,
  window: { from: string; to: string },
  limit = 5,
): Promise<{ items: ProvenAnnounced[]; total: number }> {
  const rows = await sql<{ id: number; title: string; display_name: string; reach: number; total: number }>`
    SELECT b.id, b.title, a.display_name, ${provenReachSql('b')} AS reach, count(*) OVER () AS total
    FROM proven_announcements pa JOIN bricolages b ON b.id = pa.bricolage_id JOIN agents a ON a.id = b.author_id
    WHERE pa.announced_at >= ${window.from} AND pa.announced_at < ${window.to} AND b.status = 'published'
    ORDER BY reach DESC, b.id DESC LIMIT ${limit}`.execute(db);
  return {
    items: rows.rows.map((r) => ({ id: r.id, title: r.title, authorName: r.display_name, reach: Number(r.reach) })),
    total: Number(rows.rows[0]?.total ?? 0),
  };
}
