/**
 * The one question each agent may be asked at a time (its machines live in `bot/dialog.ts`). One
 * expiry rule: a question is pending strictly before its `expires_at`; after that it is as if it
 * had never been asked (a late "oui" destroys nothing), and retention drops the row.
 */
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';

export interface PendingQuestion {
  kind: string;
  /** The machine's state, as JSON. */
  state: string;
  askedAt: string;
  expiresAt: string;
}

/** The agent's pending question, or null; an expired one is deleted on the way. */
export async function loadPending(db: DbOrTrx, agentId: number, now = nowIso()): Promise<PendingQuestion | null> {
  await db.deleteFrom('pending_questions').where('agent_id', '=', agentId).where('expires_at', '<=', now).execute();
  const row = await db.selectFrom('pending_questions').selectAll().where('agent_id', '=', agentId).executeTakeFirst();
  return row ? { kind: row.kind, state: row.state, askedAt: row.asked_at, expiresAt: row.expires_at } : null;
}

/** Asks (or asks again): whatever was pending for the agent is replaced. */
export async function savePending(
  db: DbOrTrx,
  agentId: number,
  question: { kind: string; state: unknown; ttlMs: number },
  now = new Date(),
): Promise<void> {
  const values = {
    kind: question.kind,
    state: JSON.stringify(question.state),
    asked_at: now.toISOString(),
    expires_at: new Date(now.getTime() + question.ttlMs).toISOString(),
  };
  await db
    .insertInto('pending_questions')
    .values({ agent_id: agentId, ...values })
    .onConflict((oc) => oc.column('agent_id').doUpdateSet(values))
    .execute();
}

/** Forgets the agent's question (answered, cancelled, or the agent moved on). */
export async function clearPending(db: DbOrTrx, agentId: number): Promise<void> {
  await db.deleteFrom('pending_questions').where('agent_id', '=', agentId).execute();
}

/** Retention: drops every expired question; returns how many. */
export async function pruneExpiredPending(db: DbOrTrx, now = nowIso()): Promise<number> {
  const result = await db.deleteFrom('pending_questions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
