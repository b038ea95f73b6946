/**
 * Claims on inbox rows, for several instances processing one PostgreSQL inbox (SQLite has one
 * process, which orders an agent's events in memory). An instance processes a row only under a
 * lease (`claimed_by` until `claimed_until`), and claims an agent's rows one at a time, oldest
 * first: an agent's next event is never claimed while an earlier one waits or is in flight
 * elsewhere. A killed instance's leases expire and its rows are claimed by another. Claims only
 * order the work: the exactly-once guarantee is `markProcessed`, in the processing transaction.
 */
import { sql } from 'kysely';
import type { Db } from './db.js';
import { lockUntilCommit } from './dialect.js';
import type { InboxRow } from './schema.js';

/** The agent key of an event, as the inbox derives it (`agent_key`). */
export function agentKeyOf(event: { platform: string; user: { id: string } }): string {
  return `${event.platform}:${event.user.id}`;
}

/**
 * Claims the agent's oldest waiting row for `instance`, or null when none is due, or when one of
 * the agent's rows is earlier in line or still under another instance's lease. Claims of one agent
 * are serialised by a transaction-scoped advisory lock, so each sees the one before it committed.
 */
export async function claimNextOfAgent(
  db: Db,
  agentKey: string,
  instance: string,
  leaseMs: number,
  now = new Date(),
): Promise<InboxRow | null> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  return db.transaction().execute(async (trx) => {
    await lockUntilCommit(trx, `inbox:${agentKey}`);
    const { rows } = await sql<InboxRow>`
      UPDATE inbox SET claimed_by = ${instance}, claimed_until = ${until}
      WHERE id = (
          SELECT id FROM inbox
          WHERE agent_key = ${agentKey} AND processed_at IS NULL AND failed_at IS NULL
            AND (next_attempt_at IS NULL OR next_attempt_at <= ${at})
          ORDER BY id LIMIT 1
          FOR UPDATE SKIP LOCKED)
        AND (claimed_until IS NULL OR claimed_until <= ${at} OR claimed_by = ${instance})
        AND NOT EXISTS (
          SELECT 1 FROM inbox o
          WHERE o.agent_key = ${agentKey} AND o.processed_at IS NULL AND o.failed_at IS NULL AND o.id <> inbox.id
            AND ((o.id < inbox.id AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ${at}))
              OR (o.claimed_by <> ${instance} AND o.claimed_until > ${at})))
      RETURNING *`.execute(trx);
    return rows[0] ?? null;
  });
}

/** Gives a claimed row back at once (the instance is stopping, or left it for later). */
export async function releaseClaim(db: Db, id: number, instance: string): Promise<void> {
  await db
    .updateTable('inbox')
    .set({ claimed_by: null, claimed_until: null })
    .where('id', '=', id)
    .where('claimed_by', '=', instance)
    .execute();
}

/**
 * Agents with a due row that has waited `graceMs` (the instance that received it claims it itself
 * before) and no row under a live lease: what a killed or stopped instance left.
 */
export async function listUnclaimedAgents(
  db: Db,
  platforms: string[],
  graceMs: number,
  now = new Date(),
  limit = 200,
): Promise<string[]> {
  if (platforms.length === 0) return [];
  const at = now.toISOString();
  const rows = await db
    .selectFrom('inbox as i')
    .select('i.agent_key')
    .distinct()
    .where('i.processed_at', 'is', null)
    .where('i.failed_at', 'is', null)
    .where('i.platform', 'in', platforms)
    .where((eb) => eb.or([eb('i.next_attempt_at', 'is', null), eb('i.next_attempt_at', '<=', at)]))
    .where('i.received_at', '<=', new Date(now.getTime() - graceMs).toISOString())
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('inbox as o')
            .select('o.id')
            .whereRef('o.agent_key', '=', 'i.agent_key')
            .where('o.processed_at', 'is', null)
            .where('o.failed_at', 'is', null)
            .where('o.claimed_until', '>', at),
        ),
      ),
    )
    .limit(limit)
    .execute();
  return rows.map((r) => r.agent_key).filter((k): k is string => k !== null);
}
