/** "Ça existe déjà ?" through the bot core: `similaires <n°>` and the animateur's likely duplicates. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/community-harness.js';
import { describeEngines } from './support/temp-db.js';

describeEngines('similaires <n°>', (engine) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({}, engine);
  });
  afterEach(() => h.close());

  const last = (user: string) => h.port.lastDirect(user)!.text;

  /** Publishes a bricolage through the wizard, with its own problem; returns its id. */
  async function post(user: string, title: string, problem: string, step = 'Une étape.'): Promise<number> {
    for (const text of ['nouveau', title, problem, step, 'terminé', '2', 'publier']) await h.dm(user, text);
    return (await h.db.selectFrom('bricolages').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
  }

  async function threeBricolages() {
    const stamp = await post(
      'camille',
      'Tampon dateur et registre pour le courrier entrant',
      'On ne savait jamais quel jour une lettre était arrivée, et les usagers contestaient nos délais de réponse.',
      'Tamponner la date d’arrivée sur chaque pli.',
    );
    const dated = await post(
      'karim',
      'Dater chaque lettre reçue dès son arrivée',
      'Les usagers contestaient nos délais de réponse : impossible de dire quel jour leur courrier était arrivé.',
    );
    const kids = await post('sophie', 'Coin enfants dans la salle d’attente', 'Les enfants couraient partout pendant l’attente.');
    return { stamp, dated, kids };
  }

  describe('similaires <n°>', () => {
    it('lists the close bricolages with their mairie, likes, adoptions and link; clear answers otherwise', async () => {
      const { stamp, dated, kids } = await threeBricolages();
      await h.dm('nadia', `similaires ${stamp}`);
      expect(last('nadia')).toBe(
        `Bricolages proches du n°${stamp} « Tampon dateur et registre pour le courrier entrant », d’autres mairies d’abord :\n` +
          `• n°${dated} *Dater chaque lettre reçue dès son arrivée* — Mairie du 18e · 0 j’aime · 0 adoption\n` +
          `  http://gallery.test/bricolages/${dated}`,
      );
      await h.dm('nadia', `similaires n°${kids}`);
      expect(last('nadia')).toBe(
        `Je ne connais pas encore de bricolage proche du n°${kids} « Coin enfants dans la salle d’attente ».`,
      );
      await h.dm('nadia', 'similaires 999');
      expect(last('nadia')).toBe('Je ne trouve pas de bricolage publié n°999.');
      await h.dm('nadia', 'similaires');
      expect(last('nadia')).toBe('Donnez le numéro du bricolage, par exemple *similaires 12*.');
      await h.dm('nadia', 'langue en');
      await h.dm('nadia', `similar ${dated}`);
      expect(last('nadia')).toContain(
        `• n°${stamp} *Tampon dateur et registre pour le courrier entrant* — 11th arrondissement town hall`,
      );
    });

    it('shows the animateur the likely duplicates of the last 30 days, from different mairies, in the dashboard', async () => {
      const { stamp, dated } = await threeBricolages();
      // The same problem again in Camille's own mairie (the 11e) is not a duplicate across mairies.
      const again = await post(
        'nadia',
        'Tampon dateur et registre pour le courrier entrant',
        'On ne savait jamais quel jour une lettre était arrivée.',
      );
      await h.dm('nadia', `similaires ${again}`);
      expect(last('nadia')).toContain(`• n°${stamp} `);
      await h.dm('julien', 'tableau de bord');
      const line = last('julien')
        .split('\n')
        .find((l) => l.startsWith('• Doublons probables'));
      expect(line).toBe(`• Doublons probables (publiés depuis 30 jours, mairies différentes) : 1 — n°${stamp} ↔ n°${dated}`);
    });
  });
});
