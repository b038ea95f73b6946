/**
 * Ateliers de débogage: open / close, the bricolages linked to them, and the reads the bot and the
 * gallery share (open and closed lists with paging, one workshop with its bricolages
 * (`workshopDetail`), the workshops of a bricolage, who contributed).
 */
import type { ChatLocation } from './bricolages.js';
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';
import * as linked from './linked-bricolages.js';
import type { Workshop, WorkshopStatus } from './schema.js';

export interface WorkshopSummary {
  id: number;
  title: string;
  description: string;
  status: WorkshopStatus;
  openedAt: string;
  closedAt: string | null;
  summary: string | null;
  /** Published bricolages linked to it. */
  bricolageCount: number;
}

/** A published bricolage linked to a workshop (the shape every gathering's links have). */
export type WorkshopBricolage = linked.LinkedBricolage;

export async function openWorkshop(
  db: DbOrTrx,
  input: { title: string; description: string; openedBy: number; at?: string },
): Promise<number> {
  const { id } = await db
    .insertInto('workshops')
    .values({
      title: input.title,
      description: input.description,
      status: 'open',
      opened_by: input.openedBy,
      opened_at: input.at ?? nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Closes an open workshop with its summary; false when it was not open (already closed, unknown). */
export async function closeWorkshop(
  db: DbOrTrx,
  input: { id: number; summary: string; closedBy: number; at?: string },
): Promise<boolean> {
  const result = await db
    .updateTable('workshops')
    .set({ status: 'closed', summary: input.summary, closed_by: input.closedBy, closed_at: input.at ?? nowIso() })
    .where('id', '=', input.id)
    .where('status', '=', 'open')
    .returning('id')
    .executeTakeFirst();
  return result !== undefined;
}

export async function getWorkshop(db: DbOrTrx, id: number): Promise<Workshop | undefined> {
  return db.selectFrom('workshops').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Links the workshop's announcement to the chat message it was posted as. */
export async function linkWorkshopMessage(db: DbOrTrx, id: number, loc: ChatLocation): Promise<void> {
  await linked.linkAnnouncement(db, 'workshop', id, loc);
}

/**
 * Workshops with a given status and their count of published bricolages, a page at a time: open
 * ones newest first, closed ones most recently closed first.
 */
export async function listWorkshops(
  db: DbOrTrx,
  status: WorkshopStatus,
  page: linked.Page = { limit: 20 },
): Promise<WorkshopSummary[]> {
  const rows = await db
    .selectFrom('workshops')
    .select([
      'workshops.id',
      'workshops.title',
      'workshops.description',
      'workshops.status',
      'workshops.opened_at',
      'workshops.closed_at',
      'workshops.summary',
      linked.linkedCount(db, 'workshop', 'workshops.id').as('bricolage_count'),
    ])
    .where('workshops.status', '=', status)
    .orderBy(status === 'open' ? 'workshops.opened_at' : 'workshops.closed_at', 'desc')
    .orderBy('workshops.id', 'desc')
    .limit(page.limit)
    .offset(page.offset ?? 0)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    status: r.status,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    summary: r.summary,
    bricolageCount: Number(r.bricolage_count),
  }));
}

export async function countWorkshops(db: DbOrTrx, status: WorkshopStatus): Promise<number> {
  return linked.countGatherings(db, 'workshop', status);
}

/** Links a bricolage to a workshop; false when it already was (linking twice changes nothing). */
export async function linkBricolage(
  db: DbOrTrx,
  input: { workshopId: number; bricolageId: number; linkedBy: number; at?: string },
): Promise<boolean> {
  return linked.linkBricolageTo(db, 'workshop', {
    id: input.workshopId,
    bricolageId: input.bricolageId,
    linkedBy: input.linkedBy,
    at: input.at,
  });
}

/** The published bricolages of a workshop, in the order they were linked, a page at a time. */
export async function workshopBricolages(
  db: DbOrTrx,
  workshopId: number,
  page: linked.Page = { limit: 50 },
): Promise<WorkshopBricolage[]> {
  return linked.linkedBricolages(db, 'workshop', workshopId, page);
}

/** One workshop as its page shows it: who opened it, its published bricolages (a page of them) and their count. */
export interface WorkshopDetail extends WorkshopSummary {
  openedBy: string | null;
  bricolages: WorkshopBricolage[];
}

export async function workshopDetail(
  db: DbOrTrx,
  id: number,
  page: linked.Page = { limit: 50 },
): Promise<WorkshopDetail | undefined> {
  const row = await getWorkshop(db, id);
  if (!row) return undefined;
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    summary: row.summary,
    ...(await linked.gatheringDetail(db, 'workshop', id, page)),
  };
}

/** The workshops a bricolage belongs to (for its page and JSON). */
export async function workshopsOfBricolage(
  db: DbOrTrx,
  bricolageId: number,
): Promise<{ id: number; title: string; status: WorkshopStatus }[]> {
  return linked.gatheringsOfBricolage(db, 'workshop', bricolageId);
}

/**
 * The fact behind the "Atelier" badge (`AgentFacts.workshopContributions` in `domain/scoring.ts`):
 * how many of the agent's published bricolages are linked to a workshop.
 */
export async function countWorkshopContributions(db: DbOrTrx, agentId: number): Promise<number> {
  const row = await db
    .selectFrom('workshop_bricolages')
    .innerJoin('bricolages', 'bricolages.id', 'workshop_bricolages.bricolage_id')
    .select((eb) => eb.fn.count<number>('workshop_bricolages.bricolage_id').distinct().as('count'))
    .where('bricolages.author_id', '=', agentId)
    .where('bricolages.status', '=', 'published')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
