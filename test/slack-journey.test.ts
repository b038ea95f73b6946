/**
 * The whole product with Slack configured against the fake Slack Web API: signed Events API
 * requests posted over HTTP to the real server, Block Kit recorded by the fake, and the gallery's
 * JSON as the judge. Also: a stop, Slack activity while down, a restart, and the reconciliation;
 * and the "Ça existe déjà ?" suggestion adopted from its button.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jpegWithGps, plainPng } from './fixtures/photos/generate.js';
import { bootApp, type TestApp } from './support/app.js';
import { type FakeFileMeta, type FakeSlack, startFakeSlack } from './support/fake-slack.js';
import { CHANNEL, MARIE, PAUL, slackDriver, slackEnv } from './support/slack-driver.js';
import { postSlackInteraction } from './support/slack-signer.js';
import { postgresNotYet, tempDir } from './support/temp-db.js';
import { waitFor } from './support/wait-for.js';

postgresNotYet('Slack journey', 'restarts on the same DATA_DIR keep the SQLite file');

const SECRET = 'journey-signing-secret';
const LEA = 'U0LEA0003';
const SOPHIE = 'U0SOPHIE4';

let fake: FakeSlack;
let app: TestApp | null = null;
let dir: { dir: string; remove(): void };
let drive: ReturnType<typeof slackDriver>;

function env(): Record<string, string> {
  return { ...slackEnv(fake, SECRET), MAX_PHOTO_MB: '2' };
}

const deliver = (event: Record<string, unknown>, options?: { eventId?: string; retry?: number }) => drive.deliver(event, options);
const dm = (user: string, text: string, files: FakeFileMeta[] = []) => drive.dm(user, text, files);

function reaction(
  type: 'reaction_added' | 'reaction_removed',
  user: string,
  postTs: string,
  name: string,
  options: { eventId?: string; retry?: number } = {},
) {
  if (type === 'reaction_added') fake.addReaction(CHANNEL, postTs, user, name);
  else fake.removeReaction(CHANNEL, postTs, user, name);
  return deliver(
    {
      type,
      user,
      reaction: name,
      item: { type: 'message', channel: CHANNEL, ts: postTs },
      item_user: fake.botUserId,
      event_ts: fake.nextTs(),
    },
    options,
  );
}

function reply(user: string, postTs: string, text: string, files: FakeFileMeta[] = []) {
  const m = fake.addReply(CHANNEL, postTs, user, text, files);
  return deliver({
    type: 'message',
    channel: CHANNEL,
    channel_type: 'channel',
    user,
    text,
    ts: m.ts,
    thread_ts: postTs,
    event_ts: m.ts,
    ...(files.length > 0 ? { subtype: 'file_share', files } : {}),
  }).then(() => m);
}

async function gallery(id: number): Promise<any> {
  const res = await fetch(`${app!.url}/bricolages/${id}.json`);
  expect(res.status).toBe(200);
  return res.json();
}

/** Marie posts a 2-step bricolage with two photos through the DM conversation. */
async function publishFromSlack(): Promise<{ id: number; postTs: string }> {
  const photo1 = fake.addFile(await jpegWithGps(900, 600), 'ticket.jpg', 'image/jpeg', MARIE);
  const photo2 = fake.addFile(await plainPng(640, 480), 'ecran.png', 'image/png', MARIE);
  await dm(MARIE, 'nouveau');
  await dm(MARIE, 'Ticket coloré pour la file');
  await dm(MARIE, 'La file des cartes d’identité déborde le samedi');
  await dm(MARIE, 'Imprimer des tickets de couleur', [photo1, photo2]);
  await dm(MARIE, 'Les distribuer à l’entrée');
  await dm(MARIE, 'terminé');
  await dm(MARIE, '1');
  await dm(MARIE, 'publier');
  const card = await waitFor('the card in the channel', () =>
    fake.callsTo('chat.postMessage').find((c) => c.args.channel === CHANNEL),
  );
  const posted = fake.messages.find((m) => m.channel === CHANNEL && !m.thread_ts && m.bot_id)!;
  expect(card.args.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Ticket coloré pour la file' } });
  // The core links the bricolage to the returned ts right after the post.
  const { id } = await waitFor('the bricolage linked to its post', () =>
    app!.db
      .selectFrom('bricolages')
      .select('id')
      .where('chat_platform', '=', 'slack')
      .where('chat_message_id', '=', posted.ts)
      .executeTakeFirst(),
  );
  await waitFor('the gallery link in DM', () =>
    fake
      .callsTo('chat.postMessage')
      .some((c) => c.args.channel === 'D0MARIE01' && String(c.args.text).includes(`/bricolages/${id}`)),
  );
  return { id, postTs: posted.ts };
}

beforeEach(async () => {
  fake = await startFakeSlack();
  fake.addUser({ id: MARIE, name: 'marie.dupont', displayName: 'Marie Dupont', fields: { Xf0MAIRIE: '11e' } });
  fake.addUser({ id: PAUL, name: 'paul.martin', displayName: 'Paul Martin', fields: { Xf0MAIRIE: '18e' } });
  fake.addUser({ id: LEA, name: 'lea.petit', displayName: 'Léa Petit', fields: { Xf0MAIRIE: '5e' } });
  fake.addUser({ id: SOPHIE, name: 'sophie.l', displayName: 'Sophie Lefèvre', fields: { Xf0MAIRIE: '20e' } });
  dir = tempDir();
  app = await bootApp(env(), dir.dir);
  drive = slackDriver(fake, () => app!, SECRET);
});

afterEach(async () => {
  await app?.stop();
  app = null;
  await fake.close();
  dir.remove();
});

describe('Slack journey', () => {
  it('DM conversation with two photos → card → likes, a retried delivery, comments edited and deleted → gallery JSON', async () => {
    const { id, postTs } = await publishFromSlack();

    // The author gets the gallery link in DM; the photos were fetched with the bot token.
    const dmToMarie = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'D0MARIE01');
    expect(dmToMarie.at(-1)!.args.text).toContain(`/bricolages/${id}`);
    expect(fake.callsTo('GET files-pri').every((c) => c.token === fake.botToken)).toBe(true);
    let json = await gallery(id);
    expect(json.author).toMatchObject({ name: 'Marie Dupont', mairie: 'paris-11' });
    expect(json.steps[0].photos).toHaveLength(2);

    // Likes: Paul (two emojis: still one like), Léa (delivered twice), Marie herself (does not count); Léa removes hers.
    await reaction('reaction_added', PAUL, postTs, 'heart_eyes');
    await reaction('reaction_added', PAUL, postTs, 'tada');
    const lea = await reaction('reaction_added', LEA, postTs, '+1');
    await reaction('reaction_added', LEA, postTs, '+1', { eventId: lea, retry: 1 });
    await reaction('reaction_added', MARIE, postTs, 'tada');
    json = await gallery(id);
    expect(json.likes.count).toBe(2);
    await reaction('reaction_removed', LEA, postTs, '+1');

    // Comments: Léa replies with a photo, then edits; Paul replies then deletes.
    const leaPhoto = fake.addFile(await plainPng(400, 300, '#3366cc'), 'essai.png', 'image/png', LEA);
    const leaReply = await reply(LEA, postTs, 'On l’essaie au 5e !', [leaPhoto]);
    fake.editMessage(CHANNEL, leaReply.ts, 'On l’a adopté au 5e !');
    await deliver({
      type: 'message',
      subtype: 'message_changed',
      channel: CHANNEL,
      channel_type: 'channel',
      hidden: true,
      ts: fake.nextTs(),
      message: {
        type: 'message',
        user: LEA,
        text: 'On l’a adopté au 5e !',
        ts: leaReply.ts,
        thread_ts: postTs,
        edited: { user: LEA, ts: fake.nextTs() },
      },
      previous_message: { type: 'message', user: LEA, text: 'On l’essaie au 5e !', ts: leaReply.ts, thread_ts: postTs },
    });
    const paulReply = await reply(PAUL, postTs, 'Message de Paul à supprimer');
    expect((await gallery(id)).comments).toHaveLength(2);
    fake.deleteMessage(CHANNEL, paulReply.ts);
    await deliver({
      type: 'message',
      subtype: 'message_deleted',
      channel: CHANNEL,
      channel_type: 'channel',
      hidden: true,
      deleted_ts: paulReply.ts,
      ts: fake.nextTs(),
      previous_message: { type: 'message', user: PAUL, text: 'Message de Paul à supprimer', ts: paulReply.ts, thread_ts: postTs },
    });

    json = await gallery(id);
    expect(json.likes).toEqual({ count: 1, by: [expect.objectContaining({ name: 'Paul Martin' })] });
    expect(json.comments).toHaveLength(1);
    expect(json.comments[0]).toMatchObject({ author: { name: 'Léa Petit', mairie: 'paris-5' }, text: 'On l’a adopté au 5e !' });
    expect(json.comments[0].photos).toHaveLength(1);
    expect(json.comments[0].editedAt).toBeTruthy();
    expect(json.chat.platform).toBe('slack');
  });

  it('repairs likes and comments missed while the product was down, once restarted', async () => {
    const { id, postTs } = await publishFromSlack();
    await reaction('reaction_added', PAUL, postTs, 'heart_eyes');
    const toDelete = await reply(PAUL, postTs, 'Bravo !');
    const toEdit = await reply(LEA, postTs, 'Première version');
    let json = await gallery(id);
    expect(json.likes.count).toBe(1);
    expect(json.comments).toHaveLength(2);

    await app!.stop();
    app = null;

    // Slack keeps living while we are down; its retries give up.
    fake.removeReaction(CHANNEL, postTs, PAUL, 'heart_eyes');
    fake.addReaction(CHANNEL, postTs, LEA, '+1');
    fake.addReaction(CHANNEL, postTs, SOPHIE, 'clap');
    fake.addReaction(CHANNEL, postTs, MARIE, 'tada');
    fake.deleteMessage(CHANNEL, toDelete.ts);
    fake.editMessage(CHANNEL, toEdit.ts, 'Version corrigée');
    fake.addReply(CHANNEL, postTs, SOPHIE, 'Adopté au 20e, merci');
    fake.addReply(CHANNEL, postTs, SOPHIE, 'Et une photo', [
      fake.addFile(await plainPng(300, 200), 'p.png', 'image/png', SOPHIE),
    ]);

    app = await bootApp(env(), dir.dir);
    // Wait for the whole repair: the missed events are processed one by one after the comparison.
    const repaired = ['Adopté au 20e, merci', 'Et une photo', 'Version corrigée'];
    json = await waitFor('the reconciliation', async () => {
      const j = await gallery(id);
      const texts = j.comments.map((c: any) => c.text).sort();
      const photo = j.comments.find((c: any) => c.text === 'Et une photo');
      return j.likes.count === 2 && JSON.stringify(texts) === JSON.stringify(repaired) && photo?.photos.length === 1 ? j : null;
    });
    expect(json.likes.by.map((l: any) => l.name).sort()).toEqual(['Léa Petit', 'Sophie Lefèvre']);
    expect(json.comments.map((c: any) => c.text).sort()).toEqual(['Adopté au 20e, merci', 'Et une photo', 'Version corrigée']);
    expect(json.comments.find((c: any) => c.text === 'Et une photo').photos).toHaveLength(1);

    // A second pass finds nothing left to repair and counts nothing twice.
    const before = await app.db.selectFrom('inbox').select('id').execute();
    await app.stop();
    app = await bootApp(env(), dir.dir);
    await new Promise((r) => setTimeout(r, 2500));
    json = await gallery(id);
    expect(json.likes.count).toBe(2);
    expect(json.comments).toHaveLength(3);
    const after = await app.db.selectFrom('inbox').select('id').execute();
    expect(after.length).toBe(before.length);
  });

  it('publishes the same bricolage from the /bricolage formulaire modal, photo and all', async () => {
    const photo = fake.addFile(await plainPng(800, 600, '#cc6633'), 'planning.png', 'image/png', PAUL);
    const submission = {
      type: 'view_submission',
      team: { id: 'T0PARIS01' },
      user: { id: PAUL, name: 'paul.martin', team_id: 'T0PARIS01' },
      api_app_id: 'A0BRICOLE',
      trigger_id: `trigger-${fake.nextTs()}`,
      view: {
        id: 'V0FORMPAUL',
        callback_id: 'bricolage_form',
        private_metadata: 'D0PAUL002',
        state: {
          values: {
            b_title: { title: { type: 'plain_text_input', value: 'Planning des permanences partagé' } },
            b_problem: { problem: { type: 'plain_text_input', value: 'Les permanences du samedi se chevauchaient' } },
            b_steps: { steps: { type: 'plain_text_input', value: 'Créer le tableau\nLe partager avec l’équipe' } },
            b_category: {
              category: {
                type: 'static_select',
                selected_option: { text: { type: 'plain_text', text: 'Organisation' }, value: 'Organisation du poste' },
              },
            },
            b_photos: {
              photos: {
                type: 'file_input',
                files: [{ id: photo.id, name: photo.name, mimetype: photo.mimetype, size: photo.size }],
              },
            },
          },
        },
      },
    };
    const res = await postSlackInteraction(`${app!.url}/slack/events`, submission, { secret: SECRET });
    expect(res.status).toBe(200);
    const card = await waitFor('the form’s card in the channel', () =>
      fake
        .callsTo('chat.postMessage')
        .find((c) => c.args.channel === CHANNEL && JSON.stringify(c.args.blocks).includes('Planning des permanences')),
    );
    expect(card.args.blocks[0]).toMatchObject({ type: 'header' });
    const { id } = await waitFor('the bricolage', () =>
      app!.db
        .selectFrom('bricolages')
        .select('id')
        .where('title', '=', 'Planning des permanences partagé')
        .where('chat_message_id', 'is not', null)
        .executeTakeFirst(),
    );
    const json = await gallery(id);
    expect(json).toMatchObject({ category: 'Organisation du poste', author: { name: 'Paul Martin', mairie: 'paris-18' } });
    expect(json.steps.map((s: { text: string; photos: unknown[] }) => [s.text, s.photos.length > 0])).toEqual([
      ['Créer le tableau', true],
      ['Le partager avec l’équipe', false],
    ]);
  });
});

/** What the bot posted in a user's direct messages, in order. */
const posted = (user: string) => fake.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${user.slice(1)}`);
const textsSince = (user: string, n: number) =>
  posted(user)
    .slice(n)
    .map((c) => String(c.args.text));
const SUGGESTION = 'Ça ressemble à ce que d’autres ont déjà bricolé';

/**
 * "Ça existe déjà ?" (issue 17): Paul describes the problem Marie solved in other words, gets the
 * suggestion with its Block Kit buttons, presses Je l'adopte as Slack sends it (a signed
 * block_actions interaction), answers the feedback question, and resumes his draft with `reprendre`.
 */
describe('the similar suggestion through Slack', () => {
  it('suggests Marie’s bricolage to Paul with buttons, adopts it from Je l’adopte with feedback, and the draft resumes', async () => {
    for (const text of [
      'nouveau',
      'Ticket coloré pour la file des cartes d’identité',
      'Le samedi, la file des cartes d’identité déborde : tout le monde attend au même guichet.',
      'Imprimer des tickets de couleur',
      'terminé',
      '1',
      'publier',
    ]) {
      await dm(MARIE, text);
    }
    const { id } = await app!.db
      .selectFrom('bricolages')
      .select('id')
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();

    await dm(PAUL, 'nouveau');
    await dm(PAUL, 'Tickets de couleur pour les cartes d’identité');
    const before = posted(PAUL).length;
    await dm(PAUL, 'Chaque samedi, la file pour les cartes d’identité déborde, tout le monde attend au même endroit.');
    const after = posted(PAUL).slice(before);
    const suggestion = after.find((c) => String(c.args.text).startsWith(SUGGESTION));
    expect(suggestion, JSON.stringify(after.map((c) => c.args.text))).toBeDefined();
    expect(String(suggestion!.args.text)).toContain('Ticket coloré pour la file des cartes d’identité');
    expect(String(suggestion!.args.text)).toContain(`/bricolages/${id}`);
    // The steps question still comes after it: the suggestion adds no required message.
    expect(String(after.at(-1)?.args.text)).toContain('3/5');

    const buttons = (suggestion!.args.blocks as any[])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements)
      .filter((e) => e.type === 'button');
    expect(buttons.map((b) => b.text.text)).toEqual([`Je l’adopte (n°${id})`, 'Continuer mon bricolage']);
    const message = fake.messages.find((m) => m.channel === `D${PAUL.slice(1)}` && String(m.text).startsWith(SUGGESTION));
    expect(message).toBeDefined();

    const pressed = posted(PAUL).length;
    await drive.press(PAUL, buttons[0], message!.ts);
    const asked = textsSince(PAUL, pressed);
    expect(asked.join('\n')).toContain('Un retour d’expérience à partager ?');
    expect(asked.join('\n')).toContain('Ticket coloré pour la file des cartes d’identité');

    const feedback = posted(PAUL).length;
    await dm(PAUL, 'Repris au 18e avec deux couleurs, la file du samedi a fondu.');
    expect(textsSince(PAUL, feedback)[0]).toBe('Merci pour votre retour d’expérience ! Il aidera les autres mairies.');
    // Then the optional time-saved question (issue 20); once skipped, the draft is pointed to.
    expect(textsSince(PAUL, feedback).at(-1)).toMatch(/^Dernière question, facultative/);
    const skipped = posted(PAUL).length;
    await dm(PAUL, 'passer');
    expect(textsSince(PAUL, skipped).at(-1)).toContain('« Tickets de couleur pour les cartes d’identité » vous attend');

    const json = await gallery(id);
    expect(json.adoptions).toEqual([
      expect.objectContaining({
        mairie: 'paris-18',
        agent: expect.objectContaining({ name: 'Paul Martin' }),
        feedback: 'Repris au 18e avec deux couleurs, la file du samedi a fondu.',
      }),
    ]);

    const resumed = posted(PAUL).length;
    await dm(PAUL, 'reprendre');
    expect(textsSince(PAUL, resumed).join('\n')).toContain('3/5');
    // Shown once per draft: nothing more was suggested along the way.
    expect(posted(PAUL).filter((c) => String(c.args.text).startsWith(SUGGESTION))).toHaveLength(1);
  });
});
