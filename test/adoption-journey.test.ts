/** Adoptions through the bot core: the command, the button and its feedback question, notices. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/community-harness.js';
import { describeEngines } from './support/temp-db.js';

describeEngines('adoptions through the bot', (engine) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({}, engine);
  });
  afterEach(() => h.close());

  const adoptions = () =>
    h.db.selectFrom('adoptions').select(['bricolage_id', 'agent_id', 'mairie', 'feedback']).orderBy('id').execute();
  const notices = (user: string) => h.port.directTexts(user).filter((t) => t.startsWith('Bonne nouvelle'));

  describe('adopté <n°> [retour]', () => {
    it('records one adoption per agent, a second one updating the feedback, and tells the author once per mairie', async () => {
      const { id } = await h.publish('camille', 'Ticket coloré');
      await h.dm('karim', `adopté ${id}`);
      // A new adoption, then the optional time-saved question (issue 20).
      expect(h.port.directTexts('karim').at(-2)).toContain('J’ai noté que votre mairie a adopté « Ticket coloré »');
      expect(h.port.lastDirect('karim')!.text).toContain('combien de temps « Ticket coloré » vous fait-il gagner ?');
      await h.dm('karim', `adopté n°${id} La file a fondu`);
      expect(h.port.lastDirect('karim')!.text).toBe(
        'C’est noté : votre retour d’expérience sur « Ticket coloré » est mis à jour.',
      );
      await h.dm('karim', `adopté ${id}`);
      expect(h.port.lastDirect('karim')!.text).toContain('Vous aviez déjà adopté « Ticket coloré »');
      expect(await adoptions()).toMatchObject([{ bricolage_id: id, mairie: 'paris-18', feedback: 'La file a fondu' }]);

      // A second agent of the 18th: no second notice; the Hôtel de Ville: a notice of its own.
      await h.dm('fan17', `adopté ${id}`);
      await h.dm('julien', `adopted ${id} great`);
      expect(notices('camille')).toEqual([
        `Bonne nouvelle ! 🎉 Votre bricolage « Ticket coloré » (n°${id}) a été adopté à la mairie du 18e.`,
        `Bonne nouvelle ! 🎉 Votre bricolage « Ticket coloré » (n°${id}) a été adopté à l’Hôtel de Ville.`,
      ]);
      expect(await adoptions()).toHaveLength(3);
    });

    it('refuses one’s own bricolage kindly, an unknown number and a missing one', async () => {
      const { id } = await h.publish('camille', 'Ticket coloré');
      await h.dm('camille', `adopté ${id}`);
      expect(h.port.lastDirect('camille')!.text).toBe('C’est votre propre bricolage : il est déjà chez vous ! 😉');
      await h.dm('karim', 'adopté 999');
      expect(h.port.lastDirect('karim')!.text).toBe('Je ne trouve pas de bricolage publié n°999.');
      await h.dm('karim', 'adopté');
      expect(h.port.lastDirect('karim')!.text).toContain('tapez *adopté* suivi de son numéro');
      expect(await adoptions()).toEqual([]);
      expect(notices('camille')).toEqual([]);
    });
  });

  describe('the "Je l’ai adopté" button', () => {
    it('records the adoption, then takes the next message as the optional feedback', async () => {
      const { id } = await h.publish('camille', 'Ticket coloré');
      await h.press('karim', 'adopt', String(id));
      const asked = h.port.lastDirect('karim')!;
      expect(asked.text).toContain('Un retour d’expérience à partager ?');
      expect(asked.buttons).toEqual([{ actionId: 'adoptionFeedback', value: 'skip', label: 'Passer' }]);
      expect(await adoptions()).toMatchObject([{ feedback: null }]);

      await h.dm('karim', 'Les usagers adorent, on l’a mis en place en une heure.');
      expect(h.port.directTexts('karim').at(-2)).toBe('Merci pour votre retour d’expérience ! Il aidera les autres mairies.');
      expect(await adoptions()).toMatchObject([{ feedback: 'Les usagers adorent, on l’a mis en place en une heure.' }]);
      // Then the time-saved question (issue 20), skipped here by its button.
      expect(h.port.lastDirect('karim')!.text).toContain('combien de temps');
      await h.press('karim', 'timeSaved', 'skip');

      // The questions are closed: the next message is a command again.
      await h.dm('karim', 'bonjour');
      expect(h.port.lastDirect('karim')!.text).toContain('Je n’ai pas compris « bonjour »');
      await h.press('karim', 'adopt', String(id));
      expect(h.port.lastDirect('karim')!.text).toContain('Vous aviez déjà adopté');
    });

    it('can be skipped by button or word, and a command still runs', async () => {
      const { id } = await h.publish('camille', 'Ticket coloré');
      await h.press('karim', 'adopt', String(id));
      await h.press('karim', 'adoptionFeedback', 'skip');
      expect(h.port.directTexts('karim').at(-2)).toBe(
        `Pas de souci. Vous pourrez l’ajouter plus tard : *adopté ${id}* suivi de votre message.`,
      );
      expect(h.port.lastDirect('karim')!.text).toContain('combien de temps');
      await h.press('sophie', 'adopt', String(id));
      await h.dm('sophie', 'chercher ticket');
      expect(h.port.lastDirect('sophie')!.text).toContain('Voici ce que j’ai trouvé');
      expect(await adoptions()).toMatchObject([{ feedback: null }, { feedback: null }]);
    });

    it('does not interrupt a bricolage being written, and refuses one’s own', async () => {
      const { id } = await h.publish('camille', 'Ticket coloré');
      await h.press('camille', 'adopt', String(id));
      expect(h.port.lastDirect('camille')!.text).toBe('C’est votre propre bricolage : il est déjà chez vous ! 😉');
      await h.dm('karim', 'nouveau');
      await h.press('karim', 'adopt', String(id));
      await h.dm('karim', 'Mon titre');
      const draft = await h.db.selectFrom('conversations').select('state').executeTakeFirstOrThrow();
      expect(JSON.parse(draft.state).draft.title).toBe('Mon titre');
      expect(await adoptions()).toMatchObject([{ feedback: null }]);
    });
  });

  describe('gallery JSON', () => {
    it('lists adoptions by mairie', async () => {
      const { id } = await h.publish('camille', 'Ticket coloré');
      for (const user of ['karim', 'fan17', 'julien']) await h.dm(user, `adopté ${id}`);
      const { groupAdoptionsByMairie } = await import('../storage/adoptions.js');
      const rows = await h.db.selectFrom('adoptions').select('mairie').execute();
      expect(groupAdoptionsByMairie(rows, 'fr')).toEqual([
        { mairie: 'paris-18', label: 'Mairie du 18e', count: 2 },
        { mairie: 'hotel-de-ville', label: 'Hôtel de Ville', count: 1 },
      ]);
    });
  });
});
