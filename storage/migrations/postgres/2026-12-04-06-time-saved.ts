/**
 * Frozen: PostgreSQL twin of `../2026-12-04-06-time-saved.ts`: the time an adoption saves, on the
 * adoption itself. Self-contained: imports no app code.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE adoptions ADD COLUMN minutes_per_week integer CHECK (minutes_per_week BETWEEN 0 AND 2400)`.execute(db);
  await sql`ALTER TABLE adoptions ADD COLUMN time_reported_at text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE adoptions DROP COLUMN time_reported_at`.execute(db);
  await sql`ALTER TABLE adoptions DROP COLUMN minutes_per_week`.execute(db);
}
