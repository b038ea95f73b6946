/**
 * Named jobs on cron schedules in Europe/Paris (daylight saving handled by `croner`). Every run is
 * claimed in `scheduler_runs` (unique on job + slot) BEFORE the job acts, so a restart, a second
 * instance on the same database or a late tick never acts twice on one slot; a slot missed while
 * stopped is caught up once at start (only the latest one, never a backlog). A failed run is recorded
 * and not retried: sending twice is worse than missing one digest.
 */
import os from 'node:os';
import { Cron } from 'croner';
import { isValidCron, SCHEDULER_TIMEZONE } from '../domain/cron.js';
import type { Logger } from '../log.js';
import type { Db } from '../storage/db.js';
import { claimRun, finishRun, lastSlot, lastStartedAt, pruneRuns } from '../storage/scheduler-runs.js';

/** Time as the scheduler sees it; tests inject a fake one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Runs are kept this long in `scheduler_runs` (the latest of each job always). */
export const RUNS_KEPT_MS = 30 * 86_400_000;

export interface JobRun {
  /** The slot this run is for (the scheduled instant, not when it started). */
  slot: Date;
  /** When the job's previous run started (any instance), or null for its first run: "what is new since". */
  previousRunAt: Date | null;
}

export interface ScheduledJob {
  /** Unique, stable name: it keys the runs table (`digest`, `reminders`, `slack-reconcile`). */
  name: string;
  /** Five-field cron pattern in Europe/Paris time (`0 9 * * 1`: Mondays 9:00). */
  cron: string;
  /**
   * Also run at every start (e.g. reconciliation "every 15 minutes and at start"), claimed as the
   * slot `start:<instant>`; the cron slots then follow as usual.
   */
  runAtStart?: boolean;
  run(run: JobRun): Promise<void>;
}

export interface SchedulerDeps {
  db: Db;
  log: Logger;
  clock?: Clock;
  /** How often due slots are checked; 0 disables the timer (tests call `tick()`). Default 30 s. */
  tickMs?: number;
  /** Names this process in the runs table (logs). */
  instance?: string;
}

export interface Scheduler {
  /** Adds a job; before `start()` only. Throws on a bad cron pattern or a duplicate name. */
  add(job: ScheduledJob): void;
  /**
   * Reads where each job stands, then returns: the runs due at start (catch-up, `runAtStart`) go on in
   * the background so a slow job (a chat API retrying) never delays serving; `idle()` waits for them.
   */
  start(): Promise<void>;
  /** Resolves once the runs started so far are over. */
  idle(): Promise<void>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
  /** Runs every job whose latest slot is due and unclaimed; returns the names that ran here. */
  tick(): Promise<string[]>;
}

interface Entry {
  job: ScheduledJob;
  cron: Cron;
  /** Slots at or before this instant have been considered. */
  horizon: Date;
}

/** The latest slot of `cron` at or before `now`, or null. */
function latestSlot(cron: Cron, now: Date): Date | null {
  return cron.previousRuns(1, new Date(now.getTime() + 1))[0] ?? null;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { db, log } = deps;
  const clock = deps.clock ?? systemClock;
  const instance = deps.instance ?? `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const entries = new Map<string, Entry>();
  let timer: NodeJS.Timeout | null = null;
  let started = false;
  let current: Promise<string[]> = Promise.resolve([]);

  async function runSlot(entry: Entry, slot: Date, key = slot.toISOString()): Promise<boolean> {
    const previous = await lastStartedAt(db, entry.job.name);
    if (!(await claimRun(db, entry.job.name, key, instance, clock.now().toISOString()))) return false;
    let error: string | null = null;
    try {
      await entry.job.run({ slot, previousRunAt: previous ? new Date(previous) : null });
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
      log.error('scheduled job failed', { job: entry.job.name, slot: key, error: cause });
    }
    await finishRun(db, entry.job.name, key, error, clock.now().toISOString()).catch((cause) =>
      log.error('could not record the end of a scheduled run', { job: entry.job.name, error: cause }),
    );
    const before = new Date(clock.now().getTime() - RUNS_KEPT_MS).toISOString();
    await pruneRuns(db, entry.job.name, before).catch((cause) =>
      log.warn('could not prune old scheduled runs', { job: entry.job.name, error: cause }),
    );
    return true;
  }

  async function dueRuns(atStart: boolean): Promise<string[]> {
    const ran: string[] = [];
    const now = clock.now();
    for (const entry of entries.values()) {
      if (atStart && entry.job.runAtStart) {
        if (await runSlot(entry, now, `start:${now.toISOString()}`)) ran.push(entry.job.name);
        continue;
      }
      const slot = latestSlot(entry.cron, now);
      if (!slot || (entry.horizon !== null && slot <= entry.horizon)) continue;
      entry.horizon = slot;
      if (await runSlot(entry, slot)) ran.push(entry.job.name);
    }
    return ran;
  }

  function serial(work: () => Promise<string[]>): Promise<string[]> {
    const next = current.then(work, work);
    current = next.catch(() => []);
    return next;
  }

  return {
    add(job) {
      if (started) throw new Error(`scheduler already started: cannot add ${job.name}`);
      if (entries.has(job.name)) throw new Error(`duplicate scheduled job ${job.name}`);
      if (!isValidCron(job.cron)) throw new Error(`invalid cron pattern for ${job.name}: "${job.cron}"`);
      entries.set(job.name, {
        job,
        cron: new Cron(job.cron, { timezone: SCHEDULER_TIMEZONE, paused: true }),
        horizon: new Date(0),
      });
    },
    async start() {
      started = true;
      // The horizon is the last slot this database saw run: a later slot missed while stopped is due
      // now (once). A job that never ran starts from now, so a first start sends nothing old.
      // A job run at start has just covered its latest slot too.
      for (const entry of entries.values()) {
        const last = await lastSlot(db, entry.job.name);
        const latest = latestSlot(entry.cron, clock.now());
        entry.horizon = last && !entry.job.runAtStart ? new Date(last) : (latest ?? new Date(0));
      }
      serial(() => dueRuns(true)).catch((error) => log.error('scheduler start runs failed', { error }));
      const every = deps.tickMs ?? 30_000;
      if (every > 0) {
        timer = setInterval(() => {
          serial(() => dueRuns(false)).catch((error) => log.error('scheduler tick failed', { error }));
        }, every);
        timer.unref();
      }
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await current.catch(() => undefined);
    },
    tick: () => serial(() => dueRuns(false)),
    async idle() {
      await current.catch(() => undefined);
    },
  };
}
