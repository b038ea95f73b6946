/** Append-only audit log of actions that change what others see. */
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';

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
