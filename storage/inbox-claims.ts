/**
 * Claims on inbox rows, for several instances processing one PostgreSQL inbox (SQLite has one
 * process, which orders an agent's events in memory). An instance processes a row only under a
 * lease (`claimed_by` until `claimed_until`), and claims an agent's rows one at a time, oldest
 * first: an agent's next event is never claimed while an earlier one waits or is in flight
 * elsewhere, its replies included (the lease is given back once the instance has answered). A killed instance's leases expire and its rows are claimed by another. Claims only
 * order the work: the exactly-once guarantee is `markProcessed`, in the processing transaction.
 */
import { sql } from 'kysely';
import type { Db } from './db.js';
import type { InboxRow } from './schema.js';

/** The agent key of an event, as the inbox derives it (`agent_key`). */
export function agentKeyOf(event: { platform: string; user: { id: string } }): string {
  return `${event.platform}:${event.user.id}`;
}

/**
 * Claims the agent's oldest waiting row for `instance`, or null when none is due, or when one of
 * the agent's rows is earlier in line or still under another instance's lease. One round trip:
 * `inbox_claim_next` (migration postgres/2026-12-04-10-instances) serialises the claims of one
 * agent by an advisory lock, so each sees the one before it committed, and picks the row with
 * `FOR UPDATE SKIP LOCKED`.
 */
export async function claimNextOfAgent(
  db: Db,
  agentKey: string,
  instance: string,
  leaseMs: number,
  now = new Date(),
): Promise<InboxRow | null> {
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const { rows } =
    await sql<InboxRow>`SELECT * FROM inbox_claim_next(${agentKey}, ${instance}, ${now.toISOString()}, ${until})`.execute(db);
  return rows[0] ?? null;
}

/** Extends this instance's lease on a row it is still processing (photos can take long to fetch). */
export async function renewClaim(db: Db, id: number, instance: string, leaseMs: number, now = new Date()): Promise<void> {
  await db
    .updateTable('inbox')
    .set({ claimed_until: new Date(now.getTime() + leaseMs).toISOString() })
    .where('id', '=', id)
    .where('claimed_by', '=', instance)
    .where('processed_at', 'is', null)
    .execute();
}

/** Gives a claimed row back: answered, or left for later (the instance is stopping, or lacks its platform). */
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
          selectFrom('inbox as o').select('o.id').whereRef('o.agent_key', '=', 'i.agent_key').where('o.claimed_until', '>', at),
        ),
      ),
    )
    .limit(limit)
    .execute();
  return rows.map((r) => r.agent_key).filter((k): k is string => k !== null);
}
