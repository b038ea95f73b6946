/**
 * What ateliers and défis share: a gathering (opened by an animateur, open or closed, announced in
 * the community channel) with bricolages linked to it. One home for those links and the reads the
 * bot and the gallery make of them; `workshops.ts` and `challenges.ts` keep what is theirs alone
 * (a summary, an end date, a scoreboard).
 */
import { sql } from 'kysely';
import type { ChatLocation } from './bricolages.js';
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';

/** Each kind of gathering: its table, its table of links and the link's column naming it. */
const GATHERINGS = {
  workshop: { table: 'workshops', links: 'workshop_bricolages', key: 'workshop_id' },
  challenge: { table: 'challenges', links: 'challenge_bricolages', key: 'challenge_id' },
} as const;

export type GatheringKind = keyof typeof GATHERINGS;
export type GatheringStatus = 'open' | 'closed';

/** One page of a list: at most `limit` rows after skipping `offset`. */
export interface Page {
  limit: number;
  offset?: number;
}

/** A published bricolage linked to a gathering, as lists and pages show it. */
export interface LinkedBricolage {
  id: number;
  title: string;
  authorId: number;
  authorName: string;
  mairie: string | null;
  linkedAt: string;
}

/** The columns every link table has beside the one naming its gathering. */
interface LinkRow {
  bricolage_id: number;
  linked_by: number | null;
  linked_at: string;
}

/** The columns every gathering table has. */
interface GatheringRow {
  id: number;
  title: string;
  status: GatheringStatus;
  opened_by: number | null;
}

/**
 * A kind's link table as `l` and its gathering table as `g`, typed by what they share (a union of
 * the two tables would not type-check as one), and the link's column naming the gathering.
 */
function tablesOf(kind: GatheringKind) {
  const g = GATHERINGS[kind];
  return {
    l: sql<LinkRow>`${sql.table(g.links)}`.as('l'),
    g: sql<GatheringRow>`${sql.table(g.table)}`.as('g'),
    key: sql.ref<number>(`l.${g.key}`),
  };
}

function linksOf(db: DbOrTrx, kind: GatheringKind) {
  const t = tablesOf(kind);
  return { from: db.selectFrom(t.l), key: t.key };
}

/** Links a bricolage to a gathering; false when it already was (linking twice changes nothing). */
export async function linkBricolageTo(
  db: DbOrTrx,
  kind: GatheringKind,
  input: { id: number; bricolageId: number; linkedBy: number | null; at?: string },
): Promise<boolean> {
  const g = GATHERINGS[kind];
  const result = await sql<{ bricolage_id: number }>`
    INSERT INTO ${sql.table(g.links)} (${sql.ref(g.key)}, bricolage_id, linked_by, linked_at)
    VALUES (${input.id}, ${input.bricolageId}, ${input.linkedBy}, ${input.at ?? nowIso()})
    ON CONFLICT DO NOTHING
    RETURNING bricolage_id`.execute(db);
  return result.rows.length > 0;
}

/**
 * The links of some gatherings whose bricolage is not a draft (an export: drafts stay where they
 * are), each gathering's in the order they were made, with who made them.
 */
export async function linksOfGatherings(
  db: DbOrTrx,
  kind: GatheringKind,
  ids: readonly number[],
): Promise<{ gatheringId: number; bricolageId: number; linkedAt: string; byPlatform: string | null; byUser: string | null }[]> {
  if (ids.length === 0) return [];
  const t = tablesOf(kind);
  const rows = await db
    .selectFrom(t.l)
    .innerJoin('bricolages as b', 'b.id', 'l.bricolage_id')
    .leftJoin('agents as by', 'by.id', 'l.linked_by')
    .select([t.key.as('gathering_id'), 'l.bricolage_id', 'l.linked_at', 'by.platform', 'by.platform_user_id'])
    .where(t.key, 'in', ids)
    .where('b.status', '!=', 'draft')
    .orderBy('l.linked_at')
    .orderBy('l.bricolage_id')
    .execute();
  return rows.map((r) => ({
    gatheringId: r.gathering_id,
    bricolageId: r.bricolage_id,
    linkedAt: r.linked_at,
    byPlatform: r.platform,
    byUser: r.platform_user_id,
  }));
}

/** The published bricolages of a gathering, in the order they were linked, a page at a time. */
export async function linkedBricolages(
  db: DbOrTrx,
  kind: GatheringKind,
  id: number,
  page: Page = { limit: 50 },
): Promise<LinkedBricolage[]> {
  const links = linksOf(db, kind);
  const rows = await links.from
    .innerJoin('bricolages as b', 'b.id', 'l.bricolage_id')
    .innerJoin('agents as a', 'a.id', 'b.author_id')
    .select(['b.id', 'b.title', 'b.author_id', 'a.display_name', 'a.mairie', 'l.linked_at'])
    .where(links.key, '=', id)
    .where('b.status', '=', 'published')
    .orderBy('l.linked_at')
    .orderBy('b.id')
    .limit(page.limit)
    .offset(page.offset ?? 0)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    authorId: r.author_id,
    authorName: r.display_name,
    mairie: r.mairie,
    linkedAt: r.linked_at,
  }));
}

/**
 * The gathering's links whose bricolage is published. The bricolage is checked per link (EXISTS):
 * joined, SQLite would start from every published bricolage (the status index) and probe the
 * links, 10,000 probes at 10,000 bricolages for a défi of a few hundred.
 */
function publishedLinks(db: DbOrTrx, kind: GatheringKind) {
  const t = tablesOf(kind);
  return {
    from: db
      .selectFrom(t.l)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('bricolages as b')
            .select('b.id')
            .whereRef('b.id', '=', 'l.bricolage_id')
            .where('b.status', '=', 'published'),
        ),
      ),
    key: t.key,
  };
}

/**
 * How many published bricolages are linked to the gathering `ref` names (`workshops.id`,
 * `challenges.id`), as a column of a list's query.
 */
export function linkedCount(db: DbOrTrx, kind: GatheringKind, ref: string) {
  const links = publishedLinks(db, kind);
  return links.from.select((e) => e.fn.countAll<number>().as('n')).where(links.key, '=', sql.ref<number>(ref));
}

/** How many published bricolages are linked to one gathering. */
export async function countLinkedBricolages(db: DbOrTrx, kind: GatheringKind, id: number): Promise<number> {
  const links = publishedLinks(db, kind);
  const row = await links.from
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(links.key, '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The gatherings of a kind a bricolage is linked to, whatever their status. */
export async function gatheringsOfBricolage(
  db: DbOrTrx,
  kind: GatheringKind,
  bricolageId: number,
): Promise<{ id: number; title: string; status: GatheringStatus }[]> {
  const t = tablesOf(kind);
  return db
    .selectFrom(t.l)
    .innerJoin(t.g, (join) => join.on('g.id', '=', t.key))
    .select(['g.id', 'g.title', 'g.status'])
    .where('l.bricolage_id', '=', bricolageId)
    .orderBy('g.id')
    .execute();
}

/** How many gatherings of a kind have a status. */
export async function countGatherings(db: DbOrTrx, kind: GatheringKind, status: GatheringStatus): Promise<number> {
  const row = await db
    .selectFrom(tablesOf(kind).g)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('g.status', '=', status)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Links a gathering's announcement to the chat message it was posted as (links are told in its thread). */
export async function linkAnnouncement(db: DbOrTrx, kind: GatheringKind, id: number, loc: ChatLocation): Promise<void> {
  await db
    .updateTable(GATHERINGS[kind].table)
    .set({ chat_platform: loc.platform, chat_channel_id: loc.channelId, chat_message_id: loc.messageId })
    .where('id', '=', id)
    .execute();
}

/** The display name of the agent who opened a gathering (null once they are gone, or unknown gathering). */
export async function openerOf(db: DbOrTrx, kind: GatheringKind, id: number): Promise<string | null> {
  const row = await db
    .selectFrom(tablesOf(kind).g)
    .innerJoin('agents as a', 'a.id', 'g.opened_by')
    .select('a.display_name')
    .where('g.id', '=', id)
    .executeTakeFirst();
  return row?.display_name ?? null;
}

/** What a gathering's page shows beside its own fields: who opened it, its published bricolages (a page of them) and their count. */
export interface GatheringDetail {
  openedBy: string | null;
  bricolageCount: number;
  bricolages: LinkedBricolage[];
}

export async function gatheringDetail(db: DbOrTrx, kind: GatheringKind, id: number, page: Page): Promise<GatheringDetail> {
  return {
    openedBy: await openerOf(db, kind, id),
    bricolageCount: await countLinkedBricolages(db, kind, id),
    bricolages: await linkedBricolages(db, kind, id, page),
  };
}
