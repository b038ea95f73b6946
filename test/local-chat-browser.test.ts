/**
 * The posting journey of the product, end to end: the whole app (`bootApp`, the real bot) and real
 * Chromium on the built-in local chat. Camille posts a bricolage with a photo, Karim and Sophie
 * react in #communaute and Sophie replies in the thread; the gallery then shows 2 likes, 1 comment
 * and the step photo. Léa, who has no mairie, gives it to the bot and the agent picker follows at
 * once. Waits on visible UI, never on sleeps; the bot's wording is not matched, only
 * "a new bot message appeared" and button labels.
 */
import net from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootApp, type TestApp } from './support/app.js';
import { axeViolations, chromiumAvailable, launchBrowser, screenshotPath, warnIfNoChromium } from './support/browser.js';
import { postgresNotYet, tempDir } from './support/temp-db.js';

postgresNotYet('local chat in Chromium', 'browser runs stay on SQLite (the local chat journeys run on both)');

warnIfNoChromium('local chat browser journey');

/** A free loopback port, so PUBLIC_URL (and the card's gallery link) point at the real server. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

describe.skipIf(!chromiumAvailable())('local chat journey in Chromium (whole product)', () => {
  let app: TestApp;
  let browser: Browser;
  let files: { dir: string; remove(): void };
  let photoPath: string;

  beforeAll(async () => {
    const port = await freePort();
    app = await bootApp({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ANIMATORS: 'local:julien' });
    browser = await launchBrowser();
    files = tempDir('local-chat-photo-');
    photoPath = path.join(files.dir, 'ticket.png');
    await sharp({
      create: { width: 640, height: 420, channels: 3, background: '#f0a04b' },
    })
      .composite([
        {
          input: Buffer.from(
            '<svg width="640" height="420"><rect x="120" y="90" width="400" height="240" rx="24" fill="#1e3a8a"/></svg>',
          ),
        },
      ])
      .png()
      .toFile(photoPath);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    files?.remove();
  });

  const dmBot = (page: Page) => page.locator('#list-dm > li.msg[data-author="bot"]');

  /** Sends a DM (optionally with a photo) and waits for the bot's answer to appear. */
  async function say(page: Page, text: string, photo?: string): Promise<void> {
    const before = await dmBot(page).count();
    if (photo) {
      await page.locator('#composer-dm-files').setInputFiles(photo);
      await page.locator('#composer-dm .chip').first().waitFor();
    }
    await page.locator('#composer-dm-text').fill(text);
    await page.locator('#composer-dm').getByRole('button', { name: 'Envoyer' }).click();
    await expect.poll(() => dmBot(page).count(), { timeout: 15_000 }).toBeGreaterThan(before);
  }

  /** Clicks a button the bot put in the DM (the latest one with that label) and waits for its answer. */
  async function press(page: Page, label: string): Promise<void> {
    const button = page.locator('#list-dm').getByRole('button', { name: label, exact: true }).last();
    await button.waitFor({ timeout: 15_000 });
    const before = await dmBot(page).count();
    await button.click();
    await expect.poll(() => dmBot(page).count(), { timeout: 15_000 }).toBeGreaterThan(before);
  }

  async function become(page: Page, agent: string): Promise<void> {
    await page.locator('#agent-picker').selectOption(agent);
    await expect.poll(() => new URL(page.url()).searchParams.get('as')).toBe(agent);
  }

  it('has one h1, every part inside a landmark, and no axe-core violation, on a desktop and a phone, in both languages', async () => {
    for (const viewport of [
      { width: 1280, height: 860 },
      { width: 360, height: 740 },
    ]) {
      const context = await browser.newContext({ viewport, locale: 'fr-FR' });
      const page = await context.newPage();
      await page.goto(`${app.url}/chat?as=camille`);
      await page.locator('body[data-ready="true"]').waitFor();
      await say(page, 'aide');
      expect(await page.locator('h1').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await page.locator('#lang-toggle').click();
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    }
  });

  it('posts a bricolage with a photo, gathers 2 likes and 1 comment, and shows them in the gallery', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'fr-FR', deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${app.url}/chat?as=camille`);
    await page.locator('body[data-ready="true"]').waitFor();

    const title = 'Le ticket coupe-file du lundi';
    await say(page, 'nouveau');
    await say(page, title);
    await say(page, "Le lundi matin, la file d'attente déborde dans la cour et les usagers s'impatientent.");
    await say(page, 'Imprimer des tickets numérotés de couleur pour les démarches rapides.', photoPath);
    await say(page, "Les distribuer à l'entrée et appeler les numéros depuis le guichet 1.");
    await say(page, 'terminé');
    await press(page, "Accueil et files d'attente");
    await page.locator('#list-dm').getByRole('button', { name: 'Publier', exact: true }).last().waitFor();
    await page.locator('#list-dm').getByRole('button', { name: 'Publier', exact: true }).last().click();

    const post = page.locator('#list-community > li.msg', { has: page.locator('.card-title', { hasText: title }) });
    await post.waitFor({ timeout: 15_000 });

    await become(page, 'karim');
    await post.getByRole('button', { name: 'Ajouter une réaction' }).click();
    await post.getByRole('button', { name: 'Réagir avec 👍' }).click();
    await post.locator('.reaction.mine').waitFor();

    await become(page, 'sophie');
    await post.getByRole('button', { name: 'Ajouter une réaction' }).click();
    await post.getByRole('button', { name: 'Réagir avec ❤️' }).click();
    await post.locator('.reaction.mine').waitFor();
    await post.getByRole('button', { name: /Répondre dans le fil/ }).click();
    const thread = post.locator('.thread');
    await thread.locator('textarea').fill('Très bonne idée, on essaie au 5e dès lundi !');
    await thread.getByRole('button', { name: 'Envoyer' }).click();
    await thread.getByText('Très bonne idée, on essaie au 5e dès lundi !').waitFor();

    // Back as Camille for the screenshot: her conversation and the post with its reactions.
    await become(page, 'camille');
    await post.locator('.reaction', { hasText: '👍' }).waitFor();
    await post.getByRole('button', { name: /Répondre dans le fil/ }).click();
    await post.locator('.thread .msg').first().waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.screenshot({ path: screenshotPath('local-chat.png') });

    const galleryLink = post.getByRole('link', { name: /Voir dans la galerie/ });
    expect(await galleryLink.getAttribute('href')).toMatch(new RegExp(`^${app.url.replace(/[.]/g, '\\.')}/`));
    await galleryLink.click();
    await page.waitForLoadState('load');
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.locator('.bricolage__head .stats').textContent();
        },
        { timeout: 15_000 },
      )
      .toMatch(/2 j'aime[\s\S]*1 commentaire/);
    expect(await page.locator('h1').textContent()).toBe(title);
    expect(await page.locator('.steps img').count()).toBeGreaterThanOrEqual(1);
    await page.getByText('Très bonne idée, on essaie au 5e dès lundi !').waitFor();
    await context.close();
  });

  it('shows in the agent picker the mairie Léa gives in the conversation, without a reload', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${app.url}/chat?as=lea`);
    await page.locator('body[data-ready="true"]').waitFor();
    const option = (id: string) => page.locator(`#agent-picker option[value="${id}"]`);
    expect(await option('lea').textContent()).toBe('Léa Nouvelle — mairie inconnue');
    expect(await option('julien').textContent()).toBe('Julien Moreau — Hôtel de Ville · animateur');

    await say(page, 'nouveau');
    await say(page, '12');
    await expect.poll(() => option('lea').textContent(), { timeout: 15_000 }).toBe('Léa Nouvelle — Mairie du 12e');
    expect(new URL(page.url()).searchParams.get('as')).toBe('lea');

    // In English the picker names the mairie as the server labels it in English.
    await page.locator('#lang-toggle').click();
    expect(await option('lea').textContent()).toMatch(/^Léa Nouvelle — 12th\b/);
    expect(await option('julien').textContent()).toBe('Julien Moreau — Hôtel de Ville (city hall) · facilitator');
    await context.close();
  });
});
