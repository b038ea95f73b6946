/**
 * Proposals to the central administration: an animateur proposes a bricolage, then moves it
 * proposé → à l'étude → déployé, or non retenu. Each status is an event with a dated note; the
 * proposal row keeps the current one. Callers run these in the turn's transaction with the audit entry.
 */
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';
import type { Agent, ProposalStatus } from './schema.js';

export const PROPOSAL_STATUSES: readonly ProposalStatus[] = ['proposed', 'studying', 'deployed', 'rejected'];

/** Where each status may go next; deployed and rejected are final. */
const NEXT: Record<ProposalStatus, readonly ProposalStatus[]> = {
  proposed: ['studying', 'rejected'],
  studying: ['deployed', 'rejected'],
  deployed: [],
  rejected: [],
};

export function canMove(from: ProposalStatus, to: ProposalStatus): boolean {
  return NEXT[from].includes(to);
}

export interface Proposal {
  bricolageId: number;
  status: ProposalStatus;
  createdAt: string;
  updatedAt: string;
}

export async function getProposal(db: DbOrTrx, bricolageId: number): Promise<Proposal | null> {
  const row = await db.selectFrom('proposals').selectAll().where('bricolage_id', '=', bricolageId).executeTakeFirst();
  return row ? { bricolageId: row.bricolage_id, status: row.status, createdAt: row.created_at, updatedAt: row.updated_at } : null;
}

/** Creates the proposal and its first event; false when the bricolage was already proposed. */
export async function createProposal(
  db: DbOrTrx,
  bricolageId: number,
  actorId: number,
  note: string,
  at = nowIso(),
): Promise<boolean> {
  const row = await db
    .insertInto('proposals')
    .values({ bricolage_id: bricolageId, status: 'proposed', proposed_by: actorId, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('bricolage_id').doNothing())
    .returning('bricolage_id')
    .executeTakeFirst();
  if (!row) return false;
  await db
    .insertInto('proposal_events')
    .values({ bricolage_id: bricolageId, status: 'proposed', note, actor_agent_id: actorId, at })
    .execute();
  return true;
}

export type MoveOutcome = { outcome: 'done' | 'unknown' } | { outcome: 'refused'; from: ProposalStatus };

/** Moves a proposal to `to` with its note, when the current status allows it. */
export async function moveProposal(
  db: DbOrTrx,
  bricolageId: number,
  to: ProposalStatus,
  actorId: number,
  note: string,
  at = nowIso(),
): Promise<MoveOutcome> {
  const current = await getProposal(db, bricolageId);
  if (!current) return { outcome: 'unknown' };
  if (!canMove(current.status, to)) return { outcome: 'refused', from: current.status };
  const updated = await db
    .updateTable('proposals')
    .set({ status: to, updated_at: at })
    .where('bricolage_id', '=', bricolageId)
    .where('status', '=', current.status)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return { outcome: 'refused', from: current.status };
  await db
    .insertInto('proposal_events')
    .values({ bricolage_id: bricolageId, status: to, note, actor_agent_id: actorId, at })
    .execute();
  return { outcome: 'done' };
}

export interface ProposalEvent {
  bricolageId: number;
  status: ProposalStatus;
  note: string;
  at: string;
}

/** The events of the given proposals, oldest first. */
export async function proposalEvents(db: DbOrTrx, bricolageIds: number[]): Promise<ProposalEvent[]> {
  if (bricolageIds.length === 0) return [];
  const rows = await db
    .selectFrom('proposal_events')
    .select(['bricolage_id', 'status', 'note', 'at'])
    .where('bricolage_id', 'in', bricolageIds)
    .orderBy('bricolage_id')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ bricolageId: r.bricolage_id, status: r.status, note: r.note, at: r.at }));
}

/**
 * Who hears of a proposal's change: the author, and every agent whose mairie adopted the bricolage
 * (each once).
 */
export async function proposalRecipients(db: DbOrTrx, bricolageId: number): Promise<Agent[]> {
  return db
    .selectFrom('agents as a')
    .selectAll('a')
    .where((eb) =>
      eb.or([
        eb('a.id', '=', eb.selectFrom('bricolages').select('author_id').where('id', '=', bricolageId)),
        eb(
          'a.mairie',
          'in',
          eb.selectFrom('adoptions').select('mairie').where('bricolage_id', '=', bricolageId).where('mairie', 'is not', null),
        ),
      ]),
    )
    .orderBy('a.id')
    .execute();
}
