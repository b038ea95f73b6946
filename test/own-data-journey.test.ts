/**
 * Agents' own data through the bot core on a real SQLite file, with a recording port: `modifier`,
 * `supprimer`, `mes données` and `oublie-moi`, their refusals and their confirmations.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Bot, createBot } from '../bot/handle-event.js';
import type { InboundEvent } from '../bot/ports.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { getSteps } from '../storage/bricolages.js';
import { type Db, migrate, openDatabase } from '../storage/db.js';
import { plainPng } from './fixtures/photos/generate.js';
import { RecordingPort } from './support/recording-port.js';
import { postgresNotYet, tempDir } from './support/temp-db.js';

postgresNotYet('own data journey', 'it opens its SQLite file itself');

let dir: { dir: string; remove(): void };
let db: Db;
let bot: Bot;
let port: RecordingPort;
let seq = 0;

const base = (user: string) => ({
  platform: 'local' as const,
  eventId: `e${++seq}`,
  user: { id: user },
  at: new Date().toISOString(),
});

async function send(event: InboundEvent) {
  await bot.receive(event);
  await bot.idle();
}

async function dm(user: string, text: string, files: { name: string; bytes: Buffer }[] = []) {
  const photos = files.map((f, i) => {
    const url = `file:${seq}-${i}-${f.name}`;
    port.files.set(url, f.bytes);
    return { id: url, name: f.name, url };
  });
  const ref = { platform: 'local' as const, channelId: `dm:${user}`, messageId: `m${seq}` };
  await send({ ...base(user), type: 'directMessage', ref, text, photos });
}

async function press(user: string, actionId: string, value: string) {
  const ref = { platform: 'local' as const, channelId: `dm:${user}`, messageId: 'x' };
  await send({ ...base(user), type: 'buttonPressed', ref, actionId, value });
}

/** Publishes a 2-step bricolage (a photo on step 1) as `user`; returns its id and its post. */
async function publish(user: string, title: string) {
  for (const text of ['nouveau', title, 'Le problème résolu']) await dm(user, text);
  await dm(user, 'Première étape', [{ name: 'p.png', bytes: await plainPng(500, 400) }]);
  for (const text of ['Deuxième étape', 'terminé', '1', 'publier']) await dm(user, text);
  const { id } = await db.selectFrom('bricolages').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
  return { id, post: port.community().at(-1)! };
}

const last = (user: string) => port.lastDirect(user)!;
const bricolage = (id: number) => db.selectFrom('bricolages').selectAll().where('id', '=', id).executeTakeFirst();

beforeEach(async () => {
  dir = tempDir();
  port = new RecordingPort('local');
  port.profiles.set('camille', { name: 'Camille Martin', mairie: '11e' });
  port.profiles.set('karim', { name: 'Karim Benali', mairie: '18e' });
  db = openDatabase(path.join(dir.dir, 'bricoleur.sqlite'));
  await migrate(db);
  const config = loadConfig({ DATA_DIR: dir.dir, SEED_DEMO: 'false', PUBLIC_URL: 'http://gallery.test' });
  bot = createBot({ db, config, log: createLogger('own-data-test', true) });
  bot.registerPort(port);
  await bot.start();
});

afterEach(async () => {
  await bot.stop();
  await db.destroy();
  dir.remove();
});

describe('modifier <n°>', () => {
  it('reopens one’s bricolage prefilled, and publier updates the same post and the stored bricolage', async () => {
    const { id, post } = await publish('camille', 'Ticket coloré');
    await dm('camille', `modifier ${id}`);
    const texts = port.directTexts('camille');
    expect(texts.at(-2)).toContain(`bricolage n°${id}`);
    expect(last('camille').card).toMatchObject({ title: 'Ticket coloré', category: "Accueil et files d'attente" });
    expect(last('camille').card!.steps.map((s) => [s.text, s.photos.length])).toEqual([
      ['Première étape', 1],
      ['Deuxième étape', 0],
    ]);

    await dm('camille', 'modifier');
    await dm('camille', 'titre');
    await dm('camille', 'Ticket coloré, version 2');
    expect(last('camille').card?.title).toBe('Ticket coloré, version 2');
    await dm('camille', 'publier');

    // One post, updated in place: no second community post.
    expect(port.community()).toHaveLength(1);
    const update = port.sent.filter((s) => s.kind === 'update').at(-1)!;
    expect(update.ref).toEqual(post.ref);
    expect(update.message.card).toMatchObject({ bricolageId: id, title: 'Ticket coloré, version 2' });
    expect(update.message.card!.labels.stepCount).toBe('2 étapes');
    expect(last('camille').text).toContain(`http://gallery.test/bricolages/${id}`);
    expect(await bricolage(id)).toMatchObject({ title: 'Ticket coloré, version 2', status: 'published' });
    // Steps and their photo survive the round trip.
    expect((await getSteps(db, id)).map((s) => [s.text, s.photoHashes.length])).toEqual([
      ['Première étape', 1],
      ['Deuxième étape', 0],
    ]);
    expect(await db.selectFrom('bricolages').select('id').execute()).toHaveLength(1);
  });

  it('annuler leaves the published bricolage as it was', async () => {
    const { id } = await publish('camille', 'Ticket coloré');
    await dm('camille', `modifier n°${id}`);
    await dm('camille', 'modifier');
    await dm('camille', 'titre');
    await dm('camille', 'Autre titre');
    await dm('camille', 'annuler');
    expect(last('camille').text).toContain(`n°${id} reste tel quel`);
    expect((await bricolage(id))?.title).toBe('Ticket coloré');
    expect(port.sent.filter((s) => s.kind === 'update')).toHaveLength(0);
  });

  it('refuses someone else’s bricolage, an unknown number and a missing number', async () => {
    const { id } = await publish('camille', 'Ticket coloré');
    await dm('karim', `modifier ${id}`);
    expect(last('karim').text).toContain('n’est pas le vôtre');
    await dm('karim', 'modifier 999');
    expect(last('karim').text).toContain('Je ne trouve pas de bricolage n°999');
    await dm('karim', 'modifier');
    expect(last('karim').text).toContain('*modifier 12*');
    // Nothing was reopened for karim: his next message is not taken as a draft answer.
    expect(await db.selectFrom('conversations').selectAll().execute()).toHaveLength(0);
  });

  it('never overwrites a draft in progress (slash command while writing)', async () => {
    const { id } = await publish('camille', 'Ticket coloré');
    await dm('camille', 'nouveau');
    await dm('camille', 'Un autre bricolage en cours');
    await send({ ...base('camille'), type: 'slashCommand', text: `modifier ${id}` });
    expect(last('camille').text).toContain('brouillon en cours');
    const state = await db.selectFrom('conversations').select('state').executeTakeFirstOrThrow();
    expect(JSON.parse(state.state).draft.title).toBe('Un autre bricolage en cours');
  });
});

describe('supprimer <n°>', () => {
  it('asks first; non keeps it; oui removes the bricolage and its chat post, audited', async () => {
    const { id, post } = await publish('camille', 'Ticket coloré');
    await dm('camille', `supprimer ${id}`);
    expect(last('camille').text).toContain('Supprimer définitivement');
    expect(last('camille').buttons?.map((b) => b.label)).toEqual(['Oui, supprimer', 'Non, garder']);

    await dm('camille', 'peut-être');
    expect(last('camille').text).toContain('*oui*');
    await dm('camille', 'non');
    expect(last('camille').text).toContain('je ne supprime rien');
    expect(await bricolage(id)).toBeDefined();

    const [{ photoHashes }] = await getSteps(db, id);
    const media = path.join(dir.dir, 'media', `${photoHashes[0]}-400.webp`);
    expect(fs.existsSync(media)).toBe(true);
    await dm('camille', `supprimer ${id}`);
    await press('camille', 'rights.confirm', 'yes');
    // Its photo, used by nothing else, is gone too (row and files).
    expect(fs.existsSync(media)).toBe(false);
    expect(await db.selectFrom('photos').selectAll().execute()).toHaveLength(0);
    expect(last('camille').text).toContain(`n°${id} est supprimé`);
    expect(await bricolage(id)).toBeUndefined();
    expect(port.sent.filter((s) => s.kind === 'remove').map((s) => s.ref)).toEqual([post.ref]);
    const entry = await db.selectFrom('audit_log').selectAll().where('action', '=', 'bricolage.delete').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ subject_id: String(id), subject_type: 'bricolage' });

    // The question is answered: an old button does nothing.
    await press('camille', 'rights.confirm', 'yes');
    expect(last('camille').text).toContain('plus en cours');
  });

  it('refuses someone else’s bricolage and an unknown number, without asking anything', async () => {
    const { id } = await publish('camille', 'Ticket coloré');
    await dm('karim', `supprimer ${id}`);
    expect(last('karim').text).toContain('n’est pas le vôtre');
    await dm('karim', 'oui');
    expect(await bricolage(id)).toBeDefined();
    await dm('karim', 'supprimer 4242');
    expect(last('karim').text).toContain('n°4242');
    expect(await db.selectFrom('pending_questions').selectAll().execute()).toHaveLength(0);
  });

  it('a yes long after the question deletes nothing', async () => {
    const { id } = await publish('camille', 'Ticket coloré');
    await dm('camille', `supprimer ${id}`);
    await db
      .updateTable('pending_questions')
      .set({ expires_at: new Date(Date.now() - 3_600_000).toISOString() })
      .execute();
    await dm('camille', 'oui');
    expect(await bricolage(id)).toBeDefined();
    expect(last('camille').text).toContain('Je n’ai pas compris');
  });
});

describe('mes données and oublie-moi', () => {
  it('mes données answers with a personal link', async () => {
    await dm('camille', 'mes données');
    expect(last('camille').text).toMatch(/http:\/\/gallery\.test\/exports\/[A-Za-z0-9_-]{43}\b/);
    const [button] = last('camille').buttons ?? [];
    expect(button).toMatchObject({ label: 'Télécharger mes données' });
    expect(last('camille').text).toContain(button.url);
    expect(await db.selectFrom('data_exports').selectAll().execute()).toHaveLength(1);
  });

  it('oublie-moi asks what to do with the bricolages, then a last yes; non at any point erases nothing', async () => {
    await publish('camille', 'Ticket coloré');
    await dm('camille', 'oublie-moi');
    expect(last('camille').text).toContain('Vous avez publié 1 bricolage : tapez *supprimer* pour le supprimer');
    expect(last('camille').buttons?.map((b) => b.value)).toEqual(['remove', 'anonymise', 'no']);
    await dm('camille', 'non');
    expect(last('camille').text).toContain('je n’efface rien');
    await dm('camille', 'oublie-moi');
    await dm('camille', 'anonymes');
    expect(last('camille').text).toContain('sans nom d’auteur');
    await dm('camille', 'non');
    expect(await db.selectFrom('agents').selectAll().where('platform_user_id', '=', 'camille').execute()).toHaveLength(1);
  });

  it('anonymise hands the bricolages to the anonymous author and rewrites their post without the name', async () => {
    const { id, post } = await publish('camille', 'Ticket coloré');
    await dm('camille', 'oublie-moi');
    await press('camille', 'rights.confirm', 'anonymise');
    await press('camille', 'rights.confirm', 'yes');
    expect(last('camille').text).toContain('je vous ai oublié');
    expect(await db.selectFrom('agents').selectAll().where('platform_user_id', '=', 'camille').execute()).toHaveLength(0);
    const author = await db
      .selectFrom('bricolages')
      .innerJoin('agents', 'agents.id', 'bricolages.author_id')
      .select(['agents.display_name', 'agents.platform'])
      .where('bricolages.id', '=', id)
      .executeTakeFirstOrThrow();
    expect(author).toEqual({ display_name: 'Agent anonyme', platform: 'anonymous' });
    const update = port.sent.filter((s) => s.kind === 'update').at(-1)!;
    expect(update.ref).toEqual(post.ref);
    expect(update.message.card!.authorName).toBe('Agent anonyme');
    expect(JSON.stringify(update.message)).not.toContain('Camille');
  });
});
