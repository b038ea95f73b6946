/**
 * Agents' own data and the demo, end to end through the local chat's HTTP API on the real server:
 * the seeded `#communaute` channel, the picker following a mairie given in the chat, `modifier`
 * reaching the gallery, the `mes données` download, and `oublie-moi` leaving no trace in the
 * database file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAnimator } from '../bot/animators.js';
import { ensureAgent } from '../storage/agents.js';
import { addAnimator, isStoredAnimator } from '../storage/animators.js';
import { logAnimatorAction } from '../storage/audit.js';
import { createExportToken } from '../storage/data-exports.js';
import { DEMO_BRICOLAGES } from '../storage/demo-data.js';
import { countLikes } from '../storage/engagement.js';
import { jpegWithGps } from './fixtures/photos/generate.js';
import { bootApp, type TestApp } from './support/app.js';
import { LOCAL_CHAT_HEADERS, localChatClient } from './support/local-chat-client.js';
import { postgresNotYet } from './support/temp-db.js';

postgresNotYet('own data through the local chat', 'a restart on the same DATA_DIR keeps the SQLite file');

let app: TestApp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

interface Msg {
  id: number;
  author: { id: string; name: string };
  text: string;
  threadId: number | null;
  buttons: { actionId: string; value: string }[];
  card: { bricolageId?: number; title: string; authorName: string } | null;
}

const chat = localChatClient(() => app);
const say = (as: string, text: string, extra: Record<string, string> = {}, photos: { name: string; bytes: Buffer }[] = []) =>
  chat.say(as, text, { channel: extra.channel, threadId: extra.threadId, photos });

async function json(pathname: string, body: unknown) {
  const res = await fetch(`${app!.url}/chat/api${pathname}`, {
    method: 'POST',
    headers: { ...LOCAL_CHAT_HEADERS, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBeLessThan(300);
  await app!.idle();
}

const messages = (as: string, channel: string) => chat.messages<Msg>(as, channel);

const lastBot = async (as: string) => (await messages(as, `dm:${as}`)).filter((m) => m.author.id === 'bot').at(-1)!;

/** Publishes a bricolage typed in the local chat; returns its id. */
async function publish(
  as: string,
  title: string,
  step = 'Imprimer des tickets de couleur',
  problem = 'La file déborde le samedi',
) {
  for (const text of ['nouveau', title, problem]) await say(as, text);
  await say(as, step, {}, [{ name: 'ticket.jpg', bytes: await jpegWithGps(800, 600) }]);
  for (const text of ['terminé', '1', 'publier']) await say(as, text);
  // The link is in the answer to `publier`; a level or badge announcement may follow it.
  const answers = (await messages(as, `dm:${as}`)).filter((m) => m.author.id === 'bot').map((m) => m.text);
  const link = answers.findLast((text) => /\/bricolages\/\d+/.test(text));
  return Number(/\/bricolages\/(\d+)/.exec(link ?? '')?.[1]);
}

/** The database file and its WAL, as raw bytes (UTF-8 words are found as their byte sequences). */
function databaseBytes(dataDir: string): string {
  const file = path.join(dataDir, 'bricoleur.sqlite');
  return Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f))).toString('latin1');
}

describe('the demo in the local chat', () => {
  it('seeds #communaute with the demo bricolages as linked posts one can react to at once', async () => {
    app = await bootApp({ SEED_DEMO: 'true' });
    const posts = (await messages('lea', 'communaute')).filter((m) => m.card);
    expect(posts).toHaveLength(DEMO_BRICOLAGES.length);
    const stored = await app.db.selectFrom('bricolages').select(['id', 'title', 'chat_message_id']).execute();
    for (const post of posts) {
      const bricolage = stored.find((b) => b.id === post.card!.bricolageId)!;
      expect(bricolage.title).toBe(post.card!.title);
      expect(bricolage.chat_message_id).toBe(String(post.id));
    }
    // The demo has its animateur, and the picker says so.
    const agents = (await (await fetch(`${app.url}/chat/api/agents`, { headers: LOCAL_CHAT_HEADERS })).json()) as {
      agents: { id: string; animator: boolean }[];
    };
    expect(agents.agents.filter((a) => a.animator).map((a) => a.id)).toEqual(['julien']);
    expect(await isAnimator(app.db, app.config, { platform: 'local', platform_user_id: 'julien' })).toBe(true);

    const first = posts[0];
    const before = await countLikes(app.db, first.card!.bricolageId!);
    await json(`/messages/${first.id}/reactions`, { as: 'lea', emoji: '👍' });
    expect(await countLikes(app.db, first.card!.bricolageId!)).toBe(before + 1);
    await say('lea', 'Bonne idée !', { channel: 'communaute', threadId: String(first.id) });
    const comment = await app.db.selectFrom('comments').selectAll().where('text', '=', 'Bonne idée !').executeTakeFirstOrThrow();
    expect(comment.bricolage_id).toBe(first.card!.bricolageId);

    // A restart posts nothing twice.
    const dataDir = app.dataDir;
    await app.stop();
    app = await bootApp({ SEED_DEMO: 'true' }, dataDir);
    expect((await messages('lea', 'communaute')).filter((m) => m.card)).toHaveLength(DEMO_BRICOLAGES.length);
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    app = undefined;
  });

  it('shows in the agent picker the mairie an agent gives in the conversation', async () => {
    app = await bootApp();
    const picker = async () =>
      (
        (await (await fetch(`${app!.url}/chat/api/agents`, { headers: LOCAL_CHAT_HEADERS })).json()) as {
          agents: { id: string; mairie: string | null }[];
        }
      ).agents;
    expect((await picker()).find((a) => a.id === 'lea')?.mairie).toBeNull();
    await say('lea', 'nouveau');
    await say('lea', 'Paris 13e');
    expect((await picker()).find((a) => a.id === 'lea')).toMatchObject({
      mairie: 'Mairie du 13e',
      mairieLabels: { fr: 'Mairie du 13e', en: '13th arrondissement town hall' },
    });
  });
});

describe('agents’ own data in the local chat', () => {
  it('modifier updates the community post and the gallery page', async () => {
    app = await bootApp();
    const id = await publish('camille', 'Ticket coloré');
    await say('camille', `modifier ${id}`);
    for (const text of ['modifier', 'titre', 'Ticket coloré et numéroté', 'publier']) await say('camille', text);
    const post = (await messages('karim', 'communaute')).filter((m) => m.card?.bricolageId === id);
    expect(post.map((m) => m.card!.title)).toEqual(['Ticket coloré et numéroté']);
    const page = await (await fetch(`${app.url}/bricolages/${id}`)).text();
    expect(page).toContain('Ticket coloré et numéroté');
  });

  it('supprimer, once confirmed, removes the post from the channel and the page from the gallery', async () => {
    app = await bootApp();
    const id = await publish('camille', 'Ticket coloré');
    await say('karim', `supprimer ${id}`);
    expect((await lastBot('karim')).text).toContain('n’est pas le vôtre');
    await say('camille', `supprimer ${id}`);
    const question = await lastBot('camille');
    expect((await fetch(`${app.url}/bricolages/${id}`)).status).toBe(200);
    await json(`/messages/${question.id}/buttons`, { as: 'camille', actionId: 'rights.confirm', value: 'yes' });
    expect((await messages('karim', 'communaute')).some((m) => m.card?.bricolageId === id)).toBe(false);
    expect((await fetch(`${app.url}/bricolages/${id}`)).status).toBe(404);
  });

  it('mes données downloads the agent’s JSON by a personal, expiring link, and nobody else’s', async () => {
    app = await bootApp();
    const id = await publish('camille', 'Ticket coloré');
    const other = await publish('karim', 'Tableur du courrier');
    await say('camille', 'Super, merci', {
      channel: 'communaute',
      threadId: String((await messages('camille', 'communaute')).find((m) => m.card?.bricolageId === other)!.id),
    });
    const otherPost = (await messages('camille', 'communaute')).find((m) => m.card?.bricolageId === other)!;
    await json(`/messages/${otherPost.id}/reactions`, { as: 'camille', emoji: '💡' });
    await say('camille', `adopté ${other} très utile chez nous`);
    await say('camille', 'mes données');
    const link = /(http:\/\/\S+\/exports\/[A-Za-z0-9_-]{43})/.exec((await lastBot('camille')).text)![1];

    const res = await fetch(link);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?bricoleur-\d{4}-\d\d-\d\d\.json"?$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const data = (await res.json()) as Record<string, any>;
    expect(data.profile).toMatchObject({
      platform: 'local',
      platformUserId: 'camille',
      displayName: 'Camille Martin',
      mairie: 'paris-11',
    });
    expect(data.bricolages.map((b: { id: number }) => b.id)).toEqual([id]);
    expect(data.bricolages[0].steps[0].text).toBe('Imprimer des tickets de couleur');
    expect(data.comments.map((c: { text: string }) => c.text)).toEqual(['Super, merci']);
    expect(data.likes).toEqual([expect.objectContaining({ bricolageId: other, emoji: '💡' })]);
    expect(data.adoptions).toEqual([expect.objectContaining({ bricolageId: other, feedback: 'très utile chez nous' })]);
    expect(data.actions.map((a: { action: string }) => a.action)).toEqual(['bricolage.publish', 'adoption.record']);
    expect(data.events.some((e: { payload: { text?: string } }) => e.payload.text === 'mes données')).toBe(true);
    // Only camille's events: none of karim's words.
    expect(JSON.stringify(data)).not.toContain('Tableur du courrier');

    const dead = await fetch(`${app.url}/exports/${'A'.repeat(43)}`);
    expect(dead.status).toBe(404);
    const agent = await app.db
      .selectFrom('agents')
      .select('id')
      .where('platform_user_id', '=', 'camille')
      .executeTakeFirstOrThrow();
    const expired = await createExportToken(app.db, agent.id, Date.now() - 25 * 3_600_000);
    expect((await fetch(`${app.url}/exports/${expired}`)).status).toBe(404);
    expect((await fetch(`${app.url}/exports/..%2F..%2Fetc`)).status).toBe(404);
  });

  it('oublie-moi leaves none of the agent’s words, name or ids in the database file', async () => {
    app = await bootApp();
    const own = await publish('camille', 'Zorglubette du guichet', 'Plier le Quarkonium en quatre');
    // Another problem: a suggestion of Camille's bricolage would quote its title in Karim's own
    // conversation, which oublie-moi does not rewrite (as a `chercher` answer would).
    const other = await publish('karim', 'Tableur du courrier', undefined, 'Le courrier se perd entre les services');
    const otherPost = (await messages('camille', 'communaute')).find((m) => m.card?.bricolageId === other)!;
    await say('camille', 'Bravo Flibustarium', { channel: 'communaute', threadId: String(otherPost.id) });
    await say('karim', 'Merci !', { channel: 'communaute', threadId: String(otherPost.id) });
    await json(`/messages/${otherPost.id}/reactions`, { as: 'camille', emoji: '🎉' });
    await say('camille', `adopté ${other} Gloubiboulga installé`);
    await say('camille', 'Parapluchinette en passant');
    // Julien made her an animateur, as `animateur ajouter` records it (stored role and audit entry),
    // without a message of his naming her: his own words are his.
    const julien = await ensureAgent(app.db, { platform: 'local', platformUserId: 'julien', displayName: 'Julien Moreau' });
    await addAnimator(app.db, { platform: 'local', platformUserId: 'camille' }, julien.id);
    await logAnimatorAction(
      app.db,
      julien.id,
      { action: 'animator.add', target: 'local:camille', targetName: 'Camille Martin' },
      null,
    );
    // As an animateur she opens a workshop, describes it, and links karim's bricolage to it.
    await say('camille', 'atelier ouvrir Files du samedi');
    await say('camille', 'Le Brouhahaphone déborde');
    await say('camille', `atelier ${other}`);
    const workshop = await app.db.selectFrom('workshops').selectAll().executeTakeFirstOrThrow();
    expect(workshop.chat_message_id).not.toBeNull();
    await say('camille', 'mes données');
    const link = /(http:\/\/\S+\/exports\/[A-Za-z0-9_-]{43})/.exec((await lastBot('camille')).text)![1];
    const exported = (await (await fetch(link)).json()) as Record<string, any>;
    expect(exported.workshops.opened).toEqual([
      expect.objectContaining({ id: workshop.id, title: 'Files du samedi', description: 'Le Brouhahaphone déborde' }),
    ]);
    expect(exported.workshops.linked).toEqual([
      expect.objectContaining({ workshopId: workshop.id, workshopTitle: 'Files du samedi', bricolageId: other }),
    ]);
    await say('camille', 'Une discussion publique Trombinoscopette', { channel: 'communaute' });
    expect(await countLikes(app.db, other)).toBe(1);
    // Before: the file does hold them (so the scan below can fail).
    const before = databaseBytes(app.dataDir);
    for (const trace of ['camille', 'Camille Martin', 'Quarkonium', 'Flibustarium', 'Parapluchinette', 'Brouhahaphone']) {
      expect(before.includes(trace), trace).toBe(true);
    }

    await say('camille', 'oublie-moi');
    expect((await lastBot('camille')).text).toContain('Vous avez publié 1 bricolage : tapez *supprimer* pour le supprimer');
    await say('camille', 'supprimer');
    await say('camille', 'oui');

    // The community keeps its own words: karim's bricolage and reply are untouched.
    const thread = (await messages('karim', 'communaute')).filter((m) => m.threadId === otherPost.id);
    expect(thread.map((m) => m.text)).toEqual(['Merci !']);
    expect((await fetch(`${app.url}/bricolages/${own}`)).status).toBe(404);
    expect((await fetch(`${app.url}/bricolages/${other}`)).status).toBe(200);
    expect(await countLikes(app.db, other)).toBe(0);
    const adoption = await app.db.selectFrom('adoptions').selectAll().where('bricolage_id', '=', other).executeTakeFirstOrThrow();
    expect(adoption.feedback).toBeNull();
    // The workshop stays for the community, under its title, without her or her description.
    expect(await isStoredAnimator(app.db, 'local', 'camille')).toBe(false);
    expect(await app.db.selectFrom('workshops').select(['title', 'description', 'opened_by']).execute()).toEqual([
      { title: 'Files du samedi', description: '', opened_by: null },
    ]);
    expect(await app.db.selectFrom('workshop_bricolages').select(['bricolage_id', 'linked_by']).execute()).toEqual([
      { bricolage_id: other, linked_by: null },
    ]);
    const announcement = (await messages('karim', 'communaute')).find((m) => m.id === Number(workshop.chat_message_id))!;
    expect(announcement.text).toContain('Files du samedi');

    const dataDir = app.dataDir;
    await app.stop();
    app = undefined;
    const bytes = databaseBytes(dataDir);
    for (const trace of [
      'Camille',
      'camille',
      'Zorglubette',
      'Quarkonium',
      'Flibustarium',
      'Gloubiboulga',
      'Parapluchinette',
      'Trombinoscopette',
      'Brouhahaphone',
      'oublie-moi',
    ]) {
      expect(bytes.includes(trace), trace).toBe(false);
    }
    // The scan is able to see: karim's words are there.
    expect(bytes.includes('Tableur du courrier')).toBe(true);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('oublie-moi, bricolages left to the community', () => {
  it('keeps the bricolage under the anonymous author, without the agent’s name, ids or other words', async () => {
    app = await bootApp();
    const id = await publish('sophie', 'Boîte à Zigouigoui', 'Ranger les Bidulotrons');
    await say('sophie', 'Message privé Cornichonnade');
    await say('sophie', 'oublie-moi');
    await say('sophie', 'anonymes');
    await say('sophie', 'oui');

    const post = (await messages('karim', 'communaute')).find((m) => m.card?.bricolageId === id)!;
    expect(post.card!.authorName).toBe('Agent anonyme');
    const page = await (await fetch(`${app.url}/bricolages/${id}`)).text();
    expect(page).toContain('Ranger les Bidulotrons');
    expect(page).toContain('Agent anonyme');

    const dataDir = app.dataDir;
    await app.stop();
    app = undefined;
    const bytes = databaseBytes(dataDir);
    for (const trace of ['sophie', 'Sophie', 'Lefèvre', 'Cornichonnade', 'oublie-moi']) {
      expect(bytes.includes(Buffer.from(trace).toString('latin1')), trace).toBe(false);
    }
    expect(bytes.includes('Bidulotrons')).toBe(true);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
