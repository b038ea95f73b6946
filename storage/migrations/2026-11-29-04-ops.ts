/**
 * Frozen: inbox retries. A failing event keeps `processed_at` null and is retried at
 * `next_attempt_at` until `attempts` reaches the limit; then `failed_at` sets it aside with its
 * last `error`, so it never blocks the agent's later events and is listed for animateurs.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('inbox')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('inbox').addColumn('next_attempt_at', 'text').execute();
  await db.schema.alterTable('inbox').addColumn('failed_at', 'text').execute();
  // Rows processed before retries existed and marked with an error were dropped then; set them aside.
  await sql`update inbox set failed_at = processed_at, processed_at = null, attempts = 1 where error is not null and processed_at is not null`.execute(
    db,
  );
  await db.schema.createIndex('inbox_failed').on('inbox').columns(['failed_at', 'id']).execute();
  await db.schema.createIndex('inbox_received').on('inbox').columns(['processed_at', 'received_at']).execute();

  // Export / import: what was brought in from another instance, by its key there, so importing
  // the same archive twice adds nothing and re-exporting keeps the original keys.
  await db.schema
    .createTable('imported_items')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('local_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('imported_items_pk', ['kind', 'source_key'])
    .execute();
  await db.schema.createIndex('imported_items_local').on('imported_items').columns(['kind', 'local_id']).execute();
  // One random id per instance, the prefix of the keys its exports carry.
  await db.schema
    .createTable('instance_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('instance_meta').execute();
  await db.schema.dropTable('imported_items').execute();
  await db.schema.dropIndex('inbox_received').execute();
  await db.schema.dropIndex('inbox_failed').execute();
  for (const column of ['failed_at', 'next_attempt_at', 'attempts'])
    await db.schema.alterTable('inbox').dropColumn(column).execute();
}
