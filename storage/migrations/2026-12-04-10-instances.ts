/**
 * Frozen: the inbox's claim columns (issue 18 step 3), so that both engines share one `inbox` type.
 * Only PostgreSQL, where several instances share the inbox, uses them (its twin in `postgres/`); one
 * SQLite process orders an agent's events in memory. `agent_key` is virtual here: nothing is
 * stored, and the ingest's insert does not change.
 * Self-contained: imports no app code.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE inbox ADD COLUMN agent_key text
    GENERATED ALWAYS AS (platform || ':' || json_extract(payload, '$.user.id')) VIRTUAL`.execute(db);
  await db.schema.alterTable('inbox').addColumn('claimed_by', 'text').execute();
  await db.schema.alterTable('inbox').addColumn('claimed_until', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('inbox').dropColumn('claimed_until').execute();
  await db.schema.alterTable('inbox').dropColumn('claimed_by').execute();
  await db.schema.alterTable('inbox').dropColumn('agent_key').execute();
}
