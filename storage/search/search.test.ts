import { afterEach, describe, expect, it } from 'vitest';
import { createTempDb, describeEngines, type TempDb } from '../../test/support/temp-db.js';
import { ensureAgent } from '../agents.js';
import { insertBricolage } from '../bricolages.js';
import { linkBricolage, openWorkshop } from '../workshops.js';
import { queryWords, searchBricolages, searchPublished, weighedTerms } from './search.js';

describe('queryWords', () => {
  it('drops the stop words and elided letters when the query has other words', () => {
    expect(queryWords("Tampon pour l'accueil de la MAIRIE")).toEqual(['tampon', 'accueil', 'mairie']);
    expect(queryWords('À la une du jour')).toEqual(['jour']);
    expect(queryWords('pour les')).toEqual(['pour', 'les']);
    expect(queryWords('  ')).toEqual([]);
  });
});

describeEngines('searching published bricolages', (engine) => {
  let temp: TempDb | undefined;
  afterEach(async () => temp?.cleanup());

  it('finds words in title, problem, category or steps; ranks title matches first; skips hidden ones', async () => {
    temp = await createTempDb({ engine });
    const { id: author } = await ensureAgent(temp.db, { platform: 'local', platformUserId: 'camille', displayName: 'Camille' });
    const add = (title: string, step: string, status: 'published' | 'hidden' = 'published', at = '2026-01-01T00:00:00.000Z') =>
      insertBricolage(temp!.db, {
        authorId: author,
        title,
        problem: 'Un problème',
        category: 'État civil',
        status,
        at,
        steps: [{ text: step, photoHashes: [] }],
      });
    const inStep = await add('Classeur', 'Ranger les tickets par couleur', 'published', '2026-02-01T00:00:00.000Z');
    const inTitle = await add('Ticket coloré', 'Imprimer');
    await add('Ticket caché', 'x', 'hidden');
    const accented = await add(
      "Ticket spécial pour la file d'attente",
      'Courrier entrant',
      'published',
      '2025-12-01T00:00:00.000Z',
    );

    const ids = async (q: string) => new Set((await searchBricolages(temp!.db, { q, limit: 20 })).items.map((r) => r.id));
    // Accented words typed without accents, in any order; every word is needed; an empty query finds nothing.
    expect(await ids('FILE special')).toEqual(new Set([accented]));
    expect(await ids('courrier sortant')).toEqual(new Set());
    expect((await ids('  ')).size).toBe(0);

    expect(await searchPublished(temp.db, 'TICKET COLORE')).toEqual([{ id: inTitle, title: 'Ticket coloré' }]);
    expect(await searchPublished(temp.db, 'ticket couleur')).toEqual([{ id: inStep, title: 'Classeur' }]);
    expect((await searchPublished(temp.db, 'ticket')).map((h) => h.id)).toEqual([inTitle, accented, inStep]);
    expect(await ids('etat civil imprimer')).toEqual(new Set([inTitle]));
    // Stop words are not required ("avec" is in no bricolage), nor marked in the snippet.
    const withStopWords = await searchBricolages(temp.db, { q: 'courrier avec entrant', limit: 20 });
    expect(withStopWords.items.map((r) => r.id)).toEqual([accented]);
    expect(withStopWords.items[0].snippet).toBe('\u0002Courrier\u0003 \u0002entrant\u0003');
    // A query of stop words only looks for them.
    expect(await ids('pour la')).toEqual(new Set([accented]));
  });
});

describeEngines('search filters', (engine) => {
  let temp: TempDb | undefined;
  afterEach(async () => temp?.cleanup());

  it('keeps the matches of one mairie, one category or one workshop, and every sort sees the filter', async () => {
    temp = await createTempDb({ engine });
    const db = temp.db;
    const agent = async (id: string, mairie: string) =>
      (await ensureAgent(db, { platform: 'local', platformUserId: id, displayName: id, mairie })).id;
    const camille = await agent('camille', '11e');
    const karim = await agent('karim', '18e');
    const add = (authorId: number, title: string, category: string, at: string) =>
      insertBricolage(db, { authorId, title, problem: 'x', category, at, steps: [{ text: title, photoHashes: [] }] });
    const eleventh = await add(camille, 'Ticket bleu', 'Accueil', '2026-01-01T00:00:00.000Z');
    const eleventhCivil = await add(camille, 'Ticket rouge', 'État civil', '2026-01-02T00:00:00.000Z');
    const eighteenth = await add(karim, 'Ticket vert', 'Accueil', '2026-01-03T00:00:00.000Z');
    await add(karim, 'Classeur', 'Accueil', '2026-01-04T00:00:00.000Z');
    const workshop = await openWorkshop(db, { title: 'Atelier', description: 'x', openedBy: karim });
    await linkBricolage(db, { workshopId: workshop, bricolageId: eleventhCivil, linkedBy: karim });

    const found = async (filter: { mairie?: string; category?: string; workshopId?: number }, sort?: 'recent' | 'likes') =>
      (await searchBricolages(db, { q: 'ticket', ...filter, sort, limit: 20 })).items.map((r) => r.id).sort();
    for (const sort of [undefined, 'recent', 'likes'] as const) {
      expect(await found({ mairie: 'paris-11' }, sort)).toEqual([eleventh, eleventhCivil].sort());
      expect(await found({ mairie: 'paris-18' }, sort)).toEqual([eighteenth]);
      expect(await found({ category: 'Accueil', mairie: 'paris-11' }, sort)).toEqual([eleventh]);
      expect(await found({ workshopId: workshop }, sort)).toEqual([eleventhCivil]);
      expect(await found({ mairie: 'nulle-part' }, sort)).toEqual([]);
    }
    expect(await searchBricolages(db, { q: 'ticket', mairie: 'paris-11', limit: 20 })).toMatchObject({ total: 2 });
  });
});

describeEngines('relevance with a frequent word', (engine) => {
  let temp: TempDb | undefined;
  afterEach(async () => temp?.cleanup());

  it('still requires every word and honours filters and pages when bm25 weighs only the rarer words', async () => {
    temp = await createTempDb({ engine });
    const db = temp.db;
    const camille = (await ensureAgent(db, { platform: 'local', platformUserId: 'c', displayName: 'Camille', mairie: '11e' })).id;
    const karim = (await ensureAgent(db, { platform: 'local', platformUserId: 'k', displayName: 'Karim', mairie: '18e' })).id;
    const add = (authorId: number, title: string, step: string, day: number) =>
      insertBricolage(db, {
        authorId,
        title,
        problem: 'x',
        category: 'Autre',
        at: new Date(Date.UTC(2026, 0, day)).toISOString(),
        steps: [{ text: step, photoHashes: [] }],
      });
    // "courrier" in 12 of 20 bricolages, "onglets" in 4: both frequent, "onglets" the rarer.
    for (let i = 0; i < 9; i++) await add(camille, `Courrier ${i}`, 'Trier', i + 1);
    for (let i = 0; i < 7; i++) await add(camille, `Classeur ${i}`, 'Ranger', i + 10);
    const ongletsOnly = await add(karim, 'Onglets seuls', 'Ranger', 20);
    const inTitle = await add(camille, 'Des onglets pour le courrier', 'Coller', 21);
    const inSteps = await add(karim, 'Courrier du matin', 'Coller des onglets', 22);
    const alsoInSteps = await add(camille, 'Courrier du soir', 'Des onglets', 23);

    // FTS5's bm25 weighs only the rarer word; PostgreSQL's ts_rank reads only the matches it ranks.
    if (engine === 'sqlite') expect(await weighedTerms(db, ['"courrier"*', '"onglets"*'])).toEqual(['"onglets"*']);
    const result = await searchBricolages(db, { q: 'courrier onglets', limit: 20 });
    expect(result.total).toBe(3);
    expect(result.items[0].id).toBe(inTitle);
    expect(new Set(result.items.map((r) => r.id))).toEqual(new Set([inTitle, inSteps, alsoInSteps]));
    expect(result.items.map((r) => r.id)).not.toContain(ongletsOnly);
    const ids = result.items.map((r) => r.id);
    expect((await searchBricolages(db, { q: 'courrier onglets', limit: 2, offset: 1 })).items.map((r) => r.id)).toEqual(
      ids.slice(1),
    );
    expect((await searchBricolages(db, { q: 'courrier onglets', mairie: 'paris-18', limit: 20 })).items.map((r) => r.id)).toEqual(
      [inSteps],
    );
  });
});

describe('cutSnippet', () => {
  it('marks the words the index matched (accents folded, prefixes) around the first match', async () => {
    const { cutSnippet, MARK_START: S, MARK_END: E } = await import('./search.js');
    expect(cutSnippet(['Rien ici', 'Imprimer des Étiquettes plastifiées'], ['etiquette', 'plast'])).toBe(
      `Imprimer des ${S}Étiquettes${E} ${S}plastifiées${E}`,
    );
    const long = Array.from({ length: 40 }, (_, i) => `mot${i}`).join(' ');
    const cut = cutSnippet([long], ['mot20']);
    expect(cut.startsWith('…')).toBe(true);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).toContain(`${S}mot20${E}`);
    expect(cutSnippet(['abc'], ['zzz'])).toBe('');
  });
});

describeEngines('search input', (engine) => {
  let temp: TempDb | undefined;
  afterEach(async () => temp?.cleanup());

  it('treats FTS5 syntax as plain words and never fails on odd input', async () => {
    temp = await createTempDb({ engine });
    const { id: author } = await ensureAgent(temp.db, { platform: 'local', platformUserId: 'c', displayName: 'Camille' });
    const id = await insertBricolage(temp.db, {
      authorId: author,
      title: 'Near the desk, AND or NOT',
      problem: 'x',
      category: 'Autre',
      steps: [],
    });
    for (const q of ['"unbalanced (', 'NEAR(', '* ^ : -', 'title:desk', 'a'.repeat(500), '\u0002\u0003']) {
      await expect(searchBricolages(temp.db, { q, limit: 5 })).resolves.toBeDefined();
    }
    expect((await searchBricolages(temp.db, { q: 'AND NOT', limit: 5 })).items.map((r) => r.id)).toEqual([id]);
    // A column filter is not syntax here: "title" is a word to find too, and there is none.
    expect((await searchBricolages(temp.db, { q: 'title:desk', limit: 5 })).items).toEqual([]);
    expect((await searchBricolages(temp.db, { q: 'desk:near', limit: 5 })).items.map((r) => r.id)).toEqual([id]);
  });
});
