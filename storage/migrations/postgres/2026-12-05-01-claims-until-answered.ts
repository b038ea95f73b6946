/**
 * Frozen: an agent's claim is held until the instance has answered, not only until its commit
 * (PostgreSQL only; one SQLite process orders an agent's replies in memory).
 * `inbox_claim_next` refused the agent's next row while an earlier one waited or was in flight
 * elsewhere, but a processed row no longer counted: another instance could claim the next event as
 * soon as the first committed, and answer it before the first instance had sent its own replies.
 * Now a row under another instance's live lease holds the agent's next rows, processed or not; the
 * instance gives the lease back once it has answered (`releaseClaim`), and a killed instance's
 * lease expires as before. A partial index keeps that check to the few rows in flight.
 * Self-contained: imports no app code.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Leases left on finished rows by the previous version would hold nothing but the index's size.
  await sql`UPDATE inbox SET claimed_by = NULL, claimed_until = NULL
    WHERE claimed_until IS NOT NULL AND (processed_at IS NOT NULL OR failed_at IS NOT NULL)`.execute(db);
  await sql`CREATE INDEX inbox_leased_agent ON inbox (agent_key) WHERE claimed_until IS NOT NULL`.execute(db);
  await sql
    .raw(`CREATE OR REPLACE FUNCTION inbox_claim_next(p_agent text, p_instance text, p_at text, p_until text)
  RETURNS SETOF inbox LANGUAGE plpgsql VOLATILE AS $$
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('inbox:' || p_agent, 18));
    RETURN QUERY
    UPDATE inbox SET claimed_by = p_instance, claimed_until = p_until
    WHERE id = (
        SELECT w.id FROM inbox w
        WHERE w.agent_key = p_agent AND w.processed_at IS NULL AND w.failed_at IS NULL
          AND (w.next_attempt_at IS NULL OR w.next_attempt_at <= p_at)
        ORDER BY w.id LIMIT 1
        FOR UPDATE SKIP LOCKED)
      AND (inbox.claimed_until IS NULL OR inbox.claimed_until <= p_at OR inbox.claimed_by = p_instance)
      AND NOT EXISTS (
        SELECT 1 FROM inbox o
        WHERE o.agent_key = p_agent AND o.processed_at IS NULL AND o.failed_at IS NULL AND o.id < inbox.id
          AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= p_at))
      AND NOT EXISTS (
        SELECT 1 FROM inbox o
        WHERE o.agent_key = p_agent AND o.claimed_until IS NOT NULL AND o.id <> inbox.id
          AND o.claimed_by <> p_instance AND o.claimed_until > p_at)
    RETURNING inbox.*;
  END $$`)
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX inbox_leased_agent`.execute(db);
  await sql
    .raw(`CREATE OR REPLACE FUNCTION inbox_claim_next(p_agent text, p_instance text, p_at text, p_until text)
  RETURNS SETOF inbox LANGUAGE plpgsql VOLATILE AS $$
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('inbox:' || p_agent, 18));
    RETURN QUERY
    UPDATE inbox SET claimed_by = p_instance, claimed_until = p_until
    WHERE id = (
        SELECT w.id FROM inbox w
        WHERE w.agent_key = p_agent AND w.processed_at IS NULL AND w.failed_at IS NULL
          AND (w.next_attempt_at IS NULL OR w.next_attempt_at <= p_at)
        ORDER BY w.id LIMIT 1
        FOR UPDATE SKIP LOCKED)
      AND (inbox.claimed_until IS NULL OR inbox.claimed_until <= p_at OR inbox.claimed_by = p_instance)
      AND NOT EXISTS (
        SELECT 1 FROM inbox o
        WHERE o.agent_key = p_agent AND o.processed_at IS NULL AND o.failed_at IS NULL AND o.id <> inbox.id
          AND ((o.id < inbox.id AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= p_at))
            OR (o.claimed_by <> p_instance AND o.claimed_until > p_at)))
    RETURNING inbox.*;
  END $$`)
    .execute(db);
}
