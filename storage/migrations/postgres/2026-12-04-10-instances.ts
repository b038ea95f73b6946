/**
 * Frozen: several instances on one PostgreSQL database (issue 18 step 3).
 * - The inbox's claims: `agent_key` (platform and sender, stored at insert from the payload, so the
 *   ingest's insert does not change), and the lease `claimed_by` / `claimed_until` of the instance
 *   processing a row. A partial index finds each agent's oldest waiting row.
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
  await sql`DROP INDEX inbox_waiting_agent`.execute(db);
  await sql`ALTER TABLE inbox DROP COLUMN claimed_until`.execute(db);
  await sql`ALTER TABLE inbox DROP COLUMN claimed_by`.execute(db);
  await sql`ALTER TABLE inbox DROP COLUMN agent_key`.execute(db);
}
