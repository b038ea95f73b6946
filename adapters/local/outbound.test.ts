import path from 'node:path';
import type { Response } from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { createTempDb, describeEngines, type TempDb } from '../../test/support/temp-db.js';
import { saveUpload } from './files.js';
import { createEventHub, type EventHub } from './hub.js';
import { createLocalPort } from './outbound.js';
import { getMessage, listChannel } from './store.js';

describeEngines('local ChatPort', (engine) => {
  /** A stand-in for an SSE response that records what would be written to the page. */
  function recordingStream() {
    const chunks: string[] = [];
    return { chunks, res: { write: (c: string) => chunks.push(c), end: () => undefined } as unknown as Response };
  }

  describe('local ChatPort', () => {
    let temp: TempDb;
    let hub: EventHub;
    const config = () => loadConfig({ DATA_DIR: temp.dir, PUBLIC_URL: 'http://chat.test:3000' });

    beforeEach(async () => {
      temp = await createTempDb({ engine });
      hub = createEventHub();
    });
    afterEach(async () => {
      hub.close();
      await temp.cleanup();
    });

    it('stores a direct message from the bot and pushes it to that user only', async () => {
      const port = createLocalPort({ db: temp.db, config: config(), hub, uploadsDir: path.join(temp.dir, 'uploads') });
      const camille = recordingStream();
      const karim = recordingStream();
      hub.subscribe('camille', camille.res);
      hub.subscribe('karim', karim.res);

      const ref = await port.sendDirect('camille', {
        text: 'Quel est le *titre* ?',
        buttons: [{ actionId: 'a', value: 'v', label: 'Annuler' }],
      });

      expect(ref).toEqual({ platform: 'local', channelId: 'dm:camille', messageId: expect.stringMatching(/^\d+$/) });
      const [stored] = await listChannel(temp.db, 'dm:camille');
      expect(stored).toMatchObject({
        authorId: 'bot',
        text: 'Quel est le *titre* ?',
        extra: { buttons: [{ label: 'Annuler' }] },
      });
      expect(camille.chunks.join('')).toContain('event: changed\ndata: {"channel":"dm:camille"}');
      expect(karim.chunks).toEqual([]);
    });

    it('posts in the community, replies in the thread root, updates, removes and links', async () => {
      const port = createLocalPort({ db: temp.db, config: config(), hub, uploadsDir: path.join(temp.dir, 'uploads') });
      const karim = recordingStream();
      hub.subscribe('karim', karim.res);

      const post = await port.postToCommunity({ text: 'Nouveau bricolage' });
      const reply = await port.replyInThread(post, { text: 'Merci !' });
      const replyToReply = await port.replyInThread(reply, { text: 'Toujours dans le fil' });
      expect(reply).toMatchObject({ channelId: 'communaute', threadId: post.messageId });
      expect(replyToReply.threadId).toBe(post.messageId);
      expect(karim.chunks.filter((c) => c.includes('communaute'))).toHaveLength(3);

      await port.update(post, { text: 'Bricolage modifié' });
      expect((await getMessage(temp.db, Number(post.messageId)))?.text).toBe('Bricolage modifié');
      await port.remove(reply);
      expect((await listChannel(temp.db, 'communaute')).map((m) => m.text)).toEqual([
        'Bricolage modifié',
        'Toujours dans le fil',
      ]);

      expect(await port.permalink(post)).toBe(`http://chat.test:3000/chat#m-${post.messageId}`);
      expect(await port.permalink(replyToReply)).toBe(`http://chat.test:3000/chat#m-${post.messageId}`);
    });

    it('downloads uploads and knows the demo agents', async () => {
      const uploadsDir = path.join(temp.dir, 'uploads');
      const port = createLocalPort({ db: temp.db, config: config(), hub, uploadsDir, localeOf: () => 'en' });
      const id = await saveUpload(uploadsDir, Buffer.from('photo bytes'));
      expect((await port.download({ id, url: `local-upload:${id}` })).toString()).toBe('photo bytes');
      await expect(port.download({ id: 'x', url: 'local-upload:../../etc/passwd' })).rejects.toThrow();
      expect(await port.profile('camille')).toEqual({ name: 'Camille Martin', mairie: '11e', locale: 'en' });
      expect(await port.profile('lea')).toMatchObject({ name: 'Léa Nouvelle', mairie: null });
      expect(await port.profile('nobody')).toBeNull();
    });
  });
});
