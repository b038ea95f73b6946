/**
 * Frozen: community life. Mairies stored so far (agents, adoptions) become the canonical slugs of
 * `domain/mairies.ts`; values it cannot recognise are kept as they are, and are exactly the ones
 * the animateur's dashboard lists (any stored mairie that is not a slug). New tables: scheduler runs
 * (one row per job and slot, claimed before acting), animateurs added at runtime, what was
 * announced to each agent (levels, badges), and which mairies an author was told adopted their work.
 *
 * It reads the one mairie parser on purpose (one rule); once run, later changes to it do not rerun it.
 */
import { type Kysely, sql } from 'kysely';
import { canonicalMairie } from '../../domain/mairies.js';

async function normaliseMairies(db: Kysely<any>, table: 'agents' | 'adoptions'): Promise<void> {
  const rows = await db.selectFrom(table).select('mairie').distinct().where('mairie', 'is not', null).execute();
  for (const { mairie } of rows as { mairie: string }[]) {
    const slug = canonicalMairie(mairie);
    if (slug && slug !== mairie) await db.updateTable(table).set({ mairie: slug }).where('mairie', '=', mairie).execute();
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await normaliseMairies(db, 'agents');
  await normaliseMairies(db, 'adoptions');

  await db.schema
    .createTable('scheduler_runs')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('instance', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('error', 'text')
    .addUniqueConstraint('scheduler_runs_job_slot', ['job', 'slot'])
    .execute();

  await db.schema
    .createTable('animators')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('platform_user_id', 'text', (c) => c.notNull())
    .addColumn('added_by_agent_id', 'integer', (c) => c.references('agents.id').onDelete('set null'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('animators_pk', ['platform', 'platform_user_id'])
    .execute();

  await db.schema
    .createTable('agent_announcements')
    .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('level', 'badge')`))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('announced_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agent_announcements_pk', ['agent_id', 'kind', 'key'])
    .execute();

  await db.schema
    .createTable('adoption_notices')
    .addColumn('bricolage_id', 'integer', (c) => c.notNull().references('bricolages.id').onDelete('cascade'))
    .addColumn('mairie', 'text', (c) => c.notNull())
    .addColumn('notified_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('adoption_notices_pk', ['bricolage_id', 'mairie'])
    .execute();

  // Leaderboards group by who wrote or adopted; these keep them off full scans.
  await db.schema.createIndex('comments_author_created').on('comments').columns(['author_id', 'created_at']).execute();
  await db.schema.createIndex('adoptions_agent').on('adoptions').column('agent_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('adoptions_agent').execute();
  await db.schema.dropIndex('comments_author_created').execute();
  for (const table of ['adoption_notices', 'agent_announcements', 'animators', 'scheduler_runs']) {
    await db.schema.dropTable(table).execute();
  }
}
