/**
 * The weekly digest through the bot core and the real scheduler with a fake clock: what it says
 * after a busy week, nothing after an empty one, a slot missed while stopped sent once after the
 * restart, and two schedulers on one database sending once.
 */
import { Cron } from 'croner';
import { afterEach, describe, expect, it } from 'vitest';
import { digestJob } from '../bot/digest.js';
import { createScheduler, type Scheduler } from '../bot/scheduler.js';
import { SCHEDULER_TIMEZONE } from '../domain/cron.js';
import { createLogger } from '../log.js';
import { openDatabase } from '../storage/db.js';
import { BotHarness } from './support/bot-harness.js';
import { FakeClock } from './support/fake-clock.js';
import { RecordingPort } from './support/recording-port.js';
import { postgresNotYet } from './support/temp-db.js';

postgresNotYet('digest journey', "a second connection opens the harness's SQLite file");

const quiet = createLogger('digest-test', true);
const DAY = 24 * 3600 * 1000;
// The data below is written at the real "now": the slots are placed around it.
const cron = new Cron('0 9 * * 1', { timezone: SCHEDULER_TIMEZONE, paused: true });
const nextSlot = cron.nextRun(new Date())!;
const previousSlot = cron.previousRuns(1, nextSlot)[0];

let h: BotHarness;
const schedulers: Scheduler[] = [];
afterEach(async () => {
  for (const s of schedulers.splice(0)) await s.stop();
  await h.close();
});

function scheduler(clock: FakeClock, harness = h, ports = () => harness.bot.ports()): Scheduler {
  const s = createScheduler({ db: harness.db, log: quiet, clock, tickMs: 0 });
  s.add(digestJob({ db: harness.db, config: harness.config, log: quiet, ports }));
  schedulers.push(s);
  return s;
}

/** Starts a scheduler and waits for the runs due at start (a tick queues behind them, finding nothing more). */
async function startAndSettle(s: Scheduler): Promise<void> {
  await s.start();
  await s.tick();
}

/** A busy week: two new bricolages, likes, and an adoption from another mairie. */
async function busyWeek(): Promise<{ tickets: number; bacs: number }> {
  const tickets = await h.publish('camille', 'Tickets de couleur');
  const ticketsPost = h.port.community().at(-1)!.ref;
  const bacs = await h.publish('sophie', 'Bacs à courrier');
  await h.react('karim', ticketsPost);
  await h.react('sophie', ticketsPost, '🎉');
  await h.react('camille', ticketsPost); // the author's own: not a like
  await h.dm('karim', `adopté ${tickets}`);
  return { tickets, bacs };
}

const digests = (port: RecordingPort) => port.community().filter((s) => s.message.text.includes('La semaine des bricoleurs'));

describe('weekly digest', () => {
  it('sends nothing after an empty week, then sends a missed slot once after a restart', async () => {
    h = await new BotHarness().boot();
    const clock = new FakeClock(new Date(previousSlot.getTime() - 60_000));
    const first = scheduler(clock);
    await startAndSettle(first);
    clock.set(previousSlot.getTime() + 60_000);
    expect(await first.tick()).toEqual(['digest']); // the slot ran…
    expect(digests(h.port)).toEqual([]); // …but the week before it was empty
    await first.stop();

    const { tickets, bacs } = await busyWeek();
    // Stopped over the next Monday 9:00; started again on Wednesday: the digest goes out once.
    clock.set(nextSlot.getTime() + 2 * DAY);
    await startAndSettle(scheduler(clock));
    expect(digests(h.port)).toHaveLength(1);
    const text = digests(h.port)[0].message.text;
    expect(text).toContain('*2 nouveaux bricolages*');
    expect(text).toContain(
      `n°${tickets} « Tickets de couleur », par Camille Martin, Mairie du 11e — http://gallery.test/bricolages/${tickets}`,
    );
    expect(text).toContain(`n°${bacs} « Bacs à courrier », par Sophie Lefèvre, Mairie du 5e`);
    expect(text).toContain(`*Les plus aimés de la semaine*\n• n°${tickets} « Tickets de couleur » — 2 j’aime`);
    expect(text).toContain(
      `*1 nouvelle adoption*\n• Mairie du 18e a adopté « Tickets de couleur » (n°${tickets}), venu de Mairie du 11e`,
    );
    expect(text).not.toContain('Ateliers ouverts');

    // Another restart the same week sends nothing more.
    await startAndSettle(scheduler(clock));
    expect(digests(h.port)).toHaveLength(1);
  });

  it('lists open workshops when the week had news', async () => {
    h = await new BotHarness({ ANIMATORS: 'local:julien' }).boot();
    await h.dm('julien', 'atelier ouvrir Files du samedi');
    await h.dm('julien', 'La file déborde.');
    const clock = new FakeClock(new Date(nextSlot.getTime() - 60_000));
    const s = scheduler(clock);
    await startAndSettle(s);
    clock.set(nextSlot.getTime() + 60_000);
    await s.tick();
    expect(digests(h.port)).toEqual([]); // an open workshop alone is no news

    await h.publish('camille', 'Tickets');
    const next = cron.nextRun(new Date(nextSlot.getTime() + 1000))!;
    clock.set(next.getTime() + 60_000);
    // The new bricolage was written at the real now, before the window of this later slot: move it in.
    await h.db
      .updateTable('bricolages')
      .set({ published_at: new Date(next.getTime() - DAY).toISOString() })
      .execute();
    await s.tick();
    const text = digests(h.port)[0]?.message.text ?? '';
    expect(text).toContain('*1 nouveau bricolage*');
    expect(text).toContain('*Ateliers ouverts*\n• n°1 Files du samedi — 0 bricolage');
  });

  it('two instances sharing one database send the digest once', async () => {
    h = await new BotHarness().boot();
    await busyWeek();
    const otherPort = new RecordingPort('local');
    const otherDb = openDatabase(h.config.databaseFile);
    try {
      const clock = new FakeClock(new Date(nextSlot.getTime() - 60_000));
      const one = scheduler(clock);
      const two = createScheduler({ db: otherDb, log: quiet, clock, tickMs: 0 });
      two.add(digestJob({ db: otherDb, config: h.config, log: quiet, ports: () => [otherPort] }));
      schedulers.push(two);
      await Promise.all([startAndSettle(one), startAndSettle(two)]);
      clock.set(nextSlot.getTime() + 60_000);
      const ran = await Promise.all([one.tick(), two.tick()]);
      expect(ran.flat()).toEqual(['digest']);
      expect(digests(h.port).length + digests(otherPort).length).toBe(1);
    } finally {
      for (const s of schedulers.splice(0)) await s.stop();
      await otherDb.destroy();
    }
  });
});
