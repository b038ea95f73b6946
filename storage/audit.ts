/** Append-only audit log of actions that change what others see. */
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';
import type { ProposalStatus } from './schema.js';

export async function audit(
  db: DbOrTrx,
  entry: { actorAgentId: number | null; action: string; subjectType: string; subjectId: string | number; details?: unknown },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: nowIso(),
      actor_agent_id: entry.actorAgentId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: String(entry.subjectId),
      details: entry.details === undefined ? null : JSON.stringify(entry.details),
    })
    .execute();
}

// --- community: animateurs' actions, typed ----------------------------------------------------

/** What an animateur did: a closed union, so every entry of the journal can be told in words. */
export type AnimatorAction =
  | { action: 'bricolage.feature' | 'bricolage.unfeature' | 'bricolage.hide' | 'bricolage.restore'; bricolageId: number }
  | { action: 'comment.hide' | 'comment.restore'; commentId: number; bricolageId: number }
  | { action: 'announcement.post'; text: string }
  | { action: 'animator.add' | 'animator.remove'; target: string; targetName: string }
  | { action: 'proposal.create' | 'proposal.status'; bricolageId: number; status: ProposalStatus; note: string };

export type AnimatorActionName = AnimatorAction['action'];
const ANIMATOR_ACTIONS: readonly AnimatorActionName[] = [
  'bricolage.feature',
  'bricolage.unfeature',
  'bricolage.hide',
  'bricolage.restore',
  'comment.hide',
  'comment.restore',
  'announcement.post',
  'animator.add',
  'animator.remove',
  'proposal.create',
  'proposal.status',
];

function subjectOf(entry: AnimatorAction): { type: string; id: string } {
  switch (entry.action) {
    case 'comment.hide':
    case 'comment.restore':
      return { type: 'comment', id: String(entry.commentId) };
    case 'announcement.post':
      return { type: 'channel', id: 'community' };
    case 'animator.add':
    case 'animator.remove':
      return { type: 'agent', id: entry.target };
    default:
      return { type: 'bricolage', id: String(entry.bricolageId) };
  }
}

/** Records who did what, and why, in the audit log (in the caller's transaction). */
export async function logAnimatorAction(
  db: DbOrTrx,
  actorAgentId: number,
  entry: AnimatorAction,
  reason: string | null,
): Promise<void> {
  const subject = subjectOf(entry);
  const { action, ...details } = entry;
  await db
    .insertInto('audit_log')
    .values({
      at: nowIso(),
      actor_agent_id: actorAgentId,
      action,
      subject_type: subject.type,
      subject_id: subject.id,
      details: JSON.stringify({ ...details, reason }),
    })
    .execute();
}

/** One line of the journal: a typed animateur action, or another audited event by name. */
export interface JournalEntry {
  id: number;
  at: string;
  actorName: string | null;
  reason: string | null;
  entry: AnimatorAction | { action: 'other'; name: string; subjectType: string; subjectId: string };
}

/** The last `limit` audited actions, newest first. */
export async function recentAuditEntries(db: DbOrTrx, limit = 10): Promise<JournalEntry[]> {
  const rows = await db
    .selectFrom('audit_log as l')
    .leftJoin('agents as a', 'a.id', 'l.actor_agent_id')
    .select(['l.id', 'l.at', 'l.action', 'l.subject_type', 'l.subject_id', 'l.details', 'a.display_name'])
    .orderBy('l.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const details = parseDetails(r.details);
    const typed = (ANIMATOR_ACTIONS as readonly string[]).includes(r.action);
    return {
      id: r.id,
      at: r.at,
      actorName: r.display_name,
      reason: typeof details.reason === 'string' ? details.reason : null,
      entry: typed
        ? ({ ...details, action: r.action } as unknown as AnimatorAction)
        : { action: 'other', name: r.action, subjectType: r.subject_type, subjectId: r.subject_id },
    };
  });
}

function parseDetails(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
