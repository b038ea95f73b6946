/**
 * Frozen: the time an adoption saves, as its agent reported it (issue 20). Two columns on the
 * adoption itself, so a later report replaces the earlier, and deleting, anonymising, exporting or
 * importing an adoption carries its report with it:
 * - `minutes_per_week`: the agent's estimate, already read into minutes per week (0 to 40 h);
 * - `time_reported_at`: when it was last reported.
 * The adoptions' existing triggers bump the gallery's data version on update.
 * Self-contained: imports no app code.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('adoptions')
    .addColumn('minutes_per_week', 'integer', (c) => c.check(sql`minutes_per_week BETWEEN 0 AND 2400`))
    .execute();
  await db.schema.alterTable('adoptions').addColumn('time_reported_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('adoptions').dropColumn('time_reported_at').execute();
  await db.schema.alterTable('adoptions').dropColumn('minutes_per_week').execute();
}
