/** Frozen: the first schema. Never edit a migration once landed; add a new one. */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agents')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('platform_user_id', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('mairie', 'text')
    .addColumn('locale', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('agents_platform_user', ['platform', 'platform_user_id'])
    .execute();

  await db.schema
    .createTable('bricolages')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('author_id', 'integer', (c) => c.notNull().references('agents.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'published', 'hidden')`))
    .addColumn('featured', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('chat_platform', 'text')
    .addColumn('chat_channel_id', 'text')
    .addColumn('chat_message_id', 'text')
    .addColumn('chat_permalink', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('bricolages_chat_message', ['chat_platform', 'chat_channel_id', 'chat_message_id'])
    .execute();
  await db.schema.createIndex('bricolages_status_published').on('bricolages').columns(['status', 'published_at']).execute();
  await db.schema.createIndex('bricolages_author').on('bricolages').column('author_id').execute();

  await db.schema
    .createTable('steps')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('bricolage_id', 'integer', (c) => c.notNull().references('bricolages.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addUniqueConstraint('steps_position', ['bricolage_id', 'position'])
    .execute();

  await db.schema
    .createTable('photos')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('widths', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('step_photos')
    .addColumn('step_id', 'integer', (c) => c.notNull().references('steps.id').onDelete('cascade'))
    .addColumn('photo_hash', 'text', (c) => c.notNull().references('photos.hash'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('step_photos_pk', ['step_id', 'position'])
    .execute();

  await db.schema
    .createTable('likes')
    .addColumn('bricolage_id', 'integer', (c) => c.notNull().references('bricolages.id').onDelete('cascade'))
    .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
    .addColumn('emoji', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('likes_pk', ['bricolage_id', 'agent_id', 'emoji'])
    .execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('bricolage_id', 'integer', (c) => c.notNull().references('bricolages.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('agents.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('visible').check(sql`status in ('visible', 'hidden')`))
    .addColumn('chat_platform', 'text')
    .addColumn('chat_channel_id', 'text')
    .addColumn('chat_message_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .addUniqueConstraint('comments_chat_message', ['chat_platform', 'chat_channel_id', 'chat_message_id'])
    .execute();
  await db.schema.createIndex('comments_bricolage').on('comments').column('bricolage_id').execute();

  await db.schema
    .createTable('comment_photos')
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('photo_hash', 'text', (c) => c.notNull().references('photos.hash'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_photos_pk', ['comment_id', 'position'])
    .execute();

  await db.schema
    .createTable('adoptions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('bricolage_id', 'integer', (c) => c.notNull().references('bricolages.id').onDelete('cascade'))
    .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
    .addColumn('mairie', 'text')
    .addColumn('feedback', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('adoptions_agent', ['bricolage_id', 'agent_id'])
    .execute();

  await db.schema
    .createTable('conversations')
    .addColumn('agent_id', 'integer', (c) => c.primaryKey().references('agents.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('reminded_at', 'text')
    .execute();

  await db.schema
    .createTable('inbox')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text')
    .addColumn('error', 'text')
    .addUniqueConstraint('inbox_platform_event', ['platform', 'event_id'])
    .execute();
  await db.schema.createIndex('inbox_unprocessed').on('inbox').columns(['processed_at', 'id']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_agent_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log',
    'inbox',
    'conversations',
    'adoptions',
    'comment_photos',
    'comments',
    'likes',
    'step_photos',
    'photos',
    'steps',
    'bricolages',
    'agents',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
