/**
 * Frozen: the "Je l'ai adopté" button's pending feedback question (one per agent), and indexes that
 * let the progress announcements find what changed since their last run without a full scan.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('adoption_prompts')
    .addColumn('agent_id', 'integer', (c) => c.primaryKey().references('agents.id').onDelete('cascade'))
    .addColumn('bricolage_id', 'integer', (c) => c.notNull().references('bricolages.id').onDelete('cascade'))
    .addColumn('asked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('likes_created').on('likes').column('created_at').execute();
  await db.schema.createIndex('comments_created').on('comments').column('created_at').execute();
  await db.schema.createIndex('adoptions_created').on('adoptions').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['adoptions_created', 'comments_created', 'likes_created']) await db.schema.dropIndex(index).execute();
  await db.schema.dropTable('adoption_prompts').execute();
}
