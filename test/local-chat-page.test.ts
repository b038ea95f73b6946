/**
 * The local chat page in real Chromium, against the chat alone with a small scripted fake bot
 * (answers through the real ChatPort): rendering, buttons, cards, reactions, threads, edits,
 * live updates, language switch, phone tabs and zero axe-core violations.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BricolageCard } from '../bot/ports.js';
import { axeViolations, chromiumAvailable, launchBrowser, warnIfNoChromium } from './support/browser.js';
import { createRecordingBot, type LocalChatServer, type RecordingBot, startLocalChatServer } from './support/local-chat.js';
import { postgresNotYet, tempDir } from './support/temp-db.js';

postgresNotYet('local chat page', 'the local chat server harness opens SQLite (the local chat journeys run on both)');

warnIfNoChromium('local chat page tests');

/** A scripted stand-in for the bot: enough to drive every part of the page. */
function scriptedBot(): RecordingBot {
  let lastPhoto: string | null = null;
  let title = 'Mon bricolage';
  return createRecordingBot(async (event, port) => {
    if (event.type === 'directMessage') {
      if (event.photos[0]) lastPhoto = event.photos[0].id;
      if (event.text === 'nouveau') {
        await port.sendDirect(event.user.id, { text: 'Super !\nQuel est le *titre* de votre bricolage ?' });
        return;
      }
      title = event.text || title;
      await port.sendDirect(event.user.id, {
        text: `Bien noté : *${event.text}*${event.photos.length ? `\n${event.photos.length} photo reçue.` : ''}`,
        buttons: [
          { actionId: 'wizard.publish', value: 'publish', label: 'Publier', style: 'primary' },
          { actionId: 'wizard.cancel', value: 'cancel', label: 'Annuler', style: 'danger' },
        ],
      });
    } else if (event.type === 'buttonPressed' && event.value === 'publish') {
      const photo = lastPhoto
        ? { hash: lastPhoto, url: `/chat/uploads/${lastPhoto}`, cardImageUrl: `/chat/uploads/${lastPhoto}`, alt: 'Le ticket' }
        : undefined;
      const card: BricolageCard = {
        bricolageId: 1,
        title,
        problem: "La file d'attente déborde le lundi matin.",
        category: "Accueil et files d'attente",
        authorName: 'Camille Martin',
        mairie: '11e',
        steps: [
          { position: 1, text: 'Imprimer les tickets', photos: photo ? [photo] : [] },
          { position: 2, text: 'Les distribuer', photos: [] },
        ],
        coverPhoto: photo,
        galleryUrl: 'http://127.0.0.1:9/bricolages/1',
        labels: {
          problem: 'Problème',
          steps: 'Étapes',
          stepCount: '2 étapes',
          category: 'Catégorie',
          byline: 'par Camille Martin',
          stepsShortened: 'Étapes raccourcies',
        },
      };
      await port.postToCommunity({ text: title, card, buttons: [{ actionId: 'adopt', value: '1', label: "Je l'ai adopté" }] });
      await port.sendDirect(event.user.id, { text: 'Publié dans #communaute !' });
    } else if (event.type === 'threadReply') {
      await port.replyInThread(event.parent, { text: `Merci ${event.user.name} pour ce commentaire !` });
    }
  });
}

describe.skipIf(!chromiumAvailable())('local chat page in Chromium (scripted fake bot)', () => {
  let dir: { dir: string; remove(): void };
  let server: LocalChatServer;
  let bot: RecordingBot;
  let browser: Browser;
  let pngPath: string;

  beforeAll(async () => {
    dir = tempDir();
    bot = scriptedBot();
    server = await startLocalChatServer(bot, dir.dir);
    browser = await launchBrowser();
    pngPath = path.join(dir.dir, 'ticket.png');
    await sharp({ create: { width: 320, height: 200, channels: 3, background: '#2e86de' } })
      .png()
      .toFile(pngPath);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    dir?.remove();
  });

  async function open(as: string, viewport = { width: 1280, height: 860 }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'fr-FR', deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${server.url}/chat?as=${as}`);
    await page.locator('body[data-ready="true"]').waitFor();
    return page;
  }

  const botMessages = (page: Page) => page.locator('#list-dm > li.msg[data-author="bot"]');

  it('runs a conversation, publishes a card, and lets colleagues react and reply live', async () => {
    const camille = await open('camille');
    expect(await camille.locator('#agent-picker').inputValue()).toBe('camille');
    await camille.getByText('Aucun message pour le moment').waitFor();

    // Safe rendering: typed markup stays text; the bot's *bold* and line breaks are rendered.
    await camille.locator('#composer-dm-text').fill('nouveau');
    await camille.keyboard.press('Enter');
    await botMessages(camille).first().waitFor();
    await expect.poll(() => botMessages(camille).first().locator('.text strong').textContent()).toBe('titre');
    expect(await botMessages(camille).first().locator('.text br').count()).toBe(1);

    await camille.locator('#composer-dm-files').setInputFiles(pngPath);
    await camille.locator('#composer-dm .chip-name').getByText('ticket.png').waitFor();
    await camille.locator('#composer-dm-text').fill('<b>Ticket</b> coupe-file');
    await camille.getByRole('button', { name: 'Envoyer' }).first().click();
    await camille.locator('#list-dm .from-me .photos img').waitFor();
    expect(await camille.locator('#list-dm .from-me .text').last().textContent()).toBe('<b>Ticket</b> coupe-file');
    await expect.poll(() => botMessages(camille).count()).toBe(2);

    // Karim watches #communaute while Camille publishes: the card arrives without reload.
    const karim = await open('karim');
    await camille.getByRole('button', { name: 'Publier' }).click();
    const card = karim.locator('#list-community .card');
    await card.waitFor();
    expect(await card.locator('.card-title').textContent()).toBe('<b>Ticket</b> coupe-file');
    expect(await card.getByText("Accueil et files d'attente").count()).toBe(1);
    expect(await card.getByText('2 étapes').count()).toBe(1);
    expect(await card.locator('img.cover').count()).toBe(1);
    expect(await card.getByRole('link', { name: /Voir dans la galerie/ }).getAttribute('href')).toBe(
      'http://127.0.0.1:9/bricolages/1',
    );
    await botMessages(camille).getByText('Publié dans #communaute').waitFor();

    // Karim reacts; Sophie's open page sees the count change live.
    const sophie = await open('sophie');
    await karim.getByRole('button', { name: 'Ajouter une réaction' }).click();
    await karim.getByRole('button', { name: 'Réagir avec 👍' }).click();
    await karim.locator('#list-community .reaction.mine').getByText('1').waitFor();
    await sophie.locator('#list-community .reaction[aria-pressed="false"]').getByText('👍').waitFor();
    await expect.poll(() => bot.events.filter((e) => e.type === 'reactionAdded').length).toBe(1);
    // Clicking my own chip removes my reaction.
    await karim.locator('#list-community .reaction.mine').click();
    await expect.poll(() => bot.events.filter((e) => e.type === 'reactionRemoved').length).toBe(1);
    await expect.poll(() => karim.locator('#list-community .reaction:not(.add)').count()).toBe(0);

    // Karim replies in the thread with a photo; the bot answers in the thread.
    await karim.getByRole('button', { name: 'Répondre dans le fil' }).click();
    const thread = karim.locator('#list-community .thread');
    await thread.locator('textarea').fill('Adopté au 18e !');
    await thread.locator('input[type=file]').setInputFiles(pngPath);
    await thread.getByRole('button', { name: 'Envoyer' }).click();
    await thread.getByText('Merci Karim Benali pour ce commentaire !').waitFor();
    expect(await thread.locator('.from-me .photos img').count()).toBe(1);
    expect(bot.events.find((e) => e.type === 'threadReply')).toMatchObject({
      text: 'Adopté au 18e !',
      photos: [expect.anything()],
    });

    // Edit then delete my reply.
    await thread.locator('.from-me').getByRole('button', { name: 'Modifier' }).click();
    await karim.getByRole('textbox', { name: 'Modifier le message' }).fill('Adopté au 18e, merci !');
    await karim.getByRole('button', { name: 'Enregistrer' }).click();
    await thread.getByText('(modifié)').waitFor();
    expect(await thread.locator('.from-me .text').textContent()).toBe('Adopté au 18e, merci !');
    await thread.locator('.from-me').getByRole('button', { name: 'Supprimer' }).click();
    await expect.poll(() => thread.locator('.from-me').count()).toBe(0);
    expect(bot.events.map((e) => e.type)).toEqual(expect.arrayContaining(['messageEdited', 'messageDeleted']));

    // Switching agent changes the URL and the DM shown.
    await karim.locator('#agent-picker').selectOption('lea');
    await karim.getByText('Aucun message pour le moment').waitFor();
    expect(new URL(karim.url()).searchParams.get('as')).toBe('lea');
    expect(await karim.evaluate(() => localStorage.getItem('chat-as'))).toBe('lea');

    expect(await axeViolations(camille)).toEqual([]);
    await camille.screenshot({ path: path.join(dir.dir, 'page.png') });
    if (process.env.LOCAL_CHAT_SHOT) fs.copyFileSync(path.join(dir.dir, 'page.png'), process.env.LOCAL_CHAT_SHOT);
    for (const page of [camille, karim, sophie]) await page.context().close();
  });

  it('switches to English and shows tabs on a phone', async () => {
    const page = await open('aicha', { width: 390, height: 800 });
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('tab', { name: 'Conversation with the bot' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('#pane-community').isVisible()).toBe(false);
    await page.getByRole('tab', { name: '#communaute' }).click();
    expect(await page.locator('#pane-community').isVisible()).toBe(true);
    expect(await page.locator('#pane-dm').isVisible()).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    if (process.env.LOCAL_CHAT_SHOT) await page.screenshot({ path: process.env.LOCAL_CHAT_SHOT.replace('.png', '-phone.png') });
    await page.context().close();
  });
});
