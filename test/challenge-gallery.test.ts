/**
 * The gallery's défi pages over the demo seed plus a running and a finished défi: the list, one défi
 * with its scoreboard (chart and data table), its bricolages and its result, the JSON documented in
 * API.md, the countdown on the home page, the mairie page's défis; zero axe-core violations at
 * phone and desktop widths in real Chromium.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { ensureAgent } from '../storage/agents.js';
import { insertBricolage } from '../storage/bricolages.js';
import { closeChallenge, linkBricolageToChallenge, openChallenge } from '../storage/challenges.js';
import { recordAdoption } from '../storage/engagement.js';
import { seedDemo } from '../storage/seed.js';
import { axeViolations, chromiumAvailable, launchBrowser, warnIfNoChromium } from './support/browser.js';
import { type GalleryServer, startGalleryServer } from './support/gallery-server.js';
import { createTempDb, describeEngines, type TempDb } from './support/temp-db.js';

describeEngines('défi pages', (engine) => {
  const DAY = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const VIEWPORTS = [
    { name: 'phone', width: 360, height: 800 },
    { name: 'desktop', width: 1280, height: 900 },
  ] as const;

  let temp: TempDb;
  let server: GalleryServer;
  let running = 0;
  let finished = 0;
  let adopted = 0;
  /** A closed défi with more linked bricolages than one page shows. */
  let paged = 0;

  beforeAll(async () => {
    temp = await createTempDb({ engine });
    const config = loadConfig({ DATA_DIR: temp.dir, SEED_DEMO: 'true', PORT: '0' });
    await seedDemo(temp.db, config);
    const db = temp.db;
    const now = Date.now();
    const agent = (id: string, mairie: string) =>
      ensureAgent(db, { platform: 'local', platformUserId: id, displayName: `Agent ${id}`, mairie });
    const [a2, b2, a15, a18, a19] = await Promise.all([
      agent('d2a', 'paris-2'),
      agent('d2b', 'paris-2'),
      agent('d15', 'paris-15'),
      agent('d18', 'paris-18'),
      agent('d19', 'paris-19'),
    ]);
    const publish = (authorId: number, title: string, at: number) =>
      insertBricolage(db, {
        authorId,
        title,
        problem: 'Trop de papier.',
        category: 'Autre',
        at: iso(at),
        steps: [{ text: 'Une étape', photoHashes: [] }],
      });

    running = await openChallenge(db, {
      title: 'Zéro papier',
      description: 'Moins de papier au guichet.',
      endsAt: iso(now + 4 * DAY),
      openedBy: a18.id,
      at: iso(now - 3 * DAY),
    });
    adopted = await publish(a2.id, 'Formulaire en ligne', now - 2 * DAY);
    const other = await publish(b2.id, 'Étiquettes réutilisables', now - 2 * DAY);
    const big = await publish(a15.id, 'Tableur partagé', now - DAY);
    for (const id of [adopted, other, big])
      await linkBricolageToChallenge(db, { challengeId: running, bricolageId: id, linkedBy: a18.id });
    await recordAdoption(db, { bricolageId: adopted, agentId: a18.id, mairie: 'paris-18', feedback: null, at: iso(now - DAY) });

    finished = await openChallenge(db, {
      title: 'Accueil du samedi',
      description: 'La file du samedi.',
      endsAt: iso(now - 5 * DAY),
      openedBy: a18.id,
      at: iso(now - 20 * DAY),
    });
    const old = await publish(a15.id, 'Tickets du samedi', now - 15 * DAY);
    await linkBricolageToChallenge(db, { challengeId: finished, bricolageId: old, linkedBy: a15.id });
    await recordAdoption(db, { bricolageId: old, agentId: a2.id, mairie: 'paris-2', feedback: null, at: iso(now - 10 * DAY) });
    await db.transaction().execute((trx) => closeChallenge(trx, { id: finished, closedBy: null, at: iso(now - 5 * DAY) }));

    paged = await openChallenge(db, {
      title: 'Grand défi',
      description: 'Beaucoup de bricolages.',
      endsAt: iso(now - 40 * DAY),
      openedBy: a18.id,
      at: iso(now - 60 * DAY),
    });
    for (let i = 1; i <= 26; i++) {
      const at = now - 50 * DAY + i * 60_000;
      const id = await publish(a19.id, `Astuce ${i}`, at);
      await linkBricolageToChallenge(db, { challengeId: paged, bricolageId: id, linkedBy: a19.id, at: iso(at) });
    }
    await db.transaction().execute((trx) => closeChallenge(trx, { id: paged, closedBy: null, at: iso(now - 40 * DAY) }));

    server = await startGalleryServer({ db, config });
  });

  afterAll(async () => {
    await server?.close();
    await temp?.cleanup();
  });

  const get = (p: string) => fetch(server.base + p, { headers: { 'accept-language': 'fr' } });
  const text = async (p: string) => (await get(p)).text();

  describe('défi pages', () => {
    it('list running and finished défis with their countdown and winners', async () => {
      const page = await text('/defis');
      expect(page).toContain(`href="/defis/${running}"`);
      expect(page).toContain('Encore 4 jours');
      expect(page).toContain('en tête : Mairie du 15e');
      const list = await (await get('/defis.json')).json();
      expect(list.open.map((c: { id: number }) => c.id)).toEqual([running]);
      expect(list.closed.items[0]).toMatchObject({ id: finished, status: 'closed', result: { winners: ['paris-15'] } });
    });

    it('show one défi: its scoreboard as a chart and a table, its bricolages, and the JSON scoreboard', async () => {
      const page = await text(`/defis/${running}`);
      expect(page).toContain('<svg');
      expect(page).toContain('Classement des mairies');
      expect(page).toContain('Formulaire en ligne');
      // paris-2: both its active agents took part (breadth 1) and one of its two bricolages was
      // adopted once elsewhere (reuse 1/4): 60 + 10. paris-15: one agent of its active ones.
      const json = await (await get(`/defis/${running}.json`)).json();
      expect(json.scoreboard[0]).toEqual({
        mairie: 'paris-2',
        agents: 2,
        activeAgents: 2,
        bricolages: 2,
        adoptions: 1,
        score: 70,
        rank: 1,
      });
      expect(json.scoreboard.map((r: { mairie: string }) => r.mairie)).toEqual(['paris-2', 'paris-15']);
      expect(json.bricolages).toHaveLength(3);
      expect(page).toMatch(
        /<td class="num">1<\/td><th scope="row"><a href="\/mairies\/paris-2">Mairie du 2e<\/a><\/th><td class="num">2<\/td>/,
      );

      const closed = await text(`/defis/${finished}`);
      expect(closed).toContain('Le résultat');
      expect(closed).toContain('1. Mairie du 15e — ');
      expect(closed).toContain('Tickets du samedi');
      expect((await get('/defis/9999')).status).toBe(404);
      expect((await get('/defis/abc')).status).toBe(404);
    });

    it('page the bricolages of a défi 24 at a time, with links between pages, and keep its scoreboard whole', async () => {
      const first = await text(`/defis/${paged}`);
      expect(first).toContain('26 bricolages');
      expect(first).toContain('>Astuce 24<');
      expect(first).not.toContain('>Astuce 25<');
      // Handlebars writes `=` in attributes as `&#x3D;`.
      expect(first).toContain(`href="/defis/${paged}?page&#x3D;2" rel="next"`);
      expect(first).toContain('Page 1 sur 2');
      const second = await text(`/defis/${paged}?page=2`);
      expect(second).toContain('>Astuce 25<');
      expect(second).toContain('>Astuce 26<');
      expect(second).not.toContain('>Astuce 24<');
      expect(second).toContain(`href="/defis/${paged}" rel="prev"`);
      const json = await (await get(`/defis/${paged}.json?page=2`)).json();
      expect(json).toMatchObject({ bricolageCount: 26, page: 2, pageSize: 24 });
      expect(json.bricolages.map((b: { title: string }) => b.title)).toEqual(['Astuce 25', 'Astuce 26']);
      expect(json.scoreboard).toEqual([
        { mairie: 'paris-19', agents: 1, activeAgents: 1, bricolages: 26, adoptions: 0, score: 60, rank: 1 },
      ]);
    });

    it('show the running défi on the home page and the défis a mairie took part in on its page', async () => {
      const home = await text('/');
      expect(home).toContain('Défi en cours');
      expect(home).toContain('Encore 4 jours');
      expect((await (await get('/index.json')).json()).challenge).toMatchObject({ id: running, title: 'Zéro papier' });
      const mairie = await text('/mairies/paris-15');
      expect(mairie).toContain(`href="/defis/${finished}"`);
      expect(mairie).toContain('1re au classement');
      expect(await text('/mairies/paris-20')).toContain('encore participé à aucun défi');
    });
  });

  warnIfNoChromium('défi browser tests');

  describe.skipIf(!chromiumAvailable())('défi pages in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
    });
    for (const viewport of VIEWPORTS) {
      for (const template of [
        '/defis',
        '/defis/:running',
        '/defis/:finished?lang=en',
        '/defis/:paged?page=2',
        '/',
        '/mairies/paris-15',
      ]) {
        it(`has no accessibility violation on ${template} (${viewport.name})`, async () => {
          const p = template
            .replace(':running', String(running))
            .replace(':finished', String(finished))
            .replace(':paged', String(paged));
          const context = await browser.newContext({ viewport, locale: 'fr-FR', bypassCSP: true, deviceScaleFactor: 1 });
          const page = await context.newPage();
          const response = await page.goto(server.base + p, { waitUntil: 'load' });
          expect(response?.status()).toBe(200);
          expect(await axeViolations(page), `${p} at ${viewport.name}`).toEqual([]);
          await context.close();
        }, 60_000);
      }
    }
  });
});
