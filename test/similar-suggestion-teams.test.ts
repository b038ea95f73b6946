/**
 * "Ça existe déjà ?" in Microsoft Teams, through the fake Bot Connector (issue 17): Marie (11e)
 * publishes a bricolage; Paul (15e) describes the same problem in other words, gets the suggestion
 * as an Adaptive Card, presses its *Je l'adopte* (Action.Submit), answers the feedback question,
 * and resumes his draft with `reprendre`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootApp, type TestApp } from './support/app.js';
import { type FakeTeams, startFakeTeams } from './support/fake-teams.js';
import { activity } from './support/teams-activity.js';
import { MARIE, PAUL, teamsDriver, teamsEnv } from './support/teams-driver.js';
import { describeEngines, tempDir } from './support/temp-db.js';

describeEngines('the suggestion while posting, in Teams', (engine) => {
  const PAUL_CHAT = 'a:7kQ2wErT-personal-paul';
  let fake: FakeTeams;
  let app: TestApp | null = null;
  let dir: { dir: string; remove(): void };

  beforeEach(async () => {
    fake = await startFakeTeams();
    for (const user of [MARIE, PAUL]) fake.addUser(user);
    dir = tempDir();
    app = await bootApp(teamsEnv(fake), dir.dir, engine);
  });
  afterEach(async () => {
    await app?.stop();
    app = null;
    await fake.close();
    dir.remove();
  });

  describe('the suggestion while posting, in Teams', () => {
    it('suggests Marie’s bricolage to Paul as a card, adopts it from its Action.Submit with feedback, and the draft resumes', async () => {
      const drive = teamsDriver(fake, () => app!);
      const { id } = await drive.publishFromTeams();
      const paul = (text: string) => drive.dm(PAUL, text, [], PAUL_CHAT);
      const sentToPaul = () => fake.sent(PAUL_CHAT).map((c) => c.body);
      const textsSince = (n: number) =>
        sentToPaul()
          .slice(n)
          .map((b) => String(b.text ?? ''));

      await paul('nouveau');
      await paul('15');
      await paul('Tickets de couleur pour les cartes d’identité');
      const before = sentToPaul().length;
      await paul('Le samedi, la file des cartes d’identité déborde : tout le monde attend au même endroit.');
      const after = sentToPaul().slice(before);
      const suggestion = after.find((b) => String(b.text ?? '').startsWith('Ça ressemble à ce que d’autres ont déjà bricolé'));
      expect(suggestion, JSON.stringify(after.map((b) => b.text))).toBeDefined();
      expect(String(suggestion.text)).toContain('Ticket coloré pour la file');
      expect(String(suggestion.text)).toContain(`/bricolages/${id}`);
      // The steps question still comes, after the suggestion: nothing more is required.
      expect(String(after.at(-1)?.text)).toContain('3/5');

      const actions = suggestion.attachments[0].content.actions;
      expect(suggestion.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(actions.map((a: any) => a.title)).toEqual([`Je l’adopte (n°${id})`, 'Continuer mon bricolage']);
      const adopt = actions[0];
      expect(adopt.type).toBe('Action.Submit');
      const pressed = sentToPaul().length;
      await drive.post(
        activity('card-submit', {
          id: fake.nextId(),
          from: PAUL,
          conversation: { conversationType: 'personal', id: PAUL_CHAT },
          replyToId: fake.sent(PAUL_CHAT).find((c) => c.body === suggestion)?.activityId,
          value: adopt.data,
        }),
      );
      expect(textsSince(pressed).join('\n')).toContain('Ticket coloré pour la file');

      const feedback = sentToPaul().length;
      await paul('Repris au 15e avec deux couleurs, la file du samedi a fondu.');
      // Then the optional time-saved question (issue 20); once skipped, the draft is pointed to.
      expect(textsSince(feedback).at(-1)).toMatch(/^Dernière question, facultative/);
      const skipped = sentToPaul().length;
      await paul('passer');
      expect(textsSince(skipped).at(-1)).toBe(
        'Votre bricolage « Tickets de couleur pour les cartes d’identité » vous attend : tapez <b>reprendre</b> pour le continuer.',
      );
      const json = await drive.gallery(id);
      expect(json.adoptions).toEqual([
        expect.objectContaining({
          mairie: 'paris-15',
          agent: expect.objectContaining({ name: 'Paul Martin' }),
          feedback: expect.stringContaining('deux couleurs'),
        }),
      ]);

      const resumed = sentToPaul().length;
      await paul('reprendre');
      expect(textsSince(resumed).join('\n')).toContain('3/5');
    });
  });
});
