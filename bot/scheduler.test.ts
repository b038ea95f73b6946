import { afterEach, describe, expect, it } from 'vitest';
import { isValidCron } from '../domain/cron.js';
import { createLogger } from '../log.js';
import { openDatabase } from '../storage/db.js';
import { recentRuns } from '../storage/scheduler-runs.js';
import { createTempDb, describeEngines, type TempDb } from '../test/support/temp-db.js';
import { type Clock, createScheduler, type ScheduledJob } from './scheduler.js';

describeEngines('scheduler slots', (engine) => {
  const quiet = createLogger('scheduler-test', true);

  class FakeClock implements Clock {
    private at: number;

    constructor(at: number) {
      this.at = at;
    }
    now(): Date {
      return new Date(this.at);
    }
    set(iso: string): void {
      this.at = Date.parse(iso);
    }
  }

  /** A digest-like job that records the slots it ran for. */
  function recordingJob(name: string, cron: string, ran: string[], extra: Partial<ScheduledJob> = {}): ScheduledJob {
    return {
      name,
      cron,
      run: async ({ slot }) => {
        ran.push(slot.toISOString());
      },
      ...extra,
    };
  }

  let temp: TempDb | undefined;
  afterEach(async () => {
    await temp?.cleanup();
    temp = undefined;
  });

  describe('scheduler', () => {
    it('runs a Monday 9:00 Paris job at 9:00 Paris time on both sides of the daylight-saving change', async () => {
      temp = await createTempDb({ engine });
      const clock = new FakeClock(Date.parse('2026-03-20T12:00:00Z'));
      const ran: string[] = [];
      const scheduler = createScheduler({ db: temp.db, log: quiet, clock, tickMs: 0 });
      scheduler.add(recordingJob('digest', '0 9 * * 1', ran));
      await scheduler.start();
      await scheduler.idle();
      expect(ran).toEqual([]);
      clock.set('2026-03-23T07:59:00Z'); // 8:59 CET
      expect(await scheduler.tick()).toEqual([]);
      clock.set('2026-03-23T08:00:00Z'); // 9:00 CET
      expect(await scheduler.tick()).toEqual(['digest']);
      expect(await scheduler.tick()).toEqual([]);
      clock.set('2026-03-30T07:00:30Z'); // 9:00 CEST, after the change
      expect(await scheduler.tick()).toEqual(['digest']);
      expect(ran).toEqual(['2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z']);
      await scheduler.stop();
    });

    it('catches up a slot missed while stopped once at restart, and never a backlog', async () => {
      temp = await createTempDb({ engine });
      const clock = new FakeClock(Date.parse('2026-11-22T12:00:00Z'));
      const ran: string[] = [];
      const first = createScheduler({ db: temp.db, log: quiet, clock, tickMs: 0 });
      first.add(recordingJob('digest', '0 9 * * 1', ran));
      await first.start();
      await first.idle();
      clock.set('2026-11-23T08:00:00Z'); // Monday 9:00 Paris
      expect(await first.tick()).toEqual(['digest']);
      await first.stop();

      // Stopped for three weeks: three Mondays missed; one digest, for the latest, at restart.
      clock.set('2026-12-16T10:00:00Z');
      const second = createScheduler({ db: temp.db, log: quiet, clock, tickMs: 0 });
      second.add(recordingJob('digest', '0 9 * * 1', ran));
      await second.start();
      await second.idle();
      expect(ran).toEqual(['2026-11-23T08:00:00.000Z', '2026-12-14T08:00:00.000Z']);
      await second.stop();

      // A restart within the same week sends nothing again.
      const third = createScheduler({ db: temp.db, log: quiet, clock, tickMs: 0 });
      third.add(recordingJob('digest', '0 9 * * 1', ran));
      await third.start();
      await third.idle();
      expect(await third.tick()).toEqual([]);
      expect(ran).toHaveLength(2);
      await third.stop();
    });

    it('acts once when two instances share one database', async () => {
      temp = await createTempDb({ engine });
      const clock = new FakeClock(Date.parse('2026-11-29T17:00:00Z'));
      const ran: string[] = [];
      const a = createScheduler({ db: temp.db, log: quiet, clock, tickMs: 0, instance: 'a' });
      // The second instance opens the same file on its own connection, like a second process.
      const other = openDatabase(temp.location);
      const b = createScheduler({ db: other, log: quiet, clock, tickMs: 0, instance: 'b' });
      a.add(recordingJob('digest', '0 19 * * *', ran));
      b.add(recordingJob('digest', '0 19 * * *', ran));
      await Promise.all([a.start(), b.start()]);
      await Promise.all([a.idle(), b.idle()]);
      clock.set('2026-11-29T18:00:05Z'); // 19:00:05 Paris
      const [fromA, fromB] = await Promise.all([a.tick(), b.tick()]);
      expect([...fromA, ...fromB]).toEqual(['digest']);
      expect(ran).toHaveLength(1);
      await Promise.all([a.stop(), b.stop()]);
      await other.destroy();
    });

    it('records each run before acting, with the error of a failed run that is not retried', async () => {
      temp = await createTempDb({ engine });
      const db = temp.db;
      const clock = new FakeClock(Date.parse('2026-11-29T10:00:00Z'));
      let claimedBeforeRun = false;
      const scheduler = createScheduler({ db, log: quiet, clock, tickMs: 0, instance: 'me' });
      scheduler.add({
        name: 'fails',
        cron: '*/15 * * * *',
        runAtStart: true,
        run: async () => {
          claimedBeforeRun = (await recentRuns(db, 1, 'fails')).length === 1;
          throw new Error('chat down');
        },
      });
      await scheduler.start();
      await scheduler.idle();
      expect(claimedBeforeRun).toBe(true);
      expect(await recentRuns(db, 5, 'fails')).toMatchObject([
        { slot: 'start:2026-11-29T10:00:00.000Z', instance: 'me', error: 'chat down' },
      ]);
      expect(await scheduler.tick()).toEqual([]);
      clock.set('2026-11-29T10:15:00Z');
      expect(await scheduler.tick()).toEqual(['fails']);
      await scheduler.stop();
    });

    it('runs a "run at start" job at every start, then on its slots', async () => {
      temp = await createTempDb({ engine });
      const clock = new FakeClock(Date.parse('2026-11-29T10:07:00Z'));
      const ran: string[] = [];
      for (const at of ['2026-11-29T10:07:00Z', '2026-11-29T10:09:00Z']) {
        clock.set(at);
        const scheduler = createScheduler({ db: temp.db, log: quiet, clock, tickMs: 0 });
        scheduler.add(recordingJob('reconcile', '*/15 * * * *', ran, { runAtStart: true }));
        await scheduler.start();
        await scheduler.idle();
        expect(await scheduler.tick()).toEqual([]);
        clock.set('2026-11-29T10:15:00Z');
        await scheduler.tick();
        await scheduler.stop();
      }
      expect(ran).toEqual(['2026-11-29T10:07:00.000Z', '2026-11-29T10:15:00.000Z', '2026-11-29T10:09:00.000Z']);
    });

    it('returns from start while a slow run at start goes on, and stop waits for it', async () => {
      temp = await createTempDb({ engine });
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let finished = false;
      const scheduler = createScheduler({ db: temp.db, log: quiet, tickMs: 0 });
      scheduler.add({
        name: 'slow',
        cron: '*/15 * * * *',
        runAtStart: true,
        run: async () => {
          await gate;
          finished = true;
        },
      });
      await scheduler.start();
      expect(finished).toBe(false);
      const stopping = scheduler.stop();
      release();
      await stopping;
      expect(finished).toBe(true);
    });

    it('keeps 30 days of runs, and always the latest one', async () => {
      temp = await createTempDb({ engine });
      const clock = new FakeClock(Date.parse('2026-01-01T00:00:30Z'));
      const scheduler = createScheduler({ db: temp.db, log: quiet, clock, tickMs: 0 });
      scheduler.add(recordingJob('daily', '0 0 * * *', []));
      await scheduler.start();
      for (let day = 1; day <= 40; day++) {
        clock.set(new Date(Date.parse('2026-01-01T00:00:30Z') + day * 86_400_000).toISOString());
        expect(await scheduler.tick()).toEqual(['daily']);
      }
      const runs = await recentRuns(temp.db, 100, 'daily');
      expect(runs).toHaveLength(31);
      expect(runs[0].slot).toBe('2026-02-09T23:00:00.000Z');
      await scheduler.stop();
    });

    it('refuses bad cron patterns and duplicate names', async () => {
      temp = await createTempDb({ engine });
      const scheduler = createScheduler({ db: temp.db, log: quiet, tickMs: 0 });
      expect(isValidCron('0 9 * * 1')).toBe(true);
      expect(isValidCron('every monday')).toBe(false);
      expect(() => scheduler.add(recordingJob('x', 'nope', []))).toThrow(/invalid cron/);
      scheduler.add(recordingJob('x', '0 9 * * 1', []));
      expect(() => scheduler.add(recordingJob('x', '0 9 * * 1', []))).toThrow(/duplicate/);
    });
  });
});
