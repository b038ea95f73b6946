/**
 * Frozen: proven bricolages and proposals to the central administration.
 * - `proposals`: one per bricolage proposed by an animateur, with its current status.
 * - `proposal_events`: every status (the first one included) with its dated note and who set it.
 * - `proven_announcements`: which bricolages were announced as proven (community channel and
 *   author), so each is announced once. Whether a bricolage is proven is never stored: it is
 *   derived from adoptions (`storage/proven.ts`).
 * Writes to proposals bump the gallery's data version so `/preuves` pages are rebuilt.
 * Self-contained: imports no app code.
 */
import { type Kysely, sql } from 'kysely';

const STATUSES = "status in ('proposed', 'studying', 'deployed', 'rejected')";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('proposals')
    .addColumn('bricolage_id', 'integer', (c) => c.primaryKey().references('bricolages.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql.raw(STATUSES)))
    .addColumn('proposed_by', 'integer', (c) => c.references('agents.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('proposals_status').on('proposals').columns(['status', 'updated_at']).execute();
  await db.schema
    .createTable('proposal_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('bricolage_id', 'integer', (c) => c.notNull().references('proposals.bricolage_id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql.raw(STATUSES)))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('actor_agent_id', 'integer', (c) => c.references('agents.id').onDelete('set null'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('proposal_events_bricolage').on('proposal_events').columns(['bricolage_id', 'id']).execute();
  await db.schema
    .createTable('proven_announcements')
    .addColumn('bricolage_id', 'integer', (c) => c.primaryKey().references('bricolages.id').onDelete('cascade'))
    .addColumn('announced_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('proven_announcements_at').on('proven_announcements').column('announced_at').execute();
  for (const table of ['proposals', 'proposal_events']) {
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      await sql
        .raw(`CREATE TRIGGER ${table}_version_${event.toLowerCase()} AFTER ${event} ON ${table}
  BEGIN
    UPDATE gallery_version SET version = version + 1 WHERE id = 1;
  END`)
        .execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['proposals', 'proposal_events']) {
    for (const event of ['insert', 'update', 'delete']) await sql.raw(`DROP TRIGGER ${table}_version_${event}`).execute(db);
  }
  await db.schema.dropTable('proven_announcements').execute();
  await db.schema.dropTable('proposal_events').execute();
  await db.schema.dropTable('proposals').execute();
}
