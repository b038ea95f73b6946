/**
 * Frozen: several instances on one PostgreSQL database (issue 18 step 3).
 * - The inbox's claims: `agent_key` (platform and sender, stored at insert from the payload, so the
 *   ingest's insert does not change), and the lease `claimed_by` / `claimed_until` of the instance
 *   processing a row. A partial index finds each agent's oldest waiting row. `inbox_claim_next`
 *   claims in one round trip: serialised per agent by a transaction-scoped advisory lock, then (a
 *   new snapshot, as in any volatile function) the agent's oldest due row, picked with `FOR UPDATE
 *   SKIP LOCKED`, unless an earlier one is due or one is under another instance's live lease.
 * - A change of the gallery's data is announced on commit (`NOTIFY gallery_version`, with an empty
 *   payload, so that PostgreSQL folds a transaction's many into one): every instance's page cache
 *   knows its data changed from memory, with no query per request.
 * Twin of `../2026-12-04-10-instances.ts`. Self-contained: imports no app code.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE inbox ADD COLUMN agent_key text
    GENERATED ALWAYS AS (platform || ':' || (payload::jsonb #>> '{user,id}')) STORED`.execute(db);
  await sql`ALTER TABLE inbox ADD COLUMN claimed_by text`.execute(db);
  await sql`ALTER TABLE inbox ADD COLUMN claimed_until text`.execute(db);
  await sql`CREATE INDEX inbox_waiting_agent ON inbox (agent_key, id)
    WHERE processed_at IS NULL AND failed_at IS NULL`.execute(db);
  await sql
    .raw(`CREATE FUNCTION inbox_claim_next(p_agent text, p_instance text, p_at text, p_until text)
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
  await sql
    .raw(`CREATE OR REPLACE FUNCTION gallery_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE gallery_version SET version = version + 1 WHERE id = 1;
    PERFORM pg_notify('gallery_version', '');
    RETURN NULL;
  END $$`)
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`CREATE OR REPLACE FUNCTION gallery_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE gallery_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
  END $$`)
    .execute(db);
  await sql`DROP FUNCTION inbox_claim_next(text, text, text, text)`.execute(db);
  await sql`DROP INDEX inbox_waiting_agent`.execute(db);
  await sql`ALTER TABLE inbox DROP COLUMN claimed_until`.execute(db);
  await sql`ALTER TABLE inbox DROP COLUMN claimed_by`.execute(db);
  await sql`ALTER TABLE inbox DROP COLUMN agent_key`.execute(db);
}
