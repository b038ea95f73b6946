/** The scheduler's ledger: one row per job and slot, claimed before the job acts. */
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';

/**
 * Claims a slot for `instance`: true when this call inserted the row (so it may act), false when
 * another run (a restart, a second instance) already claimed it.
 */
export async function claimRun(db: DbOrTrx, job: string, slot: string, instance: string, at = nowIso()): Promise<boolean> {
  const result = await db
    .insertInto('scheduler_runs')
    .values({ job, slot, instance, started_at: at })
    .onConflict((oc) => oc.columns(['job', 'slot']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return result !== undefined;
}

/** Marks a claimed run as finished, with the error when it failed (it is not retried). */
export async function finishRun(db: DbOrTrx, job: string, slot: string, error: string | null, at = nowIso()): Promise<void> {
  await db
    .updateTable('scheduler_runs')
    .set({ finished_at: at, error })
    .where('job', '=', job)
    .where('slot', '=', slot)
    .execute();
}

/** The latest claimed cron slot of a job (runs at start excluded), or null when it never ran. */
export async function lastSlot(db: DbOrTrx, job: string): Promise<string | null> {
  const row = await db
    .selectFrom('scheduler_runs')
    .select((eb) => eb.fn.max('slot').as('slot'))
    .where('job', '=', job)
    .where('slot', 'not like', 'start:%')
    .executeTakeFirst();
  return (row?.slot as string | null | undefined) ?? null;
}

export interface SchedulerRun {
  job: string;
  slot: string;
  instance: string;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

/** The most recent runs, newest first (dashboard, tests). */
export async function recentRuns(db: DbOrTrx, limit = 20, job?: string): Promise<SchedulerRun[]> {
  let query = db.selectFrom('scheduler_runs').selectAll().orderBy('id', 'desc').limit(limit);
  if (job) query = query.where('job', '=', job);
  const rows = await query.execute();
  return rows.map((r) => ({
    job: r.job,
    slot: r.slot,
    instance: r.instance,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    error: r.error,
  }));
}
