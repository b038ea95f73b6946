/**
 * Uploads the bot refuses do not stay on disk: a file too large or not an image is deleted from
 * `DATA_DIR/uploads` as soon as the bot has said why (and leaves the chat message), a photo it keeps
 * stays, and a request with more files than a step can hold is refused whole, leaving nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../bot/wizard/state.js';
import { bootApp, type TestApp } from './support/app.js';
import { LOCAL_CHAT_HEADERS, localChatClient } from './support/local-chat-client.js';
import { describeEngines } from './support/temp-db.js';

describeEngines('refused uploads', (engine) => {
  let app: TestApp;
  const chat = localChatClient(() => app);
  const uploads = () => fs.readdirSync(path.join(app.dataDir, 'uploads'));

  type Message = { id: number; author: { id: string }; text: string; photos?: unknown[] };

  beforeAll(async () => {
    app = await bootApp({ MAX_PHOTO_MB: '1' }, undefined, engine);
    for (const text of ['nouveau', 'Bac à courrier', 'Le courrier se perd.']) await chat.say('camille', text);
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('refused uploads', () => {
    it('deletes a file too large and a file that is no image at once, and keeps the photo it stored', async () => {
      const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#1e3a8a' } })
        .jpeg()
        .toBuffer();
      // Under multer's hard limit (twice MAX_PHOTO_MB), over the product's limit: the bot refuses it.
      const heavy = Buffer.alloc(Math.round(1.5 * 1024 * 1024), 7);
      await chat.say('camille', 'Un bac par service', {
        photos: [
          { name: 'bac.jpg', bytes: photo },
          { name: 'enorme.jpg', bytes: heavy },
          { name: 'notes.jpg', bytes: Buffer.from('pas une image') },
        ],
      });
      const replies = (await chat.messages<Message>('camille', 'dm:camille'))
        .filter((m) => m.author.id === 'bot')
        .map((m) => m.text);
      expect(replies.join('\n')).toContain('enorme.jpg');
      expect(replies.join('\n')).toContain('notes.jpg');
      // Only the kept photo is still on disk, and the chat message shows only it.
      expect(uploads()).toHaveLength(1);
      const mine = (await chat.messages<Message>('camille', 'dm:camille')).filter((m) => m.text === 'Un bac par service');
      expect(mine.at(-1)?.photos).toHaveLength(1);
    });

    it(`refuses a message with more files than a step holds (${LIMITS.photosPerStep}) and keeps none of them`, async () => {
      const before = uploads();
      const form = new FormData();
      form.set('as', 'camille');
      form.set('channel', 'dm:camille');
      form.set('text', 'Trop de photos');
      for (let i = 0; i <= LIMITS.photosPerStep; i++) form.append('photos', new Blob([new Uint8Array(200_000)]), `p${i}.jpg`);
      const res = await fetch(`${app.url}/chat/api/messages`, { method: 'POST', body: form, headers: LOCAL_CHAT_HEADERS });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'too_many_files' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(uploads()).toEqual(before);
    });
  });
});
