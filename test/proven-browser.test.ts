/**
 * `/preuves` in real Chromium over the demo seed plus a few proven bricolages, with the time their
 * adopters report saving (issue 20): zero axe-core violations at phone and desktop widths on
 * `/preuves`, its report, the bricolage and mairie pages and `/stats`, which show that time, and the printable report printed to an A4 PDF has one
 * page per bricolage section (the section marker once on each page, read back with `pdftotext`
 * when poppler-utils is installed).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { MAIRIE_SLUGS } from '../domain/mairies.js';
import { ensureAgent } from '../storage/agents.js';
import { recordAdoption } from '../storage/engagement.js';
import { createProposal } from '../storage/proposals.js';
import { seedDemo } from '../storage/seed.js';
import { reportTimeSaved } from '../storage/time-saved.js';
import { axeViolations, chromiumAvailable, launchBrowser, warnIfNoChromium } from './support/browser.js';
import { type GalleryServer, startGalleryServer } from './support/gallery-server.js';
import { createTempDb, postgresNotYet, type TempDb } from './support/temp-db.js';

postgresNotYet('/preuves in Chromium', 'browser runs stay on SQLite (the same pages run on both in proven-gallery)');

const VIEWPORTS = [
  { name: 'phone', width: 360, height: 800 },
  { name: 'desktop', width: 1280, height: 900 },
] as const;

function pdftotextAvailable(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

warnIfNoChromium('proven browser tests');

describe.skipIf(!chromiumAvailable())('/preuves in Chromium', () => {
  let temp: TempDb;
  let server: GalleryServer | undefined;
  let base: string;
  let browser: Browser;
  let proposedId = 0;
  let adopterMairie = '';
  let authorMairie = '';

  beforeAll(async () => {
    temp = await createTempDb();
    const config = loadConfig({ DATA_DIR: temp.dir, SEED_DEMO: 'true', PORT: '0' });
    await seedDemo(temp.db, config);
    // Three bricolages adopted, with feedback, by agents of mairies none of their authors work in.
    const bricolages = await temp.db
      .selectFrom('bricolages as b')
      .innerJoin('agents as a', 'a.id', 'b.author_id')
      .select(['b.id', 'a.mairie'])
      .where('b.status', '=', 'published')
      .orderBy('b.id')
      .limit(3)
      .execute();
    const authorMairies = new Set(bricolages.map((b) => b.mairie));
    const others = MAIRIE_SLUGS.filter((m) => !authorMairies.has(m)).slice(0, 3);
    let referent = 0;
    for (const [i, mairie] of others.entries()) {
      const agent = await ensureAgent(temp.db, {
        platform: 'local',
        platformUserId: `referent-test-${i}`,
        displayName: `Agent ${i}`,
        mairie,
      });
      referent ||= agent.id;
      for (const b of bricolages) {
        await recordAdoption(temp.db, {
          bricolageId: b.id,
          agentId: agent.id,
          mairie,
          feedback: `Adopté chez nous, les usagers attendent moins longtemps au guichet (retour ${i}).`,
        });
        // 1,5 h, 2 h and 2,5 h a week: 6 h a week for each bricolage, from 3 agents of 3 mairies.
        await reportTimeSaved(temp.db, { bricolageId: b.id, agentId: agent.id, minutesPerWeek: [90, 120, 150][i] as number });
      }
    }
    proposedId = bricolages[0].id;
    adopterMairie = others[0] as string;
    authorMairie = bricolages[0].mairie as string;
    await createProposal(temp.db, proposedId, referent, 'À généraliser dans les 20 mairies');
    server = await startGalleryServer({ db: temp.db, config });
    base = server.base;
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
    const response = await page.goto(base + p, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    return page;
  }

  for (const viewport of VIEWPORTS) {
    // With the words each page says about time saved (issue 20), when it says some.
    const PAGES: [string, string | null][] = [
      ['/preuves', null],
      ['/preuves?status=proposed&lang=en', null],
      ['/preuves/rapport', null],
      ['/', null],
      ['/bricolages/:proposed', "Fait gagner environ 6 h par semaine, d'après 3 agents de 3 mairies"],
      ['/preuves?sort=timeSaved', 'Estimations déclarées par les agents (3 estimations)'],
      ['/preuves/rapport?sort=timeSaved', 'Fait gagner environ 6 h par semaine'],
      ['/mairies/:adopter', 'Ce que la mairie a adopté lui fait gagner environ 4,5 h par semaine.'],
      ['/mairies/:author', "dans d'autres mairies."],
      ['/stats', 'Temps gagné par semaine, mois par mois'],
      ['/stats?lang=en', 'Time saved per week, month by month'],
    ];
    for (const [template, says] of PAGES) {
      it(`has no accessibility violation on ${template} (${viewport.name})`, async () => {
        const p = template
          .replace(':proposed', String(proposedId))
          .replace(':adopter', adopterMairie)
          .replace(':author', authorMairie);
        const page = await open(p, viewport);
        if (p === '/preuves') expect(await page.locator('.proven-item').count()).toBeGreaterThanOrEqual(3);
        if (says) expect(await page.locator('body').textContent()).toContain(says);
        expect(await axeViolations(page), `${p} at ${viewport.name}`).toEqual([]);
        await page.context().close();
      }, 60_000);
    }
  }

  it('prints the report on A4 with one page per bricolage section', async () => {
    const page = await open('/preuves/rapport', { width: 900, height: 1200 });
    const sections = await page.locator('.report__section').count();
    expect(sections).toBeGreaterThanOrEqual(3);
    const pdf = await page.pdf({ format: 'A4' });
    await page.context().close();
    // Chromium writes one "/Type /Page" object per page ("/Pages" is the tree).
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
    expect(pages).toBe(sections);
    if (pdftotextAvailable()) {
      const file = path.join(os.tmpdir(), `preuves-${process.pid}.pdf`);
      fs.writeFileSync(file, pdf);
      try {
        const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
        const perPage = text
          .split('\f')
          .filter((t) => t.trim())
          .map((t) => t.match(/BRICOLAGE N°\d+/gi)?.length ?? 0);
        expect(perPage).toEqual(Array(sections).fill(1));
      } finally {
        fs.rmSync(file, { force: true });
      }
    }
  }, 60_000);
});
