/**
 * The whole product with Teams configured against a fake Bot Connector and a fake Microsoft Graph:
 * real Bot Framework activities POSTed over HTTP to the real server's `/api/messages`, activities the
 * bot sends recorded by the fake, and the gallery's JSON as the judge. Also: a stop, Teams activity
 * while down, a restart, and the reconciliation through Graph.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plainPng } from './fixtures/photos/generate.js';
import { bootApp, type TestApp } from './support/app.js';
import { type FakeTeams, startFakeTeams } from './support/fake-teams.js';
import { activity } from './support/teams-activity.js';
import { CHANNEL, LEA, MARIE, PAUL, SOPHIE, teamsDriver, teamsEnv } from './support/teams-driver.js';
import { postgresNotYet, tempDir } from './support/temp-db.js';
import { waitFor } from './support/wait-for.js';

postgresNotYet('Teams journey', 'restarts on the same DATA_DIR keep the SQLite file');

let fake: FakeTeams;
let app: TestApp | null = null;
let dir: { dir: string; remove(): void };

function env(): Record<string, string> {
  return { ...teamsEnv(fake), MAX_PHOTO_MB: '2' };
}

const drive = () => teamsDriver(fake, () => app!);
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
    const { post, react, reply, gallery, inlineImage, publishFromTeams } = drive();
    const { id, cardId } = await publishFromTeams();
    // The inline image was fetched with a bearer token; the uploaded file without any.
    expect(fake.calls.filter((c) => c.method === 'GET attachment').every((c) => c.authorization?.startsWith('Bearer '))).toBe(
      true,
    );
    expect(fake.calls.filter((c) => c.method === 'GET file').every((c) => !c.authorization)).toBe(true);
    let json = await gallery(id);
    expect(json.author).toMatchObject({ name: 'Marie Dupont', mairie: 'paris-11' });
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

    // Paul presses the card's "Je l'ai adopté" (Action.Submit): recorded, and thanked in a personal chat.
    const card = fake.sent(CHANNEL).find((c) => c.activityId === cardId)!;
    const adoptButton = card.body.attachments[0].content.actions.find((a: any) => a.data?.actionId === 'adopt');
    await post(
      activity('channel-card-submit', {
        id: fake.nextId(),
        from: PAUL,
        replyToId: cardId,
        conversation: { id: `${CHANNEL};messageid=${cardId}` },
        value: adoptButton.data,
      }),
    );
    const paulChat = fake.calls.find((c) => c.method === 'CREATE conversation')!.conversationId!;
    expect(
      fake
        .sent(paulChat)
        .map((c) => String(c.body.text))
        .join(),
    ).toContain('Ticket coloré pour la file');

    json = await gallery(id);
    expect(json.adoptions).toEqual([expect.objectContaining({ agent: expect.objectContaining({ name: 'Paul Martin' }) })]);
    expect(json.likes.count).toBe(2);
    expect(json.comments).toHaveLength(1);
    expect(json.comments[0]).toMatchObject({ author: { name: 'Léa Petit' }, text: 'On l’a adopté au 5e !' });
    expect(json.comments[0].photos).toHaveLength(1);
    expect(json.comments[0].editedAt).toBeTruthy();
  });

  it('repairs likes and comments missed while the product was down, once restarted', async () => {
    const { react, reply, gallery, publishFromTeams } = drive();
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
    fake.addReply(CHANNEL, cardId, { id: SOPHIE.aadObjectId, name: SOPHIE.name }, 'Adopté au 20e, merci', [
      await plainPng(300, 200),
    ]);

    app = await bootApp(env(), dir.dir);
    // Wait for the whole repair: the missed events are processed one by one after the comparison.
    const repaired = ['Adopté au 20e, merci', 'Version corrigée'];
    json = await waitFor('the reconciliation', async () => {
      const j = await gallery(id);
      const texts = j.comments.map((c: any) => c.text).sort();
      const photo = j.comments.find((c: any) => c.text === 'Adopté au 20e, merci');
      return j.likes.count === 2 && JSON.stringify(texts) === JSON.stringify(repaired) && photo?.photos.length === 1 ? j : null;
    });
    expect(json.likes.by.map((l: any) => l.name).sort()).toEqual(['Léa Petit', 'Sophie Lefèvre']);
    expect(json.comments.map((c: any) => c.text).sort()).toEqual(['Adopté au 20e, merci', 'Version corrigée']);
    // The photo pasted in the missed reply is read back from Graph, with the Graph token.
    expect(json.comments.find((c: any) => c.text === 'Adopté au 20e, merci').photos).toHaveLength(1);
    expect(fake.calls.filter((c) => c.method === 'GRAPH hostedContent').every((c) => c.authorization)).toBe(true);
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
