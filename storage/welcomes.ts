/**
 * The welcome of newcomers: claimed once per agent ever (the row is written in the event's
 * transaction, before the message is sent), the bricolages it shows, and the dashboard's count.
 */
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';

/** True when this call recorded the agent's welcome (so it may send it); false when already welcomed or known. */
export async function claimWelcome(db: DbOrTrx, agentId: number, at = nowIso()): Promise<boolean> {
  const row = await db
    .insertInto('welcomes')
    .values({ agent_id: agentId, welcomed_at: at })
    .onConflict((oc) => oc.column('agent_id').doNothing())
    .returning('agent_id')
    .executeTakeFirst();
  return row !== undefined;
}

export interface WelcomeBricolage {
  id: number;
  title: string;
  mairie: string | null;
  adoptions: number;
}

/**
 * The most adopted published bricolages, the adopted ones of `mairie` first when it is known (then
 * the others by adoptions), `limit` in all. Never adopted ones come last, newest first.
 */
export async function mostAdoptedFor(db: DbOrTrx, mairie: string | null, limit = 3): Promise<WelcomeBricolage[]> {
  const query = (own: boolean | null) => {
    let q = db
      .selectFrom('bricolages as b')
      .innerJoin('bricolage_stats as s', 's.bricolage_id', 'b.id')
      .innerJoin('agents as a', 'a.id', 'b.author_id')
      .select(['b.id', 'b.title', 'a.mairie', 's.adoption_count'])
      .where('b.status', '=', 'published')
      .orderBy('s.adoption_count', 'desc')
      .orderBy('b.id', 'desc')
      .limit(limit);
    // The mairie's own come first only when adopted somewhere: the welcome shows what travelled.
    if (own === true && mairie) q = q.where('a.mairie', '=', mairie).where('s.adoption_count', '>', 0);
    return q.execute();
  };
  const own = mairie ? await query(true) : [];
  const all = await query(null);
  const picked = [...own, ...all.filter((r) => !own.some((o) => o.id === r.id))].slice(0, limit);
  return picked.map((r) => ({ id: r.id, title: r.title, mairie: r.mairie, adoptions: Number(r.adoption_count) }));
}

/** Newcomers welcomed since `since`, per mairie (null: not known yet), most first. */
export async function welcomedSince(db: DbOrTrx, since: string): Promise<{ mairie: string | null; count: number }[]> {
  const rows = await db
    .selectFrom('welcomes as w')
    .innerJoin('agents as a', 'a.id', 'w.agent_id')
    .select((eb) => ['a.mairie', eb.fn.countAll<number>().as('n')])
    .where('w.welcomed_at', '>=', since)
    .groupBy('a.mairie')
    .orderBy('n', 'desc')
    .orderBy('a.mairie')
    .execute();
  return rows.map((r) => ({ mairie: r.mairie, count: Number(r.n) }));
}
