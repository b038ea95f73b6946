/**
 * "Bricolages similaires" on a bricolage page (issue 17): in its JSON and its HTML, other mairies
 * first, through the page cache and in step with edits, hides and deletions; in real Chromium with
 * zero axe-core violations.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { ensureAgent } from '../storage/agents.js';
import { deleteBricolage, insertBricolage, replaceBricolageContent } from '../storage/bricolages.js';
import { setBricolageHidden } from '../storage/moderation.js';
import { seedDemo } from '../storage/seed.js';
import { axeViolations, chromiumAvailable, launchBrowser, warnIfNoChromium } from './support/browser.js';
import { type GalleryServer, startGalleryServer } from './support/gallery-server.js';
import { createTempDb, describeEngines, type TempDb } from './support/temp-db.js';

describeEngines('Bricolages similaires', (engine) => {
  let temp: TempDb;
  let server: GalleryServer;
  let ticket: number;
  let elsewhere: number;
  let sameMairie: number;

  interface SimilarJson {
    id: number;
    title: string;
    url: string;
    mairie: string | null;
    category: string;
    likes: number;
    adoptions: number;
  }

  const similarOf = async (id: number): Promise<SimilarJson[]> =>
    ((await (await fetch(`${server.base}/bricolages/${id}.json`)).json()) as { similar: SimilarJson[] }).similar;

  beforeAll(async () => {
    temp = await createTempDb({ engine });
    const config = loadConfig({ DATA_DIR: temp.dir, SEED_DEMO: 'true', PORT: '0', PUBLIC_URL: 'http://gallery.test' });
    await seedDemo(temp.db, config);
    server = await startGalleryServer({ db: temp.db, config });
    const demo = await temp.db
      .selectFrom('bricolages as b')
      .innerJoin('agents as a', 'a.id', 'b.author_id')
      .select(['b.id', 'a.mairie'])
      .where('b.title', '=', "Ticket coloré pour la file d'attente des cartes d'identité")
      .executeTakeFirstOrThrow();
    ticket = demo.id;
    const agent = async (id: string, mairie: string | null) =>
      (await ensureAgent(temp.db, { platform: 'local', platformUserId: id, displayName: id, mairie })).id;
    const problem =
      "Le samedi, les usagers venus pour leur carte d'identité ou leur passeport faisaient la même file que l'état civil et attendaient pour rien.";
    sameMairie = await insertBricolage(temp.db, {
      authorId: await agent('voisine', demo.mairie),
      title: "Tickets de couleur pour séparer les files d'attente",
      problem,
      category: "Accueil et files d'attente",
      steps: [{ text: 'Un ticket bleu pour les titres d’identité.', photoHashes: [] }],
    });
    elsewhere = await insertBricolage(temp.db, {
      authorId: await agent('lointaine', 'paris-15'),
      title: "Tickets colorés pour la file d'attente des titres d'identité",
      problem,
      category: "Accueil et files d'attente",
      steps: [{ text: 'Un ticket vert pour l’état civil.', photoHashes: [] }],
    });
  });

  afterAll(async () => {
    await server?.close();
    await temp?.cleanup();
  });

  describe('Bricolages similaires', () => {
    it('are in the JSON, other mairies first, with their mairie, category, likes and adoptions', async () => {
      const similar = await similarOf(ticket);
      expect(similar.length).toBeGreaterThanOrEqual(2);
      expect(similar.length).toBeLessThanOrEqual(4);
      expect(similar[0]).toEqual({
        id: elsewhere,
        title: "Tickets colorés pour la file d'attente des titres d'identité",
        url: `http://gallery.test/bricolages/${elsewhere}`,
        mairie: 'paris-15',
        category: "Accueil et files d'attente",
        likes: 0,
        adoptions: 0,
      });
      const ids = similar.map((s) => s.id);
      expect(ids).toContain(sameMairie);
      expect(ids).not.toContain(ticket);
      // Every bricolage of another mairie comes before every one of the same mairie.
      const ownMairie = (await similarOf(elsewhere)).find((s) => s.id === ticket)?.mairie;
      const firstSame = similar.findIndex((s) => s.mairie === ownMairie);
      expect(similar.slice(firstSame).every((s) => s.mairie === ownMairie)).toBe(true);
      // The demo's likes and adoptions are the page's own counts.
      const back = (await similarOf(elsewhere)).find((s) => s.id === ticket);
      const page = (await (await fetch(`${server.base}/bricolages/${ticket}.json`)).json()) as {
        likes: { count: number };
        adoptions: unknown[];
      };
      expect(back).toMatchObject({ likes: page.likes.count, adoptions: page.adoptions.length });
    });

    it('follow edits, hides and deletions through the page cache', async () => {
      const etag = async () => (await fetch(`${server.base}/bricolages/${ticket}`)).headers.get('etag');
      const html = async () => (await fetch(`${server.base}/bricolages/${ticket}`)).text();
      const before = await etag();
      expect(await etag()).toBe(before);
      expect(await html()).toContain(`href="/bricolages/${elsewhere}"`);

      await setBricolageHidden(temp.db, elsewhere, true);
      expect(await etag()).not.toBe(before);
      expect(await html()).not.toContain(`href="/bricolages/${elsewhere}"`);
      await setBricolageHidden(temp.db, elsewhere, false);
      expect((await similarOf(ticket)).map((s) => s.id)).toContain(elsewhere);

      await replaceBricolageContent(temp.db, elsewhere, {
        title: 'Musique douce dans le hall',
        problem: 'Une playlist calme apaise les échanges.',
        category: 'Autre',
        steps: [],
      });
      expect((await similarOf(ticket)).map((s) => s.id)).not.toContain(elsewhere);
      await replaceBricolageContent(temp.db, elsewhere, {
        title: "Tickets colorés pour la file d'attente des passeports et cartes d'identité",
        problem:
          "Le samedi, les usagers venus pour leur carte d'identité ou leur passeport faisaient la même file que l'état civil et attendaient pour rien.",
        category: "Accueil et files d'attente",
        steps: [],
      });
      expect((await similarOf(ticket)).find((s) => s.id === elsewhere)?.title).toBe(
        "Tickets colorés pour la file d'attente des passeports et cartes d'identité",
      );

      await deleteBricolage(temp.db, elsewhere);
      expect((await similarOf(ticket)).map((s) => s.id)).not.toContain(elsewhere);
    });
  });

  warnIfNoChromium('similar bricolages browser test');

  describe.skipIf(!chromiumAvailable())('Bricolages similaires in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => browser?.close());

    for (const viewport of [
      { name: 'phone', width: 360, height: 800 },
      { name: 'desktop', width: 1280, height: 900 },
    ]) {
      it(`shows the section with links to the similar bricolages, with zero axe-core violations (${viewport.name})`, async () => {
        const context = await browser.newContext({ viewport, locale: 'fr-FR', bypassCSP: true });
        const page = await context.newPage();
        await page.goto(`${server.base}/bricolages/${ticket}`, { waitUntil: 'load' });
        const section = page.locator('section.similar');
        await expect(section.getByRole('heading', { level: 2 }).textContent()).resolves.toBe('Bricolages similaires');
        const links = await section.locator('.card__title a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        expect(links).toContain(`/bricolages/${sameMairie}`);
        expect(links.length).toBeLessThanOrEqual(4);
        expect(await axeViolations(page)).toEqual([]);
        await page.goto(`${server.base}/bricolages/${ticket}?lang=en`, { waitUntil: 'load' });
        await expect(page.locator('section.similar h2').textContent()).resolves.toBe('Similar bricolages');
        await context.close();
      }, 60_000);
    }
  });
});
