/**
 * Frozen: one pending question per agent (`pending_questions`: kind, state as JSON, when it was
 * asked, when it expires), replacing the three stores of short-lived prompts. Questions still live
 * when the upgrade runs are copied over (an agent with several keeps the one asked last, as asking
 * a new question replaces the pending one); then the old tables go.
 */
import type { Kysely } from 'kysely';

/** The stores as they were, the kind each becomes, and how long their questions lived then. */
const OLD = [
  { table: 'confirmations', kind: 'confirm', at: 'updated_at', ttlMs: 15 * 60_000 },
  { table: 'adoption_prompts', kind: 'adoptionFeedback', at: 'asked_at', ttlMs: 24 * 3_600_000 },
  { table: 'workshop_prompts', kind: 'workshop', at: 'updated_at', ttlMs: 3_600_000 },
] as const;

interface Row {
  agent_id: number;
  kind: string;
  state: string;
  asked_at: string;
  expires_at: string;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pending_questions')
    .addColumn('agent_id', 'integer', (c) => c.primaryKey().references('agents.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('asked_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pending_questions_expires').on('pending_questions').column('expires_at').execute();

  const now = Date.now();
  const latest = new Map<number, Row>();
  for (const old of OLD) {
    const rows: Record<string, any>[] = await db.selectFrom(old.table).selectAll().execute();
    for (const r of rows) {
      const askedAt = String(r[old.at]);
      const expires = Date.parse(askedAt) + old.ttlMs;
      if (!(expires > now)) continue;
      const state = old.table === 'adoption_prompts' ? JSON.stringify({ bricolageId: r.bricolage_id }) : String(r.state);
      const row: Row = {
        agent_id: r.agent_id,
        kind: old.kind,
        state,
        asked_at: askedAt,
        expires_at: new Date(expires).toISOString(),
      };
      const seen = latest.get(row.agent_id);
      if (!seen || seen.asked_at < row.asked_at) latest.set(row.agent_id, row);
    }
  }
  for (const row of latest.values()) await db.insertInto('pending_questions').values(row).execute();
  for (const old of OLD) await db.schema.dropTable(old.table).execute();
}

/** Back to the three stores, empty: a question pending across a downgrade is simply asked again. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('confirmations')
    .addColumn('agent_id', 'integer', (c) => c.primaryKey().references('agents.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('adoption_prompts')
    .addColumn('agent_id', 'integer', (c) => c.primaryKey().references('agents.id').onDelete('cascade'))
    .addColumn('bricolage_id', 'integer', (c) => c.notNull().references('bricolages.id').onDelete('cascade'))
    .addColumn('asked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('workshop_prompts')
    .addColumn('agent_id', 'integer', (c) => c.primaryKey().references('agents.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.dropTable('pending_questions').execute();
}
