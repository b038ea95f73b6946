/** Frozen: the built-in local chat keeps its own messages and reactions, like a real chat would. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('local_messages')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'integer', (c) => c.references('local_messages.id'))
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('extra', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('local_messages_channel').on('local_messages').columns(['channel_id', 'id']).execute();

  await db.schema
    .createTable('local_reactions')
    .addColumn('message_id', 'integer', (c) => c.notNull().references('local_messages.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('emoji', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('local_reactions_pk', ['message_id', 'user_id', 'emoji'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('local_reactions').execute();
  await db.schema.dropTable('local_messages').execute();
}
