/**
 * The embedded default end to end over HTTP, without a browser: a scripted conversation in the
 * local chat publishes a bricolage, which then appears with its steps and photos in the gallery.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithGps } from './fixtures/photos/generate.js';
import { bootApp, type TestApp } from './support/app.js';
import { localChatClient } from './support/local-chat-client.js';
import { describeEngines } from './support/temp-db.js';

describeEngines('local chat journey', (engine) => {
  let app: TestApp;

  const chat = localChatClient(() => app);
  const say = (as: string, text: string, photos: { name: string; bytes: Buffer; type: string }[] = []) =>
    chat.say(as, text, { photos });

  const messages = (as: string, channel: string) =>
    chat.messages<{ id: number; author: { id: string }; text: string; card?: { bricolageId?: number } }>(as, channel);

  beforeAll(async () => {
    app = await bootApp({}, undefined, engine);
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('local chat → gallery', () => {
    it('publishes a bricolage typed in the local chat and shows it, with its photo, on the gallery page', async () => {
      await say('camille', 'nouveau');
      await say('camille', 'Étiquettes du présentoir à flyers');
      await say('camille', 'Les flyers du présentoir se mélangent et les usagers ne trouvent rien.');
      await say('camille', 'Classer les flyers par thème dans des bacs', [
        { name: 'bacs.jpg', bytes: await jpegWithGps(1200, 900), type: 'image/jpeg' },
      ]);
      await say('camille', 'Imprimer une étiquette par bac');
      await say('camille', 'terminé');
      await say('camille', 'affichage');
      await say('camille', 'publier');

      const dm = await messages('camille', 'dm:camille');
      const bot = dm.filter((m) => m.author.id === 'bot').map((m) => m.text);
      expect(bot.at(-1)).toMatch(/Publié !.*\/bricolages\/(\d+)/);
      const id = Number(/\/bricolages\/(\d+)/.exec(bot.at(-1)!)![1]);

      const channel = await messages('karim', 'communaute');
      expect(channel.some((m) => m.card?.bricolageId === id)).toBe(true);

      const page = await fetch(`${app.url}/bricolages/${id}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Étiquettes du présentoir à flyers');
      expect(html).toContain('Classer les flyers par thème dans des bacs');
      expect(html).toContain('Imprimer une étiquette par bac');
      const src = /<img[^>]+src="([^"]*\/media\/[0-9a-f]{64}-\d+\.webp)"/.exec(html);
      expect(src).not.toBeNull();

      const photo = await fetch(new URL(src![1], app.url));
      expect(photo.status).toBe(200);
      expect(photo.headers.get('content-type')).toBe('image/webp');

      const json = (await (await fetch(`${app.url}/bricolages/${id}.json`)).json()) as {
        category: string;
        author: { name: string; mairie: string };
        steps: { position: number; photos: unknown[] }[];
        chat: { platform: string; permalink: string };
      };
      expect(json.category).toBe('Affichage et signalétique');
      expect(json.author).toMatchObject({ name: 'Camille Martin', mairie: 'paris-11' });
      expect(json.steps.map((s) => [s.position, s.photos.length > 0])).toEqual([
        [1, true],
        [2, false],
      ]);
      expect(json.chat).toMatchObject({ platform: 'local' });
      expect(json.chat.permalink).toContain('/chat');
    });
  });
});
