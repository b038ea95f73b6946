/**
 * A search that matches more than MATCH_CAP bricolages: the count stops at the cap and says "more
 * than" (page and JSON), pages go up to the cap, relevance ranks the newest matches, and a search
 * under the cap keeps its exact count. Real SQLite file, real gallery over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { ensureAgent } from '../storage/agents.js';
import { insertBricolage } from '../storage/bricolages.js';
import { MATCH_CAP, searchBricolages } from '../storage/search.js';
import { type GalleryServer, startGalleryServer } from './support/gallery-server.js';
import { createTempDb, type TempDb } from './support/temp-db.js';

let temp: TempDb;
let server: GalleryServer | undefined;
let base: string;
/** The oldest bricolage: "ticket" in its title, but outside the MATCH_CAP newest matches. */
let oldestTitleMatch: number;
/** The newest bricolage whose title says "ticket": the best match among the newest. */
let newestTitleMatch: number;
const MATCHES = MATCH_CAP + 5;

beforeAll(async () => {
  temp = await createTempDb();
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
      await insertBricolage(trx, {
        authorId: author,
        title: `Classeur ${i}`,
        problem: i === 1 ? 'Un rare problème' : 'Un problème',
        category: 'Autre',
        at: day(i),
        steps: [{ text: `Ranger le ticket numéro ${i} dans le classeur.`, photoHashes: [] }],
      });
    }
    newestTitleMatch = await insertBricolage(trx, {
      authorId: author,
      title: 'Ticket coloré',
      problem: 'Un problème',
      category: 'Autre',
      at: day(MATCHES),
      steps: [{ text: 'Imprimer', photoHashes: [] }],
    });
  });
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
    expect(result.items[0].id).toBe(newestTitleMatch);
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
  });

  it('shows "plus de 1 000" on the page, in English too, and in the JSON', async () => {
    const fr = await page('/recherche?q=ticket');
    expect(fr).toMatch(/Plus de 1\s000 bricolages trouvés/);
    expect(fr).toContain('Page 1 sur 50');
    expect(fr).toContain('href="/recherche?q=ticket&page=2"');
    const en = await page('/recherche?q=ticket&lang=en');
    expect(en).toContain('More than 1,000 bricolages found');

    const body = await json('/recherche.json?q=ticket&page=50');
    expect(body).toMatchObject({ page: 50, total: MATCH_CAP, totalIsLowerBound: true });
    expect(body.items).toHaveLength(20);
    const last = await page('/recherche?q=ticket&page=50');
    expect(last).toContain('Page 50 sur 50');
    expect(last).not.toContain('rel="next"');
    expect(last).toContain('rel="prev"');
    expect((await json('/recherche.json?q=ticket&page=51')).items).toEqual([]);

    const exact = await json('/recherche.json?q=rare');
    expect(exact).toMatchObject({ total: 1, totalIsLowerBound: false });
    expect(await page('/recherche?q=rare')).toContain('1 bricolage trouvé');
  });
});
