/**
 * The gallery in real Chromium over the demo seed: zero axe-core violations (WCAG 2.1 AA) on home,
 * list and bricolage pages at phone and desktop widths, plus screenshots for docs/screenshots.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { seedDemo } from '../storage/seed.js';
import { linkBricolage, openWorkshop } from '../storage/workshops.js';
import { axeViolations, chromiumAvailable, launchBrowser, screenshotPath, warnIfNoChromium } from './support/browser.js';
import { type GalleryServer, startGalleryServer } from './support/gallery-server.js';
import { createTempDb, postgresNotYet, type TempDb } from './support/temp-db.js';

postgresNotYet(
  'gallery in Chromium',
  'browser runs stay on SQLite (the same pages run on both in gallery-pages and gallery-http)',
);

const VIEWPORTS = [
  { name: 'phone', width: 360, height: 800 },
  { name: 'desktop', width: 1280, height: 900 },
] as const;

warnIfNoChromium('gallery browser tests');

describe.skipIf(!chromiumAvailable())('gallery in Chromium', () => {
  let temp: TempDb;
  let server: GalleryServer | undefined;
  let base: string;
  let browser: Browser;
  let showcaseId: number;
  let showcaseAuthor: number;
  let workshopId: number;

  beforeAll(async () => {
    temp = await createTempDb();
    const config = loadConfig({ DATA_DIR: temp.dir, SEED_DEMO: 'true', PORT: '0' });
    await seedDemo(temp.db, config);
    server = await startGalleryServer({ db: temp.db, config });
    base = server.base;
    // The most adopted bricolage has the liveliest page: photos, likes, comments and adoptions.
    const list = (await (await fetch(`${base}/bricolages.json?sort=adoptions`)).json()) as { items: { id: number }[] };
    expect(list.items.length).toBeGreaterThan(0);
    showcaseId = list.items[0].id;
    const detail = (await (await fetch(`${base}/bricolages/${showcaseId}.json`)).json()) as { author: { id: number } };
    showcaseAuthor = detail.author.id;
    workshopId = await openWorkshop(temp.db, {
      title: 'Files du samedi',
      description: 'Trop d’attente le samedi matin.',
      openedBy: showcaseAuthor,
    });
    await linkBricolage(temp.db, { workshopId, bricolageId: showcaseId, linkedBy: showcaseAuthor });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await temp?.cleanup();
  });

  async function open(p: string, viewport: { width: number; height: number }, locale = 'fr-FR', status = 200): Promise<Page> {
    // bypassCSP: the gallery forbids scripts, and axe is injected as one.
    const context = await browser.newContext({ viewport, locale, bypassCSP: true, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const response = await page.goto(base + p, { waitUntil: 'load' });
    expect(response?.status()).toBe(status);
    // Lazy images below the fold: scroll through so screenshots and contrast checks see them.
    await page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += 600) {
        window.scrollTo(0, y);
        await new Promise((r) => setTimeout(r, 30));
      }
      window.scrollTo(0, 0);
    });
    await page.waitForLoadState('networkidle');
    return page;
  }

  // Every page type, by path template (ids filled once the seed is known), its screenshot and status.
  const PAGE_TYPES: [string, string, number][] = [
    ['/', 'gallery-home', 200],
    ['/bricolages/:showcase', 'gallery-bricolage', 200],
    ['/bricolages?sort=likes', 'gallery-list', 200],
    ['/recherche?q=courrier', 'gallery-search', 200],
    ['/recherche?q=zzzzzz', '', 200],
    ['/categories/etat-civil', 'gallery-category', 200],
    ['/agents/:author', 'gallery-agent', 200],
    ['/agents/999999', '', 404],
    ['/mairies/paris-11', 'gallery-mairie', 200],
    ['/mairies/nulle-part', '', 404],
    ['/classement?period=all', 'gallery-ranking', 200],
    ['/stats', 'gallery-stats', 200],
    ['/ateliers', 'gallery-workshops', 200],
    ['/ateliers/:workshop', 'gallery-workshop', 200],
    ['/bricolages/:showcase/fiche', 'gallery-sheet', 200],
    ['/nulle-part', '', 404],
  ];
  for (const viewport of VIEWPORTS) {
    for (const [template, shot, status] of PAGE_TYPES) {
      it(`has no accessibility violation on ${template} (${viewport.name})`, async () => {
        const p = template
          .replace(':showcase', String(showcaseId))
          .replace(':author', String(showcaseAuthor))
          .replace(':workshop', String(workshopId));
        const page = await open(p, viewport, 'fr-FR', status);
        expect(await axeViolations(page), `${p} at ${viewport.name}`).toEqual([]);
        const suffix = viewport.name === 'desktop' ? '' : `-${viewport.name}`;
        if (shot) await page.screenshot({ path: screenshotPath(`${shot}${suffix}.png`), fullPage: true });
        await page.context().close();
      }, 60_000);
    }
  }

  it('searches and pages with JavaScript turned off', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS[0], locale: 'fr-FR', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByRole('searchbox').first().fill('courrier');
    await page.getByRole('button', { name: 'Rechercher' }).first().click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe('/recherche');
    expect(await page.locator('.card').count()).toBeGreaterThan(0);
    expect(await page.locator('mark').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('prints a clean sheet: content and photos, no navigation', async () => {
    const page = await open(`/bricolages/${showcaseId}`, { width: 900, height: 1200 });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.site-footer').isVisible()).toBe(false);
    expect(await page.locator('.step').first().isVisible()).toBe(true);
    expect(await page.locator('.step img').first().isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('gallery-bricolage-print.png'), fullPage: true });
    await page.context().close();
  });

  it('shows the English page with a working language switch and no script needed', async () => {
    const page = await open('/', VIEWPORTS[1], 'en-GB');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('link', { name: /FR — Français/ }).click();
    await page.waitForLoadState('load');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page
      .getByRole('link', { name: /^Tous les bricolages$/ })
      .first()
      .click();
    expect(new URL(page.url()).search).toBe('?lang=fr');
    expect(await page.locator('script').count()).toBe(0);
    await page.context().close();
  });
});
