/**
 * Frozen: ateliers de débogage (workshops), the bricolages linked to them, and the one question an
 * animateur is being asked while opening or closing one (its description, its summary).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('workshops')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'closed')`))
    .addColumn('opened_by', 'integer', (c) => c.references('agents.id').onDelete('set null'))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'integer', (c) => c.references('agents.id').onDelete('set null'))
    .addColumn('closed_at', 'text')
    .addColumn('summary', 'text')
    .addColumn('chat_platform', 'text')
    .addColumn('chat_channel_id', 'text')
    .addColumn('chat_message_id', 'text')
    .execute();
  await db.schema.createIndex('workshops_status_opened').on('workshops').columns(['status', 'opened_at']).execute();

  await db.schema
    .createTable('workshop_bricolages')
    .addColumn('workshop_id', 'integer', (c) => c.notNull().references('workshops.id').onDelete('cascade'))
    .addColumn('bricolage_id', 'integer', (c) => c.notNull().references('bricolages.id').onDelete('cascade'))
    .addColumn('linked_by', 'integer', (c) => c.references('agents.id').onDelete('set null'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('workshop_bricolages_pk', ['workshop_id', 'bricolage_id'])
    .execute();
  await db.schema.createIndex('workshop_bricolages_bricolage').on('workshop_bricolages').column('bricolage_id').execute();

  await db.schema
    .createTable('workshop_prompts')
    .addColumn('agent_id', 'integer', (c) => c.primaryKey().references('agents.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('workshop_prompts').execute();
  await db.schema.dropTable('workshop_bricolages').execute();
  await db.schema.dropTable('workshops').execute();
}
