/**
 * The whole product with Teams configured against a fake Bot Connector and a fake Microsoft Graph:
 * real Bot Framework activities POSTed over HTTP to the real server's `/api/messages`, activities the
 * bot sends recorded by the fake, and the gallery's JSON as the judge. Also: a stop, Teams activity
 * while down, a restart, and the reconciliation through Graph.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jpegWithGps, plainPng } from './fixtures/photos/generate.js';
import { bootApp, type TestApp } from './support/app.js';
import { type FakeTeams, startFakeTeams } from './support/fake-teams.js';
import { activity } from './support/teams-activity.js';
import { tempDir } from './support/temp-db.js';
import { waitFor } from './support/wait-for.js';

const CHANNEL = '19:7c1d2e3f4a5b6c7d8e9f@thread.tacv2';
const TEAM = '0f0f0f0f-1111-2222-3333-444444444444';
const MARIE = { id: '29:1a2b3c-marie', name: 'Marie Dupont', aadObjectId: '6b4f2a1e-0000-4000-8000-00000000a001' };
const PAUL = { id: '29:9z8y7x-paul', name: 'Paul Martin', aadObjectId: '6b4f2a1e-0000-4000-8000-00000000b002' };
const LEA = { id: '29:5e6f7g-lea', name: 'Léa Petit', aadObjectId: '6b4f2a1e-0000-4000-8000-00000000c003' };
const SOPHIE = { id: '29:4d4d4d-sophie', name: 'Sophie Lefèvre', aadObjectId: '6b4f2a1e-0000-4000-8000-00000000d004' };
const MARIE_CHAT = 'a:1mZ8xPqR-personal-marie';

let fake: FakeTeams;
let app: TestApp | null = null;
let dir: { dir: string; remove(): void };

function env(): Record<string, string> {
  return {
    TEAMS_ALLOW_UNAUTHENTICATED: 'true',
    TEAMS_SERVICE_URL: fake.serviceUrl,
    TEAMS_CHANNEL_ID: CHANNEL,
    TEAMS_TEAM_ID: TEAM,
    TEAMS_GRAPH_URL: fake.graphUrl,
    MAX_PHOTO_MB: '2',
  };
}

/** POSTs an activity as the Bot Connector would; resolves once the core has processed it. */
async function post(body: Record<string, unknown>, expected = 200): Promise<Response> {
  const res = await fetch(`${app!.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ serviceUrl: fake.serviceUrl, ...body }),
  });
  expect(res.status).toBe(expected);
  await app!.idle();
  return res;
}

function dm(user: typeof MARIE, text: string, attachments: unknown[] = [], conversation = MARIE_CHAT) {
  return post(
    activity('personal-message', {
      id: fake.nextId(),
      timestamp: new Date().toISOString(),
      from: user,
      conversation: { id: conversation },
      text,
      ...(attachments.length > 0 ? { attachments } : {}),
    }),
  );
}

const inlineImage = (contentUrl: string) => ({ contentType: 'image/*', contentUrl });
const uploadedFile = (downloadUrl: string, name: string) => ({
  contentType: 'application/vnd.microsoft.teams.file.download.info',
  contentUrl: `https://contoso-my.sharepoint.com/${name}`,
  name,
  content: { downloadUrl, uniqueId: `u-${name}`, fileType: name.split('.').pop() },
});

function react(kind: 'reaction-added' | 'reaction-removed', user: typeof MARIE, root: string, type: string, id = fake.nextId()) {
  if (kind === 'reaction-added') fake.react(root, user.aadObjectId, type);
  else fake.unreact(root, user.aadObjectId, type);
  const list = kind === 'reaction-added' ? { reactionsAdded: [{ type }] } : { reactionsRemoved: [{ type }] };
  return post(
    activity(kind, {
      id,
      from: user,
      replyToId: root,
      conversation: { id: `${CHANNEL};messageid=${root}` },
      reactionsAdded: null,
      reactionsRemoved: null,
      ...list,
    }),
  ).then(() => id);
}

async function reply(user: typeof MARIE, root: string, text: string, attachments: unknown[] = []): Promise<string> {
  const id = fake.addReply(CHANNEL, root, { id: user.aadObjectId, name: user.name }, text);
  await post(
    activity('channel-reply', {
      id,
      from: user,
      replyToId: root,
      conversation: { id: `${CHANNEL};messageid=${root}` },
      text: `<at>L'agent bricoleur</at> ${text}`,
      ...(attachments.length > 0 ? { attachments } : {}),
    }),
  );
  return id;
}

async function gallery(id: number): Promise<any> {
  const res = await fetch(`${app!.url}/bricolages/${id}.json`);
  expect(res.status).toBe(200);
  return res.json();
}

const lastDmText = () => String(fake.sent(MARIE_CHAT).at(-1)?.body?.text ?? '');

/** Marie posts a 2-step bricolage with a pasted image and an uploaded file from her personal chat. */
async function publishFromTeams(): Promise<{ id: number; cardId: string }> {
  await dm(MARIE, 'nouveau');
  expect(lastDmText()).toContain('mairie');
  await dm(MARIE, '11');
  await dm(MARIE, 'Ticket coloré pour la file');
  await dm(MARIE, 'La file des cartes d’identité déborde le samedi');
  await dm(MARIE, 'Imprimer des tickets de couleur', [inlineImage(fake.addInlineImage(await jpegWithGps(900, 600)))]);
  const file = fake.addDownload(await plainPng(640, 480));
  await dm(MARIE, '', [uploadedFile(file.downloadUrl, 'ecran.png')]);
  await dm(MARIE, 'Les distribuer à l’entrée');
  await dm(MARIE, 'terminé');
  // The category is an Adaptive Card Action.Submit: press the first one.
  const withButtons = fake.sent(MARIE_CHAT).findLast((c) => c.body?.attachments?.length);
  const first = withButtons!.body.attachments[0].content.actions[0];
  expect(first.type).toBe('Action.Submit');
  await post(activity('card-submit', { id: fake.nextId(), from: MARIE, replyToId: withButtons!.activityId, value: first.data }));
  await dm(MARIE, 'publier');
  const card = await waitFor('the card in the channel', () => fake.sent(CHANNEL).at(-1));
  const content = card.body.attachments[0].content;
  expect(card.body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
  expect(content.body[0]).toMatchObject({ type: 'TextBlock', text: 'Ticket coloré pour la file' });
  expect(JSON.stringify(content.body)).toContain('Marie Dupont');
  // No PUBLIC_URL: the photo is a small inline data URI, within the card size limit.
  const image = content.body.find((b: any) => b.type === 'Image');
  expect(image.url).toMatch(/^data:image\/jpeg;base64,/);
  expect(JSON.stringify(content).length).toBeLessThan(28 * 1024);
  expect(content.actions.map((a: any) => a.type)).toContain('Action.Submit');
  const { id } = await waitFor('the bricolage linked to its card', () =>
    app!.db
      .selectFrom('bricolages')
      .select('id')
      .where('chat_platform', '=', 'teams')
      .where('chat_message_id', '=', card.activityId!)
      .executeTakeFirst(),
  );
  await waitFor('the gallery link in the personal chat', () => lastDmText().includes(`/bricolages/${id}`));
  return { id, cardId: card.activityId! };
}

beforeEach(async () => {
  fake = await startFakeTeams();
  for (const user of [MARIE, PAUL, LEA, SOPHIE]) fake.addUser(user);
  dir = tempDir();
  app = await bootApp(env(), dir.dir);
});

afterEach(async () => {
  await app?.stop();
  app = null;
  await fake.close();
  dir.remove();
});

describe('Teams journey', () => {
  it('personal chat with a pasted image and an uploaded file → card → likes, a redelivery, comments edited and deleted → gallery JSON', async () => {
    const { id, cardId } = await publishFromTeams();
    // The inline image was fetched with a bearer token; the uploaded file without any.
    expect(fake.calls.filter((c) => c.method === 'GET attachment').every((c) => c.authorization?.startsWith('Bearer '))).toBe(
      true,
    );
    expect(fake.calls.filter((c) => c.method === 'GET file').every((c) => !c.authorization)).toBe(true);
    let json = await gallery(id);
    expect(json.author).toMatchObject({ name: 'Marie Dupont', mairie: '11e' });
    expect(json.steps[0].photos).toHaveLength(2);
    expect(json.chat.platform).toBe('teams');

    // Likes: Paul twice (still one like), Léa delivered twice, Sophie then removed, Marie herself.
    await react('reaction-added', PAUL, cardId, 'like');
    await react('reaction-added', PAUL, cardId, 'heart');
    const lea = await react('reaction-added', LEA, cardId, 'like');
    await react('reaction-added', LEA, cardId, 'like', lea);
    await react('reaction-added', SOPHIE, cardId, 'laugh');
    await react('reaction-removed', SOPHIE, cardId, 'laugh');
    await react('reaction-added', MARIE, cardId, 'heart');
    json = await gallery(id);
    expect(json.likes.count).toBe(2);
    expect(json.likes.by.map((l: any) => l.name).sort()).toEqual(['Léa Petit', 'Paul Martin']);

    // Comments: Léa replies with a photo, then edits; Paul replies then deletes.
    const leaReply = await reply(LEA, cardId, 'On l’essaie au 5e !', [
      inlineImage(fake.addInlineImage(await plainPng(400, 300, '#3366cc'))),
    ]);
    fake.editReply(leaReply, 'On l’a adopté au 5e !');
    await post(
      activity('message-edit', {
        id: leaReply,
        from: LEA,
        conversation: { id: `${CHANNEL};messageid=${cardId}` },
        text: 'On l’a adopté au 5e !',
      }),
    );
    const paulReply = await reply(PAUL, cardId, 'Message de Paul à supprimer');
    expect((await gallery(id)).comments).toHaveLength(2);
    fake.deleteReply(paulReply);
    await post(
      activity('message-soft-delete', { id: paulReply, from: PAUL, conversation: { id: `${CHANNEL};messageid=${cardId}` } }),
    );

    json = await gallery(id);
    expect(json.likes.count).toBe(2);
    expect(json.comments).toHaveLength(1);
    expect(json.comments[0]).toMatchObject({ author: { name: 'Léa Petit' }, text: 'On l’a adopté au 5e !' });
    expect(json.comments[0].photos).toHaveLength(1);
    expect(json.comments[0].editedAt).toBeTruthy();
  });

  it('repairs likes and comments missed while the product was down, once restarted', async () => {
    const { id, cardId } = await publishFromTeams();
    await react('reaction-added', PAUL, cardId, 'like');
    const toDelete = await reply(PAUL, cardId, 'Bravo !');
    const toEdit = await reply(LEA, cardId, 'Première version');
    let json = await gallery(id);
    expect(json.likes.count).toBe(1);
    expect(json.comments).toHaveLength(2);

    await app!.stop();
    app = null;

    // Teams keeps living while we are down; its redeliveries give up.
    fake.unreact(cardId, PAUL.aadObjectId, 'like');
    fake.react(cardId, LEA.aadObjectId, 'like');
    fake.react(cardId, SOPHIE.aadObjectId, 'heart');
    fake.react(cardId, MARIE.aadObjectId, 'like');
    fake.deleteReply(toDelete);
    fake.editReply(toEdit, 'Version corrigée');
    fake.addReply(CHANNEL, cardId, { id: SOPHIE.aadObjectId, name: SOPHIE.name }, 'Adopté au 20e, merci');

    app = await bootApp(env(), dir.dir);
    json = await waitFor('the reconciliation', async () => {
      const j = await gallery(id);
      return j.likes.count === 2 && j.comments.length === 2 && j.comments.some((c: any) => c.text === 'Version corrigée')
        ? j
        : null;
    });
    expect(json.likes.by.map((l: any) => l.name).sort()).toEqual(['Léa Petit', 'Sophie Lefèvre']);
    expect(json.comments.map((c: any) => c.text).sort()).toEqual(['Adopté au 20e, merci', 'Version corrigée']);
    expect(fake.calls.some((c) => c.method === 'GRAPH replies')).toBe(true);

    // A second pass finds nothing left to repair and counts nothing twice.
    const before = await app.db.selectFrom('inbox').select('id').execute();
    await app.stop();
    app = await bootApp(env(), dir.dir);
    await waitFor('a second Graph pass', () => fake.calls.filter((c) => c.method === 'GRAPH message').length >= 2);
    await new Promise((r) => setTimeout(r, 500));
    await app.idle();
    json = await gallery(id);
    expect(json.likes.count).toBe(2);
    expect(json.comments).toHaveLength(2);
    const after = await app.db.selectFrom('inbox').select('id').execute();
    expect(after.length).toBe(before.length);
  });
});
