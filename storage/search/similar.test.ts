import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempDb, describeEngines, type TempDb } from '../../test/support/temp-db.js';
import { ensureAgent } from '../agents.js';
import { deleteBricolage, insertBricolage, replaceBricolageContent } from '../bricolages.js';
import { similarOnPage } from '../gallery/similar.js';
import { setBricolageHidden } from '../moderation.js';
import { CATEGORY_BONUS, findSimilar } from './similar.js';

describeEngines('findSimilar', (engine) => {
  let temp: TempDb;
  beforeEach(async () => {
    temp = await createTempDb({ engine });
  });
  afterEach(async () => temp.cleanup());

  async function author(name: string, mairie: string): Promise<number> {
    return (await ensureAgent(temp.db, { platform: 'local', platformUserId: name, displayName: name, mairie })).id;
  }

  async function add(
    authorId: number,
    title: string,
    problem: string,
    options: { category?: string; steps?: string[]; status?: 'published' | 'draft' } = {},
  ): Promise<number> {
    return insertBricolage(temp.db, {
      authorId,
      title,
      problem,
      category: options.category ?? 'Courrier et documents',
      status: options.status,
      steps: (options.steps ?? ['Une étape.']).map((text) => ({ text, photoHashes: [] })),
    });
  }

  /** A few unrelated bricolages, so that word rarity means something. */
  async function background(authorId: number): Promise<void> {
    await add(authorId, 'Coin enfants dans la salle d’attente', 'Les enfants couraient partout pendant l’attente.');
    await add(authorId, 'Horaires lisibles depuis la rue', 'Les usagers venaient pendant la fermeture de midi.');
    await add(authorId, 'Tableur des congés de l’équipe', 'Deux agents partaient en vacances la même semaine.');
    await add(authorId, 'Procurations rangées par bureau', 'Les assesseurs cherchaient les procurations le jour du vote.');
  }

  describe('findSimilar', () => {
    it('finds a bricolage described in other words, plurals and feminines included, and nothing for an unrelated text', async () => {
      const karim = await author('karim', 'paris-18');
      await background(karim);
      const labels = await add(
        karim,
        'Étiquettes réparées pour les bannettes du courrier',
        'Les étiquette des bannettes se décollaient et le courrier arrivait dans la mauvaise bannette.',
      );
      const draft = {
        title: 'Une étiquette réparée sur chaque bannette',
        problem: 'Nos bannettes de courrier perdaient leurs étiquettes.',
      };
      const found = await findSimilar(temp.db, draft, { limit: 3 });
      expect(found.map((m) => m.id)).toEqual([labels]);
      expect(found[0].mairie).toBe('paris-18');
      expect(
        await findSimilar(temp.db, { title: 'Musique douce', problem: 'Une playlist calme dans le hall.' }, { limit: 3 }),
      ).toEqual([]);
    });

    it('weighs steps less than title and problem, and gives a bonus to the same category', async () => {
      const karim = await author('karim', 'paris-18');
      await background(karim);
      const inProblem = await add(karim, 'Registre', 'Tamponner la date d’arrivée de chaque lettre recommandée.', {
        category: 'Courrier et documents',
      });
      const inSteps = await add(karim, 'Registre', 'Un cahier.', {
        category: 'Courrier et documents',
        steps: ['Tamponner la date d’arrivée de chaque lettre recommandée.'],
      });
      const text = { title: 'Dater les lettres recommandées', problem: 'Tamponner la date d’arrivée.' };
      const scores = new Map((await findSimilar(temp.db, text, { limit: 5, threshold: 0 })).map((m) => [m.id, m.score]));
      expect(scores.get(inProblem)).toBeGreaterThan(scores.get(inSteps) ?? 0);
      const withCategory = new Map(
        (await findSimilar(temp.db, { ...text, category: 'Courrier et documents' }, { limit: 5, threshold: 0 })).map((m) => [
          m.id,
          m.score,
        ]),
      );
      expect(withCategory.get(inProblem)).toBeCloseTo((scores.get(inProblem) ?? 0) + CATEGORY_BONUS, 6);
    });

    it('leaves out drafts, hidden and deleted bricolages, the given ones and the agent’s own, and follows edits', async () => {
      const karim = await author('karim', 'paris-18');
      const lea = await author('lea', 'paris-11');
      await background(karim);
      const text = {
        title: 'Tampon dateur du courrier entrant',
        problem: 'On ne savait pas quel jour une lettre était arrivée.',
      };
      const ids = async (options: { excludeAuthorId?: number; excludeIds?: number[] } = {}) =>
        (await findSimilar(temp.db, text, { limit: 3, ...options })).map((m) => m.id);
      await add(karim, text.title, text.problem, { status: 'draft' });
      expect(await ids()).toEqual([]);
      const published = await add(karim, text.title, text.problem);
      expect(await ids()).toEqual([published]);
      expect(await ids({ excludeAuthorId: karim })).toEqual([]);
      expect(await ids({ excludeAuthorId: lea })).toEqual([published]);
      expect(await ids({ excludeIds: [published] })).toEqual([]);

      await setBricolageHidden(temp.db, published, true);
      expect(await ids()).toEqual([]);
      await setBricolageHidden(temp.db, published, false);
      expect(await ids()).toEqual([published]);

      await replaceBricolageContent(temp.db, published, {
        title: 'Musique douce en salle d’attente',
        problem: 'Une playlist calme.',
        category: 'Autre',
        steps: [],
      });
      expect(await ids()).toEqual([]);
      await replaceBricolageContent(temp.db, published, { ...text, category: 'Autre', steps: [] });
      expect(await ids()).toEqual([published]);
      await deleteBricolage(temp.db, published);
      expect(await ids()).toEqual([]);
    });
  });

  describe('similarOnPage', () => {
    it('lists up to four similar bricolages, those of other mairies first, never the bricolage itself', async () => {
      const karim = await author('karim', 'paris-18');
      const sophie = await author('sophie', 'paris-5');
      const lucie = await author('lucie', 'paris-18');
      await background(karim);
      const problem = 'Le courrier interne était déposé en vrac et des lettres se perdaient entre les services.';
      const page = await add(karim, 'Bannettes de couleur pour le courrier interne', problem);
      const sameMairie = await add(lucie, 'Bannettes de couleur par service pour le courrier interne', problem);
      const elsewhere = await add(sophie, 'Bannettes colorées pour répartir le courrier interne', problem);
      const more = [];
      for (const n of [1, 2, 3])
        more.push(await add(sophie, `Bannettes de couleur pour le courrier interne, version ${n}`, problem));

      const shown = (await similarOnPage(temp.db, page)).map((r) => r.id);
      expect(shown).toHaveLength(4);
      expect(shown).not.toContain(page);
      expect(shown).not.toContain(sameMairie);
      expect(new Set(shown)).toEqual(new Set([elsewhere, ...more]));
      // With fewer of other mairies, the same mairie's come after them.
      for (const id of more) await deleteBricolage(temp.db, id);
      expect(await similarOnPage(temp.db, page)).toMatchObject([{ id: elsewhere }, { id: sameMairie }]);
      expect(await similarOnPage(temp.db, 9999)).toEqual([]);
    });
  });
});
