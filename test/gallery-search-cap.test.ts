/**
 * A search that matches more than MATCH_CAP bricolages: the count stops at the cap and says "more
 * than" (page and JSON), pages go up to the cap, every sort orders the newest matches (relevance:
 * title matches, then problem matches, then the rest, newest first), and a search under the cap
 * keeps its exact count. Real SQLite file, real gallery over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { ensureAgent } from '../storage/agents.js';
import { insertBricolage } from '../storage/bricolages.js';
import { addReaction } from '../storage/engagement.js';
import { MATCH_CAP, searchBricolages } from '../storage/search/search.js';
import { type GalleryServer, startGalleryServer } from './support/gallery-server.js';
import { createTempDb, describeEngines, type TempDb } from './support/temp-db.js';

describeEngines('search past the cap', (engine) => {
  let temp: TempDb;
  let server: GalleryServer | undefined;
  let base: string;
  /** The oldest bricolage: "ticket" in its title, but outside the MATCH_CAP newest matches. */
  let oldestTitleMatch: number;
  /** The newest bricolage whose title says "ticket": the best match among the newest. */
  let newestTitleMatch: number;
  /** An older bricolage among the newest matches, "ticket" in its title: second best. */
  let olderTitleMatch: number;
  /** Among the newest matches, "ticket" in its problem (not its title): third. */
  let problemMatch: number;
  /** Among the newest matches, "ticket" in its steps only, with the most likes. */
  let mostLiked: number;
  const ids: number[] = [];
  const MATCHES = MATCH_CAP + 5;

  beforeAll(async () => {
    temp = await createTempDb({ engine });
    const db = temp.db;
    const { id: author } = await ensureAgent(db, { platform: 'local', platformUserId: 'camille', displayName: 'Camille' });
    await db.transaction().execute(async (trx) => {
      const day = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString();
      oldestTitleMatch = await insertBricolage(trx, {
        authorId: author,
        title: 'Ticket de file',
        problem: 'Un problème',
        category: 'Autre',
        at: day(0),
        steps: [{ text: 'Un ticket', photoHashes: [] }],
      });
      for (let i = 1; i < MATCHES - 1; i++) {
        const id = await insertBricolage(trx, {
          authorId: author,
          title: i === 500 ? `Tickets ${i}` : `Classeur ${i}`,
          problem: i === 1 ? 'Un rare problème' : i === 300 ? 'Le ticket se perd' : 'Un problème',
          category: 'Autre',
          at: day(i),
          steps: [{ text: `Ranger le ticket numéro ${i} dans le classeur.`, photoHashes: [] }],
        });
        ids[i] = id;
      }
      olderTitleMatch = ids[500];
      problemMatch = ids[300];
      mostLiked = ids[700];
      newestTitleMatch = await insertBricolage(trx, {
        authorId: author,
        title: 'Ticket coloré',
        problem: 'Un problème',
        category: 'Autre',
        at: day(MATCHES),
        steps: [{ text: 'Imprimer', photoHashes: [] }],
      });
    });
    const { id: fan } = await ensureAgent(db, { platform: 'local', platformUserId: 'karim', displayName: 'Karim' });
    await addReaction(db, mostLiked, fan, 'heart');
    const { id: otherFan } = await ensureAgent(db, { platform: 'local', platformUserId: 'ines', displayName: 'Inès' });
    await addReaction(db, mostLiked, otherFan, 'heart');
    await addReaction(db, ids[2], fan, 'heart');
    server = await startGalleryServer({ db, config: loadConfig({ DATA_DIR: temp.dir, SEED_DEMO: 'false', PORT: '0' }) });
    base = server.base;
  });

  afterAll(async () => {
    await server?.close();
    await temp?.cleanup();
  });

  const json = async (p: string) => (await fetch(base + p)).json();
  const page = async (p: string) => (await (await fetch(base + p)).text()).replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');

  describe('a search matching more than the cap', () => {
    it('counts up to the cap, says "more than", and ranks the newest matches by relevance', async () => {
      const result = await searchBricolages(temp.db, { q: 'ticket', limit: 20 });
      expect(result.total).toBe(MATCH_CAP);
      expect(result.totalIsLowerBound).toBe(true);
      expect(result.items).toHaveLength(20);
      // Title matches first, then the problem match, then the rest newest first.
      expect(result.items.slice(0, 4).map((r) => r.id)).toEqual([
        newestTitleMatch,
        olderTitleMatch,
        problemMatch,
        ids[MATCHES - 2],
      ]);
      expect(result.items.map((r) => r.id)).not.toContain(oldestTitleMatch);

      // Under the cap the count is exact.
      const rare = await searchBricolages(temp.db, { q: 'rare', limit: 20 });
      expect(rare).toMatchObject({ total: 1, totalIsLowerBound: false });
      expect(await searchBricolages(temp.db, { q: 'introuvable', limit: 20 })).toEqual({
        items: [],
        total: 0,
        totalIsLowerBound: false,
      });
    });

    it('pages through the first MATCH_CAP results in every sort, and no further', async () => {
      for (const sort of ['relevance', 'recent', 'likes'] as const) {
        const last = await searchBricolages(temp.db, { q: 'ticket', sort, limit: 20, offset: MATCH_CAP - 20 });
        expect(last.items).toHaveLength(20);
        const past = await searchBricolages(temp.db, { q: 'ticket', sort, limit: 20, offset: MATCH_CAP });
        expect(past.items).toEqual([]);
        expect(past.total).toBe(MATCH_CAP);
      }
      // The recent sort walks the matches newest first, the oldest beyond the cap.
      const recent = await searchBricolages(temp.db, { q: 'ticket', sort: 'recent', limit: 20 });
      expect(recent.items[0].id).toBe(newestTitleMatch);
      // The other sorts order the newest matches: the most liked of them first (ids[2], liked once, is
      // among the oldest, past the cap).
      const liked = await searchBricolages(temp.db, { q: 'ticket', sort: 'likes', limit: 20 });
      expect(liked.items[0]).toMatchObject({ id: mostLiked, likeCount: 2 });
      expect(liked.items.map((r) => r.likeCount).slice(1)).toEqual(Array(19).fill(0));
    });

    it('shows "plus de 1 000" on the page, in English too, and in the JSON', async () => {
      const fr = await page('/recherche?q=ticket');
      expect(fr).toMatch(/Plus de 1\s000 bricolages trouvés : voici les 1\s000 plus récents\./);
      expect(fr).toContain('Page 1 sur 50');
      expect(fr).toContain('href="/recherche?q=ticket&page=2"');
      const en = await page('/recherche?q=ticket&lang=en');
      expect(en).toContain('More than 1,000 bricolages found: here are the 1,000 newest.');

      const body = await json('/recherche.json?q=ticket&page=50');
      expect(body).toMatchObject({ page: 50, total: MATCH_CAP, totalIsLowerBound: true });
      expect(body.items).toHaveLength(20);
      const last = await page('/recherche?q=ticket&page=50');
      expect(last).toContain('Page 50 sur 50');
      expect(last).not.toContain('rel="next"');
      expect(last).toContain('rel="prev"');
      expect((await json('/recherche.json?q=ticket&page=51')).items).toEqual([]);
      const past = await page('/recherche?q=ticket&page=51');
      expect(past).not.toContain('Page 51 sur 50');
      expect(past).toContain('Il n&#x27;y a que 50 pages de résultats.');
      expect(past).toContain('href="/recherche?q=ticket&page=50">Aller à la dernière page</a>');

      const exact = await json('/recherche.json?q=rare');
      expect(exact).toMatchObject({ total: 1, totalIsLowerBound: false });
      expect(await page('/recherche?q=rare')).toContain('1 bricolage trouvé');
    });
  });
});
