/** The local chat's HTTP API on a real server, with a BotCore fake that records what it receives. */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingPhoto } from '../bot/ports.js';
import { createRecordingBot, type LocalChatServer, type RecordingBot, startLocalChatServer } from './support/local-chat.js';
import { postgresNotYet, tempDir } from './support/temp-db.js';

postgresNotYet('local chat over HTTP', 'the local chat server harness opens SQLite (the local chat journeys run on both)');

const H = { 'X-Local-Chat': '1' };

describe('local chat HTTP API', () => {
  let server: LocalChatServer;
  let bot: RecordingBot;
  let dir: { dir: string; remove(): void };
  let png: Buffer;

  beforeAll(async () => {
    dir = tempDir();
    bot = createRecordingBot();
    server = await startLocalChatServer(bot, dir.dir, { MAX_PHOTO_MB: '1' });
    png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c0392b' } })
      .png()
      .toBuffer();
  });
  afterAll(async () => {
    await server.close();
    dir.remove();
  });

  const api = (path: string) => `${server.url}/chat/api${path}`;

  function form(fields: Record<string, string>, files: { name: string; bytes: Buffer; type: string }[] = []): FormData {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.set(k, v);
    for (const f of files) data.append('photos', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
    return data;
  }

  async function post(fields: Record<string, string>, files: { name: string; bytes: Buffer; type: string }[] = []) {
    return fetch(api('/messages'), { method: 'POST', headers: H, body: form(fields, files) });
  }

  async function postJson(path: string, body: unknown, method = 'POST', headers: Record<string, string> = H) {
    return fetch(api(path), { method, headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  }

  it('serves the page at /chat/ (redirecting /chat) with its assets', async () => {
    const bare = await fetch(`${server.url}/chat?as=karim`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/chat/?as=karim');
    const page = await fetch(`${server.url}/chat/`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.clone().text()).toContain('Conversation avec le bot');
    const html = await page.text();
    expect(html).toContain('<script type="module" src="chat.js">');
    // Every module the page imports, followed transitively, is served as JavaScript (browsers refuse
    // a module script with another MIME type).
    const seen = new Set<string>();
    const queue = ['chat.js'];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const res = await fetch(`${server.url}/chat/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type'), file).toMatch(/^text\/javascript/);
      for (const [, next] of (await res.text()).matchAll(/from '\.\/([\w-]+\.js)'/g)) queue.push(next);
    }
    expect(seen.size).toBeGreaterThan(5);
    const agents = await (await fetch(api('/agents'))).json();
    expect(agents.agents.map((a: { id: string }) => a.id)).toEqual([
      'camille',
      'karim',
      'sophie',
      'julien',
      'aicha',
      'nadia',
      'thomas',
      'lucie',
      'lea',
    ]);
  });

  it('turns a DM with a photo into a directMessage whose photo the bot can download', async () => {
    const res = await post({ as: 'camille', channel: 'dm:camille', text: 'Étape 1 : le ticket' }, [
      { name: 'ticket.png', bytes: png, type: 'image/png' },
    ]);
    expect(res.status).toBe(201);
    const event = bot.events.at(-1)!;
    expect(event).toMatchObject({
      type: 'directMessage',
      platform: 'local',
      user: { id: 'camille', name: 'Camille Martin' },
      text: 'Étape 1 : le ticket',
    });
    if (event.type !== 'directMessage') throw new Error('unexpected event');
    expect(event.photos).toHaveLength(1);
    const photo: IncomingPhoto = JSON.parse(JSON.stringify(event.photos[0]));
    expect(photo).toMatchObject({
      name: 'ticket.png',
      declaredType: 'image/png',
      size: png.length,
      url: expect.stringMatching(/^local-upload:[a-f0-9]{32}$/),
    });
    expect((await bot.port().download(photo)).equals(png)).toBe(true);

    const list = await (await fetch(api('/channels/dm:camille/messages?as=camille'))).json();
    const shown = list.messages.at(-1);
    expect(shown).toMatchObject({
      text: 'Étape 1 : le ticket',
      mine: true,
      author: { name: 'Camille Martin', mairie: 'Mairie du 11e' },
    });
    const image = await fetch(`${server.url}/chat/${shown.photos[0].url}`);
    expect(image.headers.get('content-type')).toBe('image/png');
  });

  it("keeps each DM private: a user cannot read or post in another user's DM", async () => {
    const read = await fetch(api('/channels/dm:camille/messages?as=karim'));
    expect(read.status).toBe(403);
    expect(await read.json()).toMatchObject({
      error: 'bad_channel',
      message: expect.stringContaining('salon'),
      messageEn: expect.stringContaining('channel'),
    });
    expect((await post({ as: 'karim', channel: 'dm:camille', text: 'coucou' })).status).toBe(400);
    expect((await fetch(api('/channels/communaute/messages?as=karim'))).status).toBe(200);
    expect((await fetch(api('/channels/communaute/messages?as=intrus'))).status).toBe(400);
  });

  it('refuses cross-site writes and requests without the page header', async () => {
    const before = bot.events.length;
    const noHeader = await fetch(api('/messages'), {
      method: 'POST',
      body: form({ as: 'camille', channel: 'dm:camille', text: 'x' }),
    });
    expect(noHeader.status).toBe(403);
    expect(await noHeader.json()).toMatchObject({ error: 'csrf' });
    const foreign = await fetch(api('/messages'), {
      method: 'POST',
      headers: { ...H, Origin: 'https://evil.example' },
      body: form({ as: 'camille', channel: 'dm:camille', text: 'x' }),
    });
    expect(foreign.status).toBe(403);
    const sameOrigin = await fetch(api('/messages'), {
      method: 'POST',
      headers: { ...H, Origin: server.url },
      body: form({ as: 'camille', channel: 'dm:camille', text: 'aide' }),
    });
    expect(sameOrigin.status).toBe(201);
    expect(bot.events.length).toBe(before + 1);
  });

  it('validates bodies with friendly French and English errors', async () => {
    const unknown = await post({ as: 'nobody', channel: 'communaute', text: 'x' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({
      error: 'bad_user',
      message: 'Choisissez un des agents de démonstration.',
      messageEn: 'Pick one of the demo agents.',
    });
    expect(await (await post({ as: 'camille', channel: 'dm:camille', text: '   ' })).json()).toMatchObject({ error: 'empty' });
    expect((await post({ as: 'camille', channel: 'dm:camille', text: 'x'.repeat(4001) })).status).toBe(400);
    expect(await (await post({ as: 'camille', channel: 'communaute', text: 'x', threadId: '999999' })).json()).toMatchObject({
      error: 'bad_thread',
    });
    const huge = await post({ as: 'camille', channel: 'dm:camille', text: '' }, [
      { name: 'big.png', bytes: Buffer.alloc(2 * 1024 * 1024 + 10), type: 'image/png' },
    ]);
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: 'too_large' });
    const many = Array.from({ length: 11 }, (_, i) => ({ name: `p${i}.png`, bytes: png, type: 'image/png' }));
    expect(await (await post({ as: 'camille', channel: 'dm:camille', text: '' }, many)).json()).toMatchObject({
      error: 'too_many_files',
    });
    const broken = await fetch(api('/messages/1/reactions'), {
      method: 'POST',
      headers: { ...H, 'Content-Type': 'application/json' },
      body: '{nope',
    });
    expect(broken.status).toBe(400);
  });

  it('lets a photo slightly over the limit through, so the bot explains it kindly', async () => {
    const res = await post({ as: 'camille', channel: 'dm:camille', text: '' }, [
      { name: 'lourd.jpg', bytes: Buffer.alloc(1024 * 1024 + 100), type: 'image/jpeg' },
    ]);
    expect(res.status).toBe(201);
    const event = bot.events.at(-1)!;
    expect(event.type === 'directMessage' && event.photos[0].size).toBe(1024 * 1024 + 100);
  });

  it('maps thread replies, reactions, edits and deletions, and only lets authors edit their messages', async () => {
    const card = await bot
      .port()
      .postToCommunity({ text: 'Le ticket coupe-file', buttons: [{ actionId: 'adopt', value: '7', label: "Je l'ai adopté" }] });
    const reply = await post({ as: 'karim', channel: 'communaute', text: 'Super idée', threadId: card.messageId }, [
      { name: 'chez-nous.png', bytes: png, type: 'image/png' },
    ]);
    const { message } = await reply.json();
    expect(bot.events.at(-1)).toMatchObject({
      type: 'threadReply',
      parent: { messageId: card.messageId },
      ref: { threadId: card.messageId },
    });

    expect((await postJson(`/messages/${card.messageId}/reactions`, { as: 'sophie', emoji: '🎉' })).status).toBe(201);
    expect(bot.events.at(-1)).toMatchObject({
      type: 'reactionAdded',
      emoji: '🎉',
      user: { id: 'sophie' },
      target: { messageId: card.messageId },
    });
    const count = bot.events.length;
    await postJson(`/messages/${card.messageId}/reactions`, { as: 'sophie', emoji: '🎉' });
    expect(bot.events.length).toBe(count);
    expect(await (await postJson(`/messages/${card.messageId}/reactions`, { as: 'sophie', emoji: '💩' })).json()).toMatchObject({
      error: 'bad_emoji',
    });
    const list = await (await fetch(api('/channels/communaute/messages?as=sophie'))).json();
    expect(list.messages.find((m: { id: number }) => String(m.id) === card.messageId).reactions).toEqual([
      { emoji: '🎉', count: 1, mine: true },
    ]);
    expect(
      (await postJson(`/messages/${card.messageId}/reactions/${encodeURIComponent('🎉')}`, { as: 'sophie' }, 'DELETE')).status,
    ).toBe(204);
    expect(bot.events.at(-1)).toMatchObject({ type: 'reactionRemoved', emoji: '🎉' });

    expect((await postJson(`/messages/${message.id}`, { as: 'sophie', text: 'piraté' }, 'PATCH')).status).toBe(403);
    expect((await postJson(`/messages/${card.messageId}`, { as: 'karim' }, 'DELETE')).status).toBe(403);
    expect((await postJson(`/messages/${message.id}`, { as: 'karim', text: 'Super idée, adoptée !' }, 'PATCH')).status).toBe(200);
    expect(bot.events.at(-1)).toMatchObject({
      type: 'messageEdited',
      text: 'Super idée, adoptée !',
      eventId: expect.stringMatching(`^local-edit-${message.id}-`),
    });
    expect((await postJson(`/messages/${message.id}`, { as: 'karim' }, 'DELETE')).status).toBe(204);
    expect(bot.events.at(-1)).toMatchObject({ type: 'messageDeleted', ref: { messageId: String(message.id) } });

    expect((await postJson(`/messages/${card.messageId}/buttons`, { as: 'julien', actionId: 'adopt', value: '7' })).status).toBe(
      202,
    );
    const press = bot.events.at(-1)!;
    expect(press).toMatchObject({ type: 'buttonPressed', actionId: 'adopt', value: '7', ref: { messageId: card.messageId } });
    await postJson(`/messages/${card.messageId}/buttons`, { as: 'julien', actionId: 'adopt', value: '7' });
    expect(bot.events.at(-1)!.eventId).not.toBe(press.eventId);
    expect(
      await (await postJson(`/messages/${card.messageId}/buttons`, { as: 'julien', actionId: 'forged', value: '1' })).json(),
    ).toMatchObject({ error: 'bad_button' });
  });

  it('tells the bot the language chosen on the page', async () => {
    await post({ as: 'aicha', channel: 'dm:aicha', text: 'hello', lang: 'en' });
    expect(bot.events.at(-1)!.user).toEqual({ id: 'aicha', name: 'Aïcha Diallo', locale: 'en' });
  });

  it('keeps accented photo names intact', async () => {
    const res = await post({ as: 'camille', channel: 'dm:camille', text: '' }, [
      { name: 'étiquette présentoir.png', bytes: png, type: 'image/png' },
    ]);
    expect(res.status).toBe(201);
    const event = bot.events.at(-1)!;
    expect(event.type === 'directMessage' && event.photos[0].name).toBe('étiquette présentoir.png');
  });

  it('undoes a message or a reaction the bot could not store, so the page never shows it as sent', async () => {
    const channel = async (as: string, id: string) =>
      (await (await fetch(api(`/channels/${id}/messages?as=${as}`))).json()).messages;
    const before = (await channel('julien', 'dm:julien')).length;
    bot.failures = 1;
    const res = await post({ as: 'julien', channel: 'dm:julien', text: 'perdu ?' });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: 'bot_unavailable' });
    expect((await channel('julien', 'dm:julien')).length).toBe(before);

    const root = await post({ as: 'julien', channel: 'communaute', text: 'Bonjour à tous' });
    const { message } = await root.json();
    bot.failures = 1;
    expect((await postJson(`/messages/${message.id}/reactions`, { as: 'aicha', emoji: '👍' })).status).toBe(503);
    const shown = (await channel('aicha', 'communaute')).find((m: { id: number }) => m.id === message.id);
    expect(shown.reactions).toEqual([]);
  });

  it('pushes a "changed" server-sent event when the bot writes to me', async () => {
    const controller = new AbortController();
    const res = await fetch(api('/events?as=lea'), { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const readUntil = async (needle: string) => {
      while (!received.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) break;
        received += decoder.decode(value);
      }
    };
    await readUntil('event: ready');
    await bot.port().sendDirect('karim', { text: 'pas pour Léa' });
    await bot.port().sendDirect('lea', { text: 'Quelle est votre mairie ?' });
    await readUntil('dm:lea');
    expect(received).toContain('event: changed\ndata: {"channel":"dm:lea"}');
    expect(received).not.toContain('dm:karim');
    controller.abort();
  });
});
