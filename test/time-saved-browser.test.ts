/**
 * The pages that show time saved (issue 20) in real Chromium, over the demo seed plus adoptions
 * with reports: the bricolage page, both mairies' pages, `/preuves` sorted by time saved, its A4
 * report and `/stats`, with zero axe-core violations at phone and desktop widths.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { MAIRIE_SLUGS } from '../domain/mairies.js';
import { ensureAgent } from '../storage/agents.js';
import { recordAdoption } from '../storage/engagement.js';
import { seedDemo } from '../storage/seed.js';
import { reportTimeSaved } from '../storage/time-saved.js';
import { axeViolations, chromiumAvailable, launchBrowser, warnIfNoChromium } from './support/browser.js';
import { type GalleryServer, startGalleryServer } from './support/gallery-server.js';
import { createTempDb, type TempDb } from './support/temp-db.js';

const VIEWPORTS = [
  { name: 'phone', width: 360, height: 800 },
  { name: 'desktop', width: 1280, height: 900 },
] as const;

warnIfNoChromium('time-saved browser tests');

describe.skipIf(!chromiumAvailable())('time saved in Chromium', () => {
  let temp: TempDb;
  let server: GalleryServer | undefined;
  let browser: Browser;
  let bricolageId = 0;
  let authorMairie = '';
  let adopterMairie = '';

  beforeAll(async () => {
    temp = await createTempDb();
    const config = loadConfig({ DATA_DIR: temp.dir, SEED_DEMO: 'true', PORT: '0' });
    await seedDemo(temp.db, config);
    const bricolage = await temp.db
      .selectFrom('bricolages as b')
      .innerJoin('agents as a', 'a.id', 'b.author_id')
      .select(['b.id', 'a.mairie'])
      .where('b.status', '=', 'published')
      .where('a.mairie', 'is not', null)
      .orderBy('b.id')
      .executeTakeFirstOrThrow();
    bricolageId = bricolage.id;
    authorMairie = bricolage.mairie as string;
    const others = MAIRIE_SLUGS.filter((m) => m !== authorMairie).slice(0, 3);
    adopterMairie = others[0] as string;
    for (const [i, mairie] of others.entries()) {
      const agent = await ensureAgent(temp.db, {
        platform: 'local',
        platformUserId: `ts-${i}`,
        displayName: `Agent ${i}`,
        mairie,
      });
      await recordAdoption(temp.db, { bricolageId, agentId: agent.id, mairie, feedback: `Moins d’attente au guichet (${i}).` });
      await reportTimeSaved(temp.db, { bricolageId, agentId: agent.id, minutesPerWeek: [90, 120, 150][i] as number });
    }
    server = await startGalleryServer({ db: temp.db, config });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await temp?.cleanup();
  });

  async function open(p: string, viewport: { width: number; height: number }): Promise<Page> {
    // bypassCSP: the gallery forbids scripts, and axe is injected as one.
    const context = await browser.newContext({ viewport, locale: 'fr-FR', bypassCSP: true, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const response = await page.goto(server!.base + p, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    return page;
  }

  const PAGES: [string, string][] = [
    ['/bricolages/:id', "Fait gagner environ 6 h par semaine, d'après 3 agents de 3 mairies"],
    ['/mairies/:adopter', 'Ce que la mairie a adopté lui fait gagner environ 1,5 h par semaine.'],
    ['/mairies/:author', "Ses bricolages font gagner environ 6 h par semaine dans d'autres mairies."],
    ['/preuves?sort=timeSaved', 'Estimations déclarées par les agents (3 estimations)'],
    ['/preuves/rapport?sort=timeSaved', 'Fait gagner environ 6 h par semaine'],
    ['/stats', 'Temps gagné par semaine, mois par mois'],
    ['/stats?lang=en', 'Time saved per week, month by month'],
  ];

  for (const viewport of VIEWPORTS) {
    for (const [template, text] of PAGES) {
      it(`shows it with no accessibility violation on ${template} (${viewport.name})`, async () => {
        const p = template
          .replace(':id', String(bricolageId))
          .replace(':adopter', adopterMairie)
          .replace(':author', authorMairie);
        const page = await open(p, viewport);
        expect(await page.locator('main').textContent()).toContain(text);
        expect(await axeViolations(page), `${p} at ${viewport.name}`).toEqual([]);
        await page.context().close();
      }, 60_000);
    }
  }
});
