/**
 * Control characters typed in the chat (here the local chat, through the real server) are dropped
 * where inbound text enters the bot, tab and newline kept: the Atom feed stays well-formed XML and
 * the JSON stays clean. A title stored before that cleaning (written straight into the database)
 * still gives a well-formed feed.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripControlCharacters } from '../domain/control-characters.js';
import { bootApp, type TestApp } from './support/app.js';
import { localChatClient } from './support/local-chat-client.js';
import { describeEngines } from './support/temp-db.js';

describeEngines('control characters', (engine) => {
  let app: TestApp;
  const chat = localChatClient(() => app);

  const TITLE = 'Tampon\u0001 dateur\u000b du courrier\u001b';
  const PROBLEM = 'Le courrier\u0000 arrive\tsans date.\u0007';

  beforeAll(async () => {
    app = await bootApp({}, undefined, engine);
    for (const text of ['nouveau', TITLE, PROBLEM, 'Un tampon\u0008 à l’accueil', 'terminé', 'courrier', 'publier']) {
      await chat.say('camille', text);
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('control characters', () => {
    it('keeps tab and newline and drops the other C0 controls', () => {
      expect(stripControlCharacters('a\u0000b\u0001c\td\ne\r\nf\rg\u001f')).toBe('ab' + 'c\td\ne\nf\ng');
    });

    it('are dropped from what an agent types: the feed is well-formed and the JSON clean', async () => {
      const feed = await (await fetch(`${app.url}/feed.atom`)).text();
      expect(XMLValidator.validate(feed)).toBe(true);
      const parsed = new XMLParser().parse(feed);
      expect(JSON.stringify(parsed)).toContain('Tampon dateur du courrier');
      const list = await (await fetch(`${app.url}/bricolages.json`)).json();
      const item = list.items.find((i: { title: string }) => i.title.startsWith('Tampon'));
      expect(item.title).toBe('Tampon dateur du courrier');
      const detail = await (await fetch(`${app.url}/bricolages/${item.id}.json`)).json();
      expect(detail.problem).toBe('Le courrier arrive\tsans date.');
      expect(JSON.stringify(detail)).not.toMatch(/\\u000[0-8b]|\\u001[0-9a-f]/);
    });

    it('a title stored with control characters before the cleaning still gives a well-formed feed', async () => {
      await app.db.updateTable('bricolages').set({ title: 'Ancien\u0002 titre\u0010' }).execute();
      await app.db
        .updateTable('gallery_version')
        .set((eb) => ({ version: eb('version', '+', 1) }))
        .execute();
      const feed = await (await fetch(`${app.url}/feed.atom`)).text();
      expect(XMLValidator.validate(feed)).toBe(true);
      expect(feed).toContain('Ancien titre');
      const list = await (await fetch(`${app.url}/bricolages.json`)).json();
      expect(list.items[0].title).toBe('Ancien\u0002 titre\u0010');
    });
  });
});
