/**
 * Draft reminders through the bot core and the real scheduler with a fake clock: one friendly DM
 * after 3 untouched days, with resume / drop buttons that work; never a second one for the same
 * draft, even once it was touched again, and never twice from two instances.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderBlocks } from '../adapters/slack/outbound.js';
import { remindersJob, sendReminders } from '../bot/reminders.js';
import { createScheduler, type Scheduler } from '../bot/scheduler.js';
import { createLogger } from '../log.js';
import { openDatabase } from '../storage/db.js';
import { BotHarness } from './support/bot-harness.js';
import { FakeClock } from './support/fake-clock.js';
import { RecordingPort } from './support/recording-port.js';
import { postgresNotYet } from './support/temp-db.js';

postgresNotYet('reminder journey', "a second connection opens the harness's SQLite file");

const quiet = createLogger('reminder-test', true);
const DAY = 24 * 3600 * 1000;

let h: BotHarness;
let scheduler: Scheduler | null = null;
beforeEach(async () => {
  h = await new BotHarness().boot();
});
afterEach(async () => {
  await scheduler?.stop();
  scheduler = null;
  await h.close();
});

const deps = () => ({ db: h.db, config: h.config, log: quiet, ports: () => h.bot.ports() });
const reminders = (user: string) => h.port.directTexts(user).filter((t) => t.includes('vous attend depuis quelques jours'));

async function draft(user: string, title: string): Promise<void> {
  for (const text of ['nouveau', title, 'Le problème', 'Première étape', 'Deuxième étape']) await h.dm(user, text);
}

describe('draft reminders', () => {
  it('remind a draft untouched for 3 days once, with buttons; resume shows where the agent was', async () => {
    await draft('camille', 'Tickets de couleur');
    await h.dm('karim', 'nouveau'); // no title yet: nothing worth a reminder
    const start = Date.now();
    const clock = new FakeClock(start + 2 * DAY);
    scheduler = createScheduler({ db: h.db, log: quiet, clock, tickMs: 0 });
    scheduler.add(remindersJob(deps()));
    await scheduler.start();
    await scheduler.tick(); // queued behind the run at start: waits for it
    expect(reminders('camille')).toEqual([]);

    clock.set(start + 3 * DAY + 20 * 60_000);
    expect(await scheduler.tick()).toEqual(['draft-reminders']);
    expect(reminders('camille')).toEqual([
      'Bonjour ! Votre brouillon « Tickets de couleur » (2 étapes) vous attend depuis quelques jours. On le reprend ?',
    ]);
    expect(h.last('camille').buttons?.map((b) => [b.label, b.actionId, b.value])).toEqual([
      ['Reprendre', 'wizard.reminder.resume', 'resume'],
      ['Abandonner', 'wizard.reminder.drop', 'drop'],
    ]);
    const slackButtons = renderBlocks(h.last('camille'), { showCoverImage: false }).flatMap((b: any) => b.elements ?? []);
    expect(slackButtons.map((e: any) => e.text?.text)).toEqual(['Reprendre', 'Abandonner']);
    expect(h.port.directTexts('karim').filter((t) => t.includes('brouillon'))).toEqual([]);
    const karim = await h.db
      .selectFrom('conversations')
      .innerJoin('agents', 'agents.id', 'conversations.agent_id')
      .select('reminded_at')
      .where('platform_user_id', '=', 'karim')
      .executeTakeFirstOrThrow();
    expect(karim.reminded_at).toBeNull(); // left unmarked: a title written later still gets its reminder

    await h.press('camille', 'wizard.reminder.resume', 'resume');
    const texts = h.port.directTexts('camille');
    expect(texts.at(-2)).toBe('On reprend « Tickets de couleur » là où vous en étiez.');
    expect(texts.at(-1)).toContain('vous en avez 2');

    // Touched again, then left for another 3 days and more: still no second reminder for this draft.
    for (const days of [4, 7, 10]) {
      clock.set(start + days * DAY + 40 * 60_000);
      await scheduler.tick();
    }
    expect(reminders('camille')).toHaveLength(1);

    // Once published, a new draft is a new draft: it may get its own reminder.
    await h.dm('camille', 'terminé');
    await h.dm('camille', '1');
    await h.dm('camille', 'publier');
    await draft('camille', 'Bacs à courrier');
    expect(await sendReminders(deps(), new Date(Date.now() + 3 * DAY + 60_000))).toBe(1);
    expect(reminders('camille').at(-1)).toContain('« Bacs à courrier »');
  });

  it('a draft started over (`recommencer`) is a new draft with its own reminder', async () => {
    await draft('camille', 'Tickets');
    const at = new Date(Date.now() + 3 * DAY + 60_000);
    expect(await sendReminders(deps(), at)).toBe(1);
    await h.dm('camille', 'nouveau');
    await h.press('camille', 'wizard', 'restart');
    expect(await sendReminders(deps(), at)).toBe(0); // nothing written yet in the new one
    await draft('camille', 'Bacs');
    expect(await sendReminders(deps(), new Date(Date.now() + 3 * DAY + 60_000))).toBe(1);
    expect(reminders('camille').at(-1)).toContain('« Bacs »');
  });

  it('drop abandons the draft; a second press finds nothing to drop', async () => {
    await draft('sophie', 'Étiquettes');
    expect(await sendReminders(deps(), new Date(Date.now() + 3 * DAY + 60_000))).toBe(1);
    await h.press('sophie', 'wizard.reminder.drop', 'drop');
    expect(h.last('sophie').text).toBe('Brouillon « Étiquettes » abandonné. Tapez *nouveau* quand vous voulez recommencer.');
    expect(await h.db.selectFrom('conversations').selectAll().execute()).toEqual([]);
    await h.press('sophie', 'wizard.reminder.drop', 'drop');
    expect(h.last('sophie').text).toContain('Ce brouillon n’est plus en cours');
  });

  it('two instances sharing one database remind once', async () => {
    await draft('camille', 'Tickets');
    const otherDb = openDatabase(h.config.databaseFile);
    const otherPort = new RecordingPort('local');
    try {
      const at = new Date(Date.now() + 3 * DAY + 60_000);
      const sent = await Promise.all([
        sendReminders(deps(), at),
        sendReminders({ db: otherDb, config: h.config, log: quiet, ports: () => [otherPort] }, at),
      ]);
      expect(sent[0] + sent[1]).toBe(1);
      expect(reminders('camille').length + otherPort.directTexts('camille').length).toBe(1);
    } finally {
      await otherDb.destroy();
    }
  });

  it('writes the reminder in English for an agent who chose English, with the singular', async () => {
    await h.dm('karim', 'langue en');
    for (const text of ['new', 'Colour tickets', 'The queue', 'Print them']) await h.dm('karim', text);
    await sendReminders(deps(), new Date(Date.now() + 3 * DAY + 60_000));
    expect(h.last('karim').text).toBe(
      'Hello! Your draft "Colour tickets" (1 step) has been waiting for a few days. Shall we pick it up?',
    );
    expect(h.last('karim').buttons?.map((b) => b.label)).toEqual(['Resume', 'Drop']);
  });
});
