/**
 * The bot core end to end on a real SQLite file and real photo pipeline, through a recording port:
 * posting, bad input, restarts, redeliveries, likes and comments.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInboundEventError } from '../bot/errors.js';
import { type Bot, createBot } from '../bot/handle-event.js';
import type { InboundEvent, MessageRef } from '../bot/ports.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { type Db, migrate, openDatabase } from '../storage/db.js';
import { countLikes } from '../storage/engagement.js';
import { jpegWithGps, plainPng } from './fixtures/photos/generate.js';
import { RecordingPort } from './support/recording-port.js';
import { postgresNotYet, tempDir } from './support/temp-db.js';
import { waitFor } from './support/wait-for.js';

postgresNotYet('bot journey', 'it opens its SQLite file itself (the bot harnesses run on both)');

let dir: { dir: string; remove(): void };
let db: Db;
let bot: Bot;
let port: RecordingPort;
let seq = 0;

const config = () => loadConfig({ DATA_DIR: dir.dir, SEED_DEMO: 'false', MAX_PHOTO_MB: '1', PUBLIC_URL: 'http://gallery.test' });
const quiet = createLogger('bot-test', true);

async function boot(): Promise<void> {
  db = openDatabase(path.join(dir.dir, 'bricoleur.sqlite'));
  await migrate(db);
  bot = createBot({ db, config: config(), log: quiet });
  bot.registerPort(port);
  await bot.start();
}

async function restart(): Promise<void> {
  await bot.stop();
  await db.destroy();
  await boot();
}

const base = (user: string) => ({
  platform: 'local' as const,
  eventId: `e${++seq}`,
  user: { id: user },
  at: new Date().toISOString(),
});

async function dm(user: string, text: string, files: { name: string; bytes: Buffer; size?: number }[] = []) {
  const photos = files.map((f, i) => {
    const url = `file:${seq}-${i}-${f.name}`;
    port.files.set(url, f.bytes);
    return { id: url, name: f.name, url, size: f.size };
  });
  await send({
    ...base(user),
    type: 'directMessage',
    ref: { platform: 'local', channelId: `dm:${user}`, messageId: `m${seq}` },
    text,
    photos,
  });
}

async function send(event: InboundEvent) {
  await bot.receive(event);
  await bot.idle();
}

async function press(user: string, actionId: string, value: string) {
  await send({
    ...base(user),
    type: 'buttonPressed',
    ref: { platform: 'local', channelId: `dm:${user}`, messageId: 'x' },
    actionId,
    value,
  });
}

/** Posts a 2-step bricolage with one photo as `user`; returns the community post's ref and the id. */
async function publishOne(user = 'camille'): Promise<{ ref: MessageRef; id: number }> {
  await dm(user, 'nouveau');
  await dm(user, 'Ticket coloré pour la file');
  await dm(user, 'La file des cartes d’identité déborde le samedi');
  await dm(user, 'Imprimer des tickets de couleur', [{ name: 'ticket.jpg', bytes: await jpegWithGps(900, 600) }]);
  await dm(user, 'Les distribuer à l’entrée');
  await dm(user, 'terminé');
  await dm(user, '1');
  await dm(user, 'publier');
  const post = port.community().at(-1);
  const { id } = await db.selectFrom('bricolages').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
  return { ref: post?.ref ?? { platform: 'local', channelId: 'none', messageId: 'none' }, id };
}

beforeEach(async () => {
  dir = tempDir();
  port = new RecordingPort('local');
  port.profiles.set('camille', { name: 'Camille Martin', mairie: '11e' });
  port.profiles.set('karim', { name: 'Karim Benali', mairie: '18e' });
  port.profiles.set('sophie', { name: 'Sophie Lefèvre', mairie: '5e' });
  await boot();
});

afterEach(async () => {
  await bot.stop();
  await db.destroy();
  dir.remove();
});

describe('posting a bricolage', () => {
  it('walks title → problem → steps → category → preview → publish, then posts a card and DMs the link', async () => {
    const { id } = await publishOne();
    const texts = port.directTexts('camille');
    expect(texts[0]).toContain('1/5');
    expect(texts.some((t) => t.includes('2/5'))).toBe(true);
    expect(texts.some((t) => t.includes('Étape 1 enregistrée avec 1 photo'))).toBe(true);
    expect(texts.at(-1)).toContain(`http://gallery.test/bricolages/${id}`);

    const post = port.community()[0].message;
    expect(post.card).toMatchObject({
      title: 'Ticket coloré pour la file',
      mairie: 'Mairie du 11e',
      category: "Accueil et files d'attente",
    });
    expect(post.card!.steps).toHaveLength(2);
    expect(post.card!.coverPhoto!.url).toMatch(/^http:\/\/gallery\.test\/media\/[0-9a-f]{64}-(400|800)\.webp$/);
    expect(post.buttons?.map((b) => b.actionId)).toEqual(['openGallery', 'adopt']);

    const stored = await db.selectFrom('bricolages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: 'published', chat_platform: 'local', chat_channel_id: 'communaute' });
    expect(stored.chat_permalink).toContain('communaute');
    const photos = await db.selectFrom('step_photos').selectAll().execute();
    expect(photos).toHaveLength(1);
    expect(fs.existsSync(path.join(dir.dir, 'media', `${photos[0].photo_hash}-400.webp`))).toBe(true);
    // The draft is gone once published.
    expect(await db.selectFrom('conversations').selectAll().execute()).toHaveLength(0);
  });

  it('takes 9 agent messages for a 3-step bricolage with 2 photos (the target is at most 10)', async () => {
    const photo = { name: 'p.png', bytes: await plainPng(500, 400) };
    const messages: [string, (typeof photo)[]][] = [
      ['nouveau', []],
      ['Titre', []],
      ['Problème', []],
      ['Étape 1', [photo]],
      ['Étape 2', [{ ...photo, bytes: await plainPng(600, 400) }]],
      ['Étape 3', []],
      ['terminé', []],
      ['Autre', []],
      ['publier', []],
    ];
    for (const [text, files] of messages) await dm('camille', text, files);
    expect(port.community()[0].message.card!.steps.map((s) => s.photos.length)).toEqual([1, 1, 0]);
  });

  it('shows a preview card with Publier / Modifier / Annuler buttons', async () => {
    await dm('camille', 'nouveau');
    await dm('camille', 'Titre');
    await dm('camille', 'Problème');
    await dm('camille', 'Étape');
    await dm('camille', 'terminé');
    await press('camille', 'wizard.category', '1');
    const preview = port.lastDirect('camille')!;
    expect(preview.card?.title).toBe('Titre');
    expect(preview.card?.category).toBe('Courrier et documents');
    expect(preview.buttons?.map((b) => b.label)).toEqual(['Publier', 'Modifier', 'Annuler']);
  });

  it('asks a newcomer for their mairie once and remembers it', async () => {
    await dm('lea', 'nouveau');
    expect(port.lastDirect('lea')!.text).toContain('dans quelle mairie');
    await dm('lea', 'Paris 13e');
    const agent = await db.selectFrom('agents').selectAll().where('platform_user_id', '=', 'lea').executeTakeFirstOrThrow();
    expect(agent.mairie).toBe('paris-13');
    expect(port.directTexts('lea')).toContain("C'est noté : Mairie du 13e. Je m'en souviendrai.");
    await dm('lea', 'annuler');
    await dm('lea', 'nouveau');
    expect(port.lastDirect('lea')!.text).toContain('1/5');
  });

  it('annuler abandons the draft and nothing is published', async () => {
    await dm('camille', 'nouveau');
    await dm('camille', 'Un titre');
    await dm('camille', 'Annuler');
    expect(port.lastDirect('camille')!.text).toContain('Brouillon abandonné');
    expect(await db.selectFrom('conversations').selectAll().execute()).toHaveLength(0);
    expect(await db.selectFrom('bricolages').selectAll().execute()).toHaveLength(0);
  });

  it('retour asks the previous question again', async () => {
    await dm('camille', 'nouveau');
    await dm('camille', 'Un titre');
    await dm('camille', 'retour');
    expect(port.lastDirect('camille')!.text).toContain('1/5');
    await dm('camille', 'Un meilleur titre');
    await dm('camille', 'Le problème');
    await dm('camille', 'Étape A');
    await dm('camille', 'terminé');
    await dm('camille', 'Autre');
    expect(port.lastDirect('camille')!.card?.title).toBe('Un meilleur titre');
  });

  it('keeps the draft across a restart and offers to resume it on `nouveau`', async () => {
    await dm('camille', 'nouveau');
    await dm('camille', 'Classeur des actes');
    await restart();
    await dm('camille', 'nouveau');
    const offer = port.lastDirect('camille')!;
    expect(offer.text).toContain('Classeur des actes');
    expect(offer.buttons?.map((b) => b.label)).toEqual(['Reprendre', 'Recommencer']);
    await press('camille', 'wizard', 'resume');
    expect(port.lastDirect('camille')!.text).toContain('2/5');
  });

  it('answers a photo sent when no draft exists', async () => {
    await dm('camille', '', [{ name: 'photo.png', bytes: await plainPng(300, 200) }]);
    expect(port.lastDirect('camille')!.text).toContain('pas de brouillon en cours');
  });

  it('answers an unknown word kindly', async () => {
    await dm('camille', 'bonjour');
    expect(port.lastDirect('camille')!.text).toMatch(/Je n’ai pas compris « bonjour ».*nouveau/);
  });

  it('refuses a non-image file with a clear message and keeps the step', async () => {
    await dm('camille', 'nouveau');
    await dm('camille', 'Titre');
    await dm('camille', 'Problème');
    await dm('camille', 'Étape avec pièce jointe', [{ name: 'notes.jpg', bytes: Buffer.from('juste du texte, pas une image') }]);
    const texts = port.directTexts('camille');
    expect(texts).toContain('Le fichier « notes.jpg » n’est pas une image. J’accepte les photos JPEG, PNG, WebP, GIF ou HEIC.');
    expect(texts.at(-2)).toBe('Étape 1 enregistrée.');
    expect(await db.selectFrom('photos').selectAll().execute()).toHaveLength(0);
  });

  it('refuses an oversized photo, before downloading when the platform tells the size', async () => {
    await dm('camille', 'nouveau');
    await dm('camille', 'Titre');
    await dm('camille', 'Problème');
    await dm('camille', '', [{ name: 'enorme.jpg', bytes: Buffer.alloc(10), size: 5 * 1024 * 1024 }]);
    await dm('camille', '', [{ name: 'lourd.png', bytes: Buffer.alloc(2 * 1024 * 1024, 1) }]);
    const texts = port.directTexts('camille');
    expect(texts).toContain('Le fichier « enorme.jpg » est trop lourd : 1 Mo au maximum. Réduisez-le et renvoyez-le.');
    expect(texts).toContain('Le fichier « lourd.png » est trop lourd : 1 Mo au maximum. Réduisez-le et renvoyez-le.');
  });

  it('a stale button after publishing starts nothing', async () => {
    await publishOne();
    await press('camille', 'wizard', 'publish');
    expect(port.lastDirect('camille')!.text).toContain('n’est plus en cours');
    expect(await db.selectFrom('bricolages').selectAll().execute()).toHaveLength(1);
  });

  it('retries a post the chat refused, at the next start', async () => {
    port.failCommunityPosts = true;
    await publishOne();
    expect(port.lastDirect('camille')!.text).toContain('Je réessaierai automatiquement');
    port.failCommunityPosts = false;
    await restart();
    expect(port.community()).toHaveLength(1);
    const stored = await db.selectFrom('bricolages').select('chat_message_id').executeTakeFirstOrThrow();
    expect(stored.chat_message_id).toBe(port.community()[0].ref.messageId);
  });
});

describe('posting from a form', () => {
  const form = (
    user: string,
    fields: Partial<{ title: string; problem: string; category: string; steps: string[] }>,
    photos: { url: string; name: string }[] = [],
  ): InboundEvent => ({
    ...base(user),
    type: 'formSubmitted',
    ref: { platform: 'local', channelId: `dm:${user}`, messageId: `form${seq}` },
    form: {
      title: 'Planning partagé',
      problem: 'Les permanences se chevauchent',
      category: 'Organisation du poste',
      steps: ['Créer le tableau', 'Le partager'],
      ...fields,
    },
    photos: photos.map((p) => ({ id: p.url, ...p })),
  });

  it('publishes the same bricolage as the conversation, photos on the first step', async () => {
    port.files.set('file:form', await plainPng(800, 600));
    await send(form('camille', {}, [{ url: 'file:form', name: 'planning.png' }]));
    const stored = await db.selectFrom('bricolages').selectAll().executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ title: 'Planning partagé', category: 'Organisation du poste', status: 'published' });
    expect(port.community()).toHaveLength(1);
    expect(port.community()[0].message.card!.steps.map((s) => s.photos.length)).toEqual([1, 0]);
    expect(port.lastDirect('camille')!.text).toContain(`/bricolages/${stored.id}`);
  });

  it('sends an incomplete form back with what is missing, publishing nothing', async () => {
    await send(form('camille', { title: '', steps: [], category: 'Cuisine' }));
    const reply = port.lastDirect('camille')!.text;
    expect(reply).toContain('il manque le titre');
    expect(reply).toContain('il faut au moins une étape');
    expect(reply).toContain('« Cuisine » est inconnue');
    expect(reply).toContain('Les permanences se chevauchent');
    expect(await db.selectFrom('bricolages').selectAll().execute()).toHaveLength(0);
  });
});

describe('durability', () => {
  it('processes a redelivered event once', async () => {
    await dm('camille', 'nouveau');
    const event: InboundEvent = {
      ...base('camille'),
      type: 'directMessage',
      ref: { platform: 'local', channelId: 'dm:camille', messageId: 'z' },
      text: 'Titre unique',
      photos: [],
    };
    expect(await bot.receive(event)).toEqual({ duplicate: false });
    expect(await bot.receive(event)).toEqual({ duplicate: true });
    await bot.idle();
    expect(port.directTexts('camille').filter((t) => t.includes('2/5'))).toHaveLength(1);
  });

  it('replays an event stored before a crash, at start', async () => {
    const stranded = createBot({ db, config: config(), log: quiet }); // no port: it can only store
    await stranded.receive({
      ...base('camille'),
      type: 'directMessage',
      ref: { platform: 'local', channelId: 'dm:camille', messageId: 'c' },
      text: 'nouveau',
      photos: [],
    });
    await stranded.idle();
    expect(port.directTexts('camille')).toHaveLength(0);
    await restart();
    expect(port.lastDirect('camille')!.text).toContain('1/5');
  });

  it('processes once an event received while start() replays the inbox', async () => {
    await bot.stop();
    bot = createBot({ db, config: config(), log: quiet });
    bot.registerPort(port);
    await bot.receive({
      ...base('camille'),
      type: 'directMessage',
      ref: { platform: 'local', channelId: 'dm:camille', messageId: 'early' },
      text: 'nouveau',
      photos: [],
    });
    await bot.start();
    await bot.idle();
    expect(port.directTexts('camille').filter((t) => t.includes('1/5'))).toHaveLength(1);
  });

  it('refuses a malformed event before storing it', async () => {
    await expect(bot.receive({ platform: 'local', type: 'nope' } as never)).rejects.toBeInstanceOf(InvalidInboundEventError);
    expect(await db.selectFrom('inbox').selectAll().execute()).toHaveLength(0);
  });
});

describe('likes and comments', () => {
  const reaction = (user: string, target: MessageRef, emoji: string, added = true): InboundEvent => ({
    ...base(user),
    type: added ? 'reactionAdded' : 'reactionRemoved',
    target,
    emoji,
  });

  it('counts one like per agent whatever the emoji, ignores the author, and removes it with the last reaction', async () => {
    const { ref, id } = await publishOne();
    await send(reaction('karim', ref, '👍'));
    await send(reaction('karim', ref, '🎉'));
    await send(reaction('sophie', ref, '❤️'));
    await send(reaction('camille', ref, '👍'));
    expect(await countLikes(db, id)).toBe(2);
    await send(reaction('karim', ref, '👍', false));
    expect(await countLikes(db, id)).toBe(2);
    await send(reaction('karim', ref, '🎉', false));
    expect(await countLikes(db, id)).toBe(1);
  });

  it('counts a reaction made while the chat is still answering the post’s permalink', async () => {
    let release!: () => void;
    port.permalinkGate = new Promise((resolve) => (release = resolve));
    const publishing = publishOne();
    const post = await waitFor('the community post', () => port.community()[0]);
    // The reaction is processed while the permalink is still pending.
    const like = reaction('karim', post.ref, '👍');
    await bot.receive(like);
    await waitFor('the reaction processed', () =>
      db
        .selectFrom('inbox')
        .select('id')
        .where('event_id', '=', like.eventId)
        .where('processed_at', 'is not', null)
        .executeTakeFirst(),
    );
    release();
    const { id } = await publishing;
    await bot.idle();
    expect(await countLikes(db, id)).toBe(1);
  });

  it('tells the agent why a thread reply made only of a refused file was not recorded', async () => {
    const { ref } = await publishOne();
    port.files.set('file:txt', Buffer.from('pas une image'));
    const replyRef = { platform: 'local' as const, channelId: 'communaute', messageId: 'r9', threadId: ref.messageId };
    await send({
      ...base('karim'),
      type: 'threadReply',
      ref: replyRef,
      parent: ref,
      text: '',
      photos: [{ id: 'x', name: 'notes.jpg', url: 'file:txt' }],
    });
    expect(await db.selectFrom('comments').selectAll().execute()).toHaveLength(0);
    expect(port.lastDirect('karim')!.text).toBe(
      'Votre réponse dans le fil n’a pas été enregistrée : le fichier « notes.jpg » n’a pas été accepté, car ce n’est pas une image.',
    );
  });

  it('ignores reactions on messages that are not bricolage posts', async () => {
    await publishOne();
    await send(reaction('karim', { platform: 'local', channelId: 'communaute', messageId: 'other' }, '👍'));
    expect(await db.selectFrom('likes').selectAll().execute()).toHaveLength(0);
  });

  it('mirrors thread replies with photos, their edits and deletions', async () => {
    const { ref, id } = await publishOne();
    port.files.set('file:reply', await plainPng(640, 480));
    const replyRef = { platform: 'local' as const, channelId: 'communaute', messageId: 'r1', threadId: ref.messageId };
    await send({
      ...base('karim'),
      type: 'threadReply',
      ref: replyRef,
      parent: ref,
      text: 'Adopté chez nous !',
      photos: [{ id: 'p', name: 'chez-nous.png', url: 'file:reply' }],
    });
    let comments = await db.selectFrom('comments').selectAll().execute();
    expect(comments).toMatchObject([{ bricolage_id: id, text: 'Adopté chez nous !' }]);
    expect(await db.selectFrom('comment_photos').selectAll().execute()).toHaveLength(1);

    await send({ ...base('karim'), type: 'messageEdited', ref: replyRef, text: 'Adopté au 18e !' });
    comments = await db.selectFrom('comments').selectAll().execute();
    expect(comments[0]).toMatchObject({ text: 'Adopté au 18e !' });
    expect(comments[0].edited_at).not.toBeNull();

    await send({ ...base('karim'), type: 'messageDeleted', ref: replyRef });
    expect(await db.selectFrom('comments').selectAll().execute()).toHaveLength(0);
  });

  it('deleting the chat post deletes the bricolage', async () => {
    const { ref } = await publishOne();
    await send({ ...base('camille'), type: 'messageDeleted', ref });
    expect(await db.selectFrom('bricolages').selectAll().execute()).toHaveLength(0);
    expect(await db.selectFrom('steps').selectAll().execute()).toHaveLength(0);
    const log = await db.selectFrom('audit_log').selectAll().where('action', '=', 'bricolage.delete').execute();
    expect(log).toHaveLength(1);
  });

  it('records an adoption from the card button with the agent’s mairie', async () => {
    const { id } = await publishOne();
    await press('karim', 'adopt', String(id));
    expect(await db.selectFrom('adoptions').selectAll().execute()).toMatchObject([{ bricolage_id: id, mairie: 'paris-18' }]);
    await dm('karim', `adopté ${id} Les usagers adorent`);
    expect(await db.selectFrom('adoptions').selectAll().execute()).toMatchObject([{ feedback: 'Les usagers adorent' }]);
  });

  it('`/bricolage chercher` searches even while a draft is open, and the draft is kept', async () => {
    const { id } = await publishOne();
    await dm('karim', 'nouveau');
    await dm('karim', 'Mon titre');
    await send({ ...base('karim'), type: 'slashCommand', text: 'chercher ticket' });
    expect(port.lastDirect('karim')!.text).toContain(`n°${id}`);
    await dm('karim', 'Mon problème');
    expect(port.lastDirect('karim')!.text).toContain('3/5');
  });

  it('ignores a forged button value', async () => {
    await dm('camille', 'nouveau');
    await press('camille', 'wizard.field', 'author_id');
    await press('camille', 'wizard', 'drop-table');
    const state = await db.selectFrom('conversations').select('state').executeTakeFirstOrThrow();
    expect(JSON.parse(state.state).phase).toBe('title');
  });

  it('finds published bricolages with `chercher`, ignoring accents', async () => {
    const { id } = await publishOne();
    await dm('karim', 'chercher carte IDENTITE');
    expect(port.lastDirect('karim')!.text).toContain(`n°${id} Ticket coloré pour la file`);
  });

  it('follows the language the chat client reports', async () => {
    await send({
      ...base('sophie'),
      user: { id: 'sophie', locale: 'en' },
      type: 'directMessage',
      ref: { platform: 'local', channelId: 'dm:sophie', messageId: 'l1' },
      text: 'nouveau',
      photos: [],
    });
    expect(port.lastDirect('sophie')!.text).toContain('What is its title?');
    await send({
      ...base('sophie'),
      user: { id: 'sophie', locale: 'fr' },
      type: 'directMessage',
      ref: { platform: 'local', channelId: 'dm:sophie', messageId: 'l2' },
      text: 'aide',
      photos: [],
    });
    expect(port.lastDirect('sophie')!.text).toContain('1/5 — Quel est son titre');
  });

  it('speaks English once asked', async () => {
    await dm('karim', 'langue en');
    await dm('karim', 'new');
    expect(port.lastDirect('karim')!.text).toContain('What is its title?');
  });
});
