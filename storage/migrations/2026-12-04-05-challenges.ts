/**
 * Frozen: défis between mairies (challenges with an end date and a scoreboard), the bricolages
 * linked to them, the agents of the winning mairie(s) recorded at close (the "Défi" badge), and the
 * welcome sent once to every agent seen for the first time.
 */
import { type Kysely, sql } from 'kysely';

const VERSIONED = ['challenges', 'challenge_bricolages'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('challenges')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'closed')`))
    .addColumn('opened_by', 'integer', (c) => c.references('agents.id').onDelete('set null'))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    // The instant it closes by itself: midnight (Paris time) after its last day.
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'integer', (c) => c.references('agents.id').onDelete('set null'))
    .addColumn('closed_at', 'text')
    // The result as announced at close (podium, most adopted bricolage, participants), as JSON.
    .addColumn('result', 'text')
    .addColumn('chat_platform', 'text')
    .addColumn('chat_channel_id', 'text')
    .addColumn('chat_message_id', 'text')
    .execute();
  await db.schema.createIndex('challenges_status_ends').on('challenges').columns(['status', 'ends_at']).execute();

  await db.schema
    .createTable('challenge_bricolages')
    .addColumn('challenge_id', 'integer', (c) => c.notNull().references('challenges.id').onDelete('cascade'))
    .addColumn('bricolage_id', 'integer', (c) => c.notNull().references('bricolages.id').onDelete('cascade'))
    .addColumn('linked_by', 'integer', (c) => c.references('agents.id').onDelete('set null'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('challenge_bricolages_pk', ['challenge_id', 'bricolage_id'])
    .execute();
  await db.schema.createIndex('challenge_bricolages_bricolage').on('challenge_bricolages').column('bricolage_id').execute();

  await db.schema
    .createTable('challenge_winners')
    .addColumn('challenge_id', 'integer', (c) => c.notNull().references('challenges.id').onDelete('cascade'))
    .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('mairie', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('challenge_winners_pk', ['challenge_id', 'agent_id'])
    .execute();
  await db.schema.createIndex('challenge_winners_agent').on('challenge_winners').column('agent_id').execute();

  await db.schema
    .createTable('welcomes')
    .addColumn('agent_id', 'integer', (c) => c.primaryKey().references('agents.id').onDelete('cascade'))
    // null: the agent was known before welcomes existed, so none was sent.
    .addColumn('welcomed_at', 'text')
    .execute();
  await db.schema.createIndex('welcomes_at').on('welcomes').column('welcomed_at').execute();
  // Agents already here are not newcomers: they are never welcomed.
  await sql`INSERT INTO welcomes (agent_id, welcomed_at) SELECT id, NULL FROM agents`.execute(db);

  // A défi's scoreboard counts each mairie's agents active in the last 90 days: one index seek per
  // agent and kind of activity (the existing indexes are by agent only, or by date only).
  await db.schema.createIndex('likes_agent_created').on('likes').columns(['agent_id', 'created_at']).execute();
  await db.schema.createIndex('adoptions_agent_created').on('adoptions').columns(['agent_id', 'created_at']).execute();
  await db.schema
    .createIndex('bricolages_author_published')
    .on('bricolages')
    .columns(['author_id', 'status', 'published_at'])
    .execute();

  for (const table of VERSIONED) {
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
  for (const table of VERSIONED) {
    for (const event of ['insert', 'update', 'delete']) await sql.raw(`DROP TRIGGER ${table}_version_${event}`).execute(db);
  }
  for (const index of ['likes_agent_created', 'adoptions_agent_created', 'bricolages_author_published']) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.dropTable('welcomes').execute();
  await db.schema.dropTable('challenge_winners').execute();
  await db.schema.dropTable('challenge_bricolages').execute();
  await db.schema.dropTable('challenges').execute();
}
