/**
 * Read-only queries for the gallery's contributor portraits and mairie pages: each list paged or
 * limited in SQL, each count an indexed aggregate.
 */
import { sql } from 'kysely';
import type { DbOrTrx } from '../db.js';

export interface AgentSummary {
  id: number;
  name: string;
  mairie: string | null;
}

export async function getAgentSummary(db: DbOrTrx, id: number): Promise<AgentSummary | undefined> {
  const row = await db.selectFrom('agents').select(['id', 'display_name', 'mairie']).where('id', '=', id).executeTakeFirst();
  return row ? { id: row.id, name: row.display_name, mairie: row.mairie } : undefined;
}

/** Visible comments an agent wrote on published bricolages. */
export async function countCommentsWritten(db: DbOrTrx, agentId: number): Promise<number> {
  const row = await db
    .selectFrom('comments as c')
    .innerJoin('bricolages as b', 'b.id', 'c.bricolage_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.author_id', '=', agentId)
    .where('c.status', '=', 'visible')
    .where('b.status', '=', 'published')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Where an author's published bricolages were adopted: adoptions per adopting mairie, most first. */
export async function adoptionsOfAuthor(db: DbOrTrx, authorId: number): Promise<{ mairie: string | null; count: number }[]> {
  const rows = await db
    .selectFrom('adoptions as ad')
    .innerJoin('bricolages as b', 'b.id', 'ad.bricolage_id')
    .select(['ad.mairie', (eb) => eb.fn.countAll<number>().as('n')])
    .where('b.author_id', '=', authorId)
    .where('b.status', '=', 'published')
    .groupBy('ad.mairie')
    .orderBy('n', 'desc')
    .orderBy('ad.mairie')
    .limit(25)
    .execute();
  return rows.map((r) => ({ mairie: r.mairie, count: Number(r.n) }));
}

export interface MairieAgent extends AgentSummary {
  published: number;
}

/** Agents of a mairie, those who published most first, one page at a time. */
export async function mairieAgents(
  db: DbOrTrx,
  mairie: string,
  limit: number,
  offset = 0,
): Promise<{ items: MairieAgent[]; total: number }> {
  const rows = await sql<{ id: number; display_name: string; mairie: string | null; published: number }>`
    SELECT a.id, a.display_name, a.mairie,
      (SELECT count(*) FROM bricolages b WHERE b.author_id = a.id AND b.status = 'published') AS published
    FROM agents a WHERE a.mairie = ${mairie}
    ORDER BY published DESC, a.display_name, a.id LIMIT ${limit} OFFSET ${offset}`.execute(db);
  const total = await db
    .selectFrom('agents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('mairie', '=', mairie)
    .executeTakeFirstOrThrow();
  return {
    items: rows.rows.map((r) => ({ id: r.id, name: r.display_name, mairie: r.mairie, published: Number(r.published) })),
    total: Number(total.n),
  };
}

export interface AdoptionLink {
  bricolageId: number;
  title: string;
  /** The author's mairie. */
  from: string | null;
  /** The adopting mairie. */
  to: string | null;
  at: string;
}

/**
 * Adoptions across mairies touching `mairie`: what it adopted from others (`adopted`) and what others
 * adopted from it (`adoptedFrom`), the latest first, with totals.
 */
export async function mairieAdoptions(
  db: DbOrTrx,
  mairie: string,
  limit: number,
): Promise<{ adopted: AdoptionLink[]; adoptedTotal: number; adoptedFrom: AdoptionLink[]; adoptedFromTotal: number }> {
  const query = (direction: 'in' | 'out') =>
    db
      .selectFrom('adoptions as ad')
      .innerJoin('bricolages as b', 'b.id', 'ad.bricolage_id')
      .innerJoin('agents as au', 'au.id', 'b.author_id')
      .where('b.status', '=', 'published')
      .where((eb) =>
        direction === 'in'
          ? eb.and([eb('ad.mairie', '=', mairie), eb.or([eb('au.mairie', 'is', null), eb('au.mairie', '!=', mairie)])])
          : eb.and([eb('au.mairie', '=', mairie), eb.or([eb('ad.mairie', 'is', null), eb('ad.mairie', '!=', mairie)])]),
      );
  const list = (direction: 'in' | 'out') =>
    query(direction)
      .select(['b.id', 'b.title', 'au.mairie as from', 'ad.mairie as to', 'ad.created_at'])
      .orderBy('ad.created_at', 'desc')
      .orderBy('ad.id', 'desc')
      .limit(limit)
      .execute();
  const count = async (direction: 'in' | 'out') =>
    Number(
      (
        await query(direction)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const toLink = (r: { id: number; title: string; from: string | null; to: string | null; created_at: string }) => ({
    bricolageId: r.id,
    title: r.title,
    from: r.from,
    to: r.to,
    at: r.created_at,
  });
  const [adopted, adoptedTotal, adoptedFrom, adoptedFromTotal] = await Promise.all([
    list('in'),
    count('in'),
    list('out'),
    count('out'),
  ]);
  return { adopted: adopted.map(toLink), adoptedTotal, adoptedFrom: adoptedFrom.map(toLink), adoptedFromTotal };
}
