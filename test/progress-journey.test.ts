/** Points, levels and badges through the bot core: announced once in DM, and `mon profil`. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROGRESS_JOB } from '../bot/progress.js';
import { createScheduler } from '../bot/scheduler.js';
import { createLogger } from '../log.js';
import { type Harness, startHarness } from './support/community-harness.js';
import { describeEngines } from './support/temp-db.js';

describeEngines('progress announcements', (engine) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({}, engine);
  });
  afterEach(() => h.close());

  const announcements = (user: string) => h.port.directTexts(user).filter((t) => /^(🎉 Bravo|🏅)/.test(t));

  describe('progress announcements', () => {
    it('announces a first badge once, then 10 likes once, whatever the reactions do', async () => {
      const { ref } = await h.publish('camille', 'Ticket coloré');
      expect(announcements('camille')).toEqual([]); // never in the middle of the conversation
      await h.runJob(PROGRESS_JOB);
      expect(announcements('camille')).toEqual([
        '🏅 Nouveau badge : *Première astuce* — vous avez publié votre premier bricolage.',
      ]);
      await h.runJob(PROGRESS_JOB);
      expect(announcements('camille')).toHaveLength(1);

      // Her own reactions and a fan reacting, removing and reacting again add nothing.
      await h.react('camille', ref, '👍');
      for (let i = 0; i < 9; i++) await h.react(`fan${i}`, ref, '👍');
      await h.react('fan0', ref, '👍', false);
      await h.react('fan0', ref, '🎉');
      await h.runJob(PROGRESS_JOB);
      expect(announcements('camille')).toHaveLength(1);

      await h.react('fan9', ref, '❤️');
      await h.runJob(PROGRESS_JOB);
      await h.runJob(PROGRESS_JOB);
      expect(announcements('camille')).toEqual([
        '🏅 Nouveau badge : *Première astuce* — vous avez publié votre premier bricolage.',
        '🏅 Nouveau badge : *10 j’aime* — vos bricolages ont reçu 10 j’aime.',
      ]);
      const recorded = await h.db.selectFrom('agent_announcements').select(['kind', 'key']).orderBy('key').execute();
      expect(recorded).toEqual([
        { kind: 'badge', key: 'dix-jaime' },
        { kind: 'badge', key: 'premiere-astuce' },
      ]);
    });

    it('announces a level reached once, in the agent’s language, from a scheduler with a fake clock', async () => {
      await h.dm('karim', 'langue en');
      let now = Date.parse('2026-11-29T10:00:30Z');
      const scheduler = createScheduler({
        db: h.db,
        log: createLogger('t', true),
        clock: { now: () => new Date(now) },
        tickMs: 0,
      });
      for (const job of h.bot.jobs()) scheduler.add(job);
      await scheduler.start();
      await scheduler.idle();
      // 5 bricolages = 25 points: Bricoleur.
      for (let i = 1; i <= 5; i++) await h.publish('karim', `Astuce ${i}`);
      now += 60_000;
      expect(await scheduler.tick()).toEqual([PROGRESS_JOB]);
      expect(await scheduler.tick()).toEqual([]);
      now += 60_000;
      expect(await scheduler.tick()).toEqual([PROGRESS_JOB]);
      await scheduler.stop();
      expect(h.port.directTexts('karim').filter((t) => /^(🎉|🏅)/.test(t))).toEqual([
        '🎉 Well done! You reach the *Tinkerer* level with 25 points. Type *my profile* to see your progress.',
        '🏅 New badge: *First tip* — you published your first bricolage.',
      ]);
    });
  });

  describe('mon profil', () => {
    it('shows points, level, the way to the next level and badges', async () => {
      await h.dm('sophie', 'mon profil');
      expect(h.port.lastDirect('sophie')!.text).toBe(
        '*Votre profil de bricoleur* 🛠️\nPoints : *0*\nNiveau : *Apprenti*\n' +
          '▱▱▱▱▱▱▱▱▱▱ vers *Bricoleur* (25 points) : il vous en manque 25.\n' +
          'Badges : aucun pour l’instant. Le premier vient avec votre premier bricolage publié !',
      );
      const { id } = await h.publish('sophie', 'Classeur du courrier');
      await h.dm('karim', `adopté ${id} Très pratique`);
      await h.dm('sophie', 'Mon profil !');
      // 5 (publication) + 10 (adopted in another mairie) = 15.
      expect(h.port.lastDirect('sophie')!.text).toBe(
        '*Votre profil de bricoleur* 🛠️\nPoints : *15*\nNiveau : *Apprenti*\n' +
          '▰▰▰▰▰▰▱▱▱▱ vers *Bricoleur* (25 points) : il vous en manque 10.\n' +
          'Badges : Première astuce, Adopté ailleurs',
      );
      await h.dm('karim', 'my profile');
      expect(h.port.lastDirect('karim')!.text).toContain('Points : *2*');
    });
  });
});
