/**
 * Community life through the local chat on the real server: the adoption button and its feedback,
 * an animateur hiding a bricolage (gone from every gallery page, JSON and search at once, back on
 * restore), a colleague refused, and the gallery JSON's adoptions by mairie.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootApp, type TestApp } from './support/app.js';
import { LOCAL_CHAT_HEADERS, localChatClient } from './support/local-chat-client.js';
import { describeEngines } from './support/temp-db.js';

describeEngines('community life through the local chat', (engine) => {
  let app: TestApp;

  type Message = {
    id: number;
    author: { id: string };
    text: string;
    card?: { bricolageId?: number };
    buttons: { actionId: string; value: string }[];
  };

  const chat = localChatClient(() => app);
  const { say } = chat;

  const messages = (as: string, channel: string) => chat.messages<Message>(as, channel);

  const press = (as: string, message: Message, actionId: string) => chat.press(as, message, { actionId });

  const lastBot = async (as: string) => (await messages(as, `dm:${as}`)).filter((m) => m.author.id === 'bot').at(-1)!;

  let id: number;

  beforeAll(async () => {
    app = await bootApp({ ANIMATORS: 'local:julien' }, undefined, engine);
    for (const text of [
      'nouveau',
      'Étiquettes du présentoir',
      'Les flyers se mélangent.',
      'Un bac par thème',
      'terminé',
      'affichage',
      'publier',
    ]) {
      await say('camille', text);
    }
    id = Number(/\/bricolages\/(\d+)/.exec((await lastBot('camille')).text)![1]);
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('community life in the local chat', () => {
    it('adopts from the post’s button, asks for feedback, and shows adoptions by mairie in the JSON', async () => {
      const post = (await messages('karim', 'communaute')).find((m) => m.card?.bricolageId === id)!;
      await press('karim', post, 'adopt');
      const question = await lastBot('karim');
      expect(question.text).toContain('Un retour d’expérience à partager ?');
      await say('karim', 'Installé au 18e, les usagers trouvent tout.');
      const said = (await messages('karim', 'dm:karim')).filter((m) => m.author.id === 'bot').map((m) => m.text);
      expect(said.at(-2)).toBe('Merci pour votre retour d’expérience ! Il aidera les autres mairies.');
      // Then the optional time-saved question (issue 20; test/time-saved-local-journey.test.ts).
      expect(said.at(-1)).toContain('combien de temps');
      expect((await messages('camille', 'dm:camille')).map((m) => m.text)).toContain(
        `Bonne nouvelle ! 🎉 Votre bricolage « Étiquettes du présentoir » (n°${id}) a été adopté à la mairie du 18e.`,
      );
      const json = await (await fetch(`${app.url}/bricolages/${id}.json`)).json();
      expect(json.adoptions).toMatchObject([{ mairie: 'paris-18', feedback: 'Installé au 18e, les usagers trouvent tout.' }]);
      expect(json.adoptionsByMairie).toEqual([{ mairie: 'paris-18', label: 'Mairie du 18e', count: 1 }]);
    });

    it('refuses a colleague’s moderation, then the animateur hides and restores across the gallery', async () => {
      await say('karim', `masquer ${id}`);
      expect((await lastBot('karim')).text).toContain('réservée aux animateurs');
      expect((await fetch(`${app.url}/bricolages/${id}`)).status).toBe(200);

      await say('julien', `masquer ${id} test de modération`);
      expect((await lastBot('julien')).text).toContain('est masqué');
      expect((await fetch(`${app.url}/bricolages/${id}`)).status).toBe(404);
      expect((await fetch(`${app.url}/bricolages/${id}.json`)).status).toBe(404);
      const listed = async (path: string) =>
        JSON.stringify(await (await fetch(`${app.url}${path}`)).json()).includes('Étiquettes du présentoir');
      expect(await listed('/bricolages.json')).toBe(false);
      expect(await listed('/bricolages.json?q=presentoir')).toBe(false);
      expect(await listed('/index.json')).toBe(false);
      expect(await (await fetch(`${app.url}/bricolages?q=presentoir`)).text()).not.toContain('Étiquettes du présentoir');

      await say('julien', `rétablir ${id}`);
      expect((await fetch(`${app.url}/bricolages/${id}`)).status).toBe(200);
      expect(await listed('/bricolages.json?q=presentoir')).toBe(true);
      expect(await listed('/index.json')).toBe(true);
      expect(await (await fetch(`${app.url}/bricolages?q=presentoir`)).text()).toContain('Étiquettes du présentoir');
    });

    it('hides a comment from the gallery page and JSON, and restores it', async () => {
      const post = (await messages('sophie', 'communaute')).find((m) => m.card?.bricolageId === id)!;
      const form = new FormData();
      form.set('as', 'sophie');
      form.set('channel', 'communaute');
      form.set('threadId', String(post.id));
      form.set('text', 'Un commentaire à modérer');
      expect(
        (await fetch(`${app.url}/chat/api/messages`, { method: 'POST', body: form, headers: LOCAL_CHAT_HEADERS })).status,
      ).toBe(201);
      await app.idle();
      const shown = async () => {
        const json = await (await fetch(`${app.url}/bricolages/${id}.json`)).json();
        const html = await (await fetch(`${app.url}/bricolages/${id}`)).text();
        return { json: json.comments.map((c: { text: string }) => c.text), html: html.includes('Un commentaire à modérer') };
      };
      expect(await shown()).toEqual({ json: ['Un commentaire à modérer'], html: true });
      const commentId = (await (await fetch(`${app.url}/bricolages/${id}.json`)).json()).comments[0].id;
      await say('julien', `masquer commentaire ${commentId} hors sujet`);
      expect(await shown()).toEqual({ json: [], html: false });
      await say('julien', `rétablir commentaire ${commentId}`);
      expect(await shown()).toEqual({ json: ['Un commentaire à modérer'], html: true });
    });

    it('puts a bricolage à la une on the home page', async () => {
      await say('julien', `à la une ${id}`);
      const home = await (await fetch(`${app.url}/index.json`)).json();
      expect(home.featured.map((b: { id: number }) => b.id)).toContain(id);
    });
  });
});
