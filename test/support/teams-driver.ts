/**
 * Drives the product as Microsoft Teams would in tests: Bot Framework activities (fixtures with
 * overrides) POSTed to the real server's `/api/messages`, kept consistent with what the fake Teams
 * (connector + Graph) shows, and the whole posting conversation of a bricolage.
 */
import { expect } from 'vitest';
import { jpegWithGps, plainPng } from '../fixtures/photos/generate.js';
import type { TestApp } from './app.js';
import type { FakeTeams } from './fake-teams.js';
import { activity } from './teams-activity.js';
import { waitFor } from './wait-for.js';

export const CHANNEL = '19:7c1d2e3f4a5b6c7d8e9f@thread.tacv2';
export const TEAM = '0f0f0f0f-1111-2222-3333-444444444444';
export const MARIE = { id: '29:1a2b3c-marie', name: 'Marie Dupont', aadObjectId: '6b4f2a1e-0000-4000-8000-00000000a001' };
export const PAUL = { id: '29:9z8y7x-paul', name: 'Paul Martin', aadObjectId: '6b4f2a1e-0000-4000-8000-00000000b002' };
export const LEA = { id: '29:5e6f7g-lea', name: 'Léa Petit', aadObjectId: '6b4f2a1e-0000-4000-8000-00000000c003' };
export const SOPHIE = { id: '29:4d4d4d-sophie', name: 'Sophie Lefèvre', aadObjectId: '6b4f2a1e-0000-4000-8000-00000000d004' };
export const MARIE_CHAT = 'a:1mZ8xPqR-personal-marie';

export type TeamsUser = typeof MARIE;

export function teamsEnv(fake: FakeTeams): Record<string, string> {
  return {
    TEAMS_ALLOW_UNAUTHENTICATED: 'true',
    TEAMS_SERVICE_URL: fake.serviceUrl,
    TEAMS_CHANNEL_ID: CHANNEL,
    TEAMS_TEAM_ID: TEAM,
    TEAMS_GRAPH_URL: fake.graphUrl,
  };
}

export function teamsDriver(fake: FakeTeams, current: () => TestApp) {
  /** POSTs an activity as the Bot Connector would; resolves once the core has processed it. */
  async function post(body: Record<string, unknown>, expected = 200): Promise<Response> {
    const res = await fetch(`${current().url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceUrl: fake.serviceUrl, ...body }),
    });
    expect(res.status).toBe(expected);
    await current().idle();
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

  function react(
    kind: 'reaction-added' | 'reaction-removed',
    user: typeof MARIE,
    root: string,
    type: string,
    id = fake.nextId(),
  ) {
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
    const res = await fetch(`${current().url}/bricolages/${id}.json`);
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
    // The eight categories are past the six actions Teams shows: a compact menu and one submit.
    // Pick the first category and submit, as Teams does: the input's value merged into the data.
    const withButtons = fake.sent(MARIE_CHAT).findLast((c) => c.body?.attachments?.length);
    const menu = withButtons!.body.attachments[0].content.body.find((b: any) => b.type === 'Input.ChoiceSet');
    expect(menu).toMatchObject({ style: 'compact', id: 'value' });
    const submit = withButtons!.body.attachments[0].content.actions[0];
    expect(submit.type).toBe('Action.Submit');
    await post(
      activity('card-submit', {
        id: fake.nextId(),
        from: MARIE,
        replyToId: withButtons!.activityId,
        value: { ...submit.data, [menu.id]: menu.choices[0].value },
      }),
    );
    await dm(MARIE, 'publier');
    const card = await waitFor('the card in the channel', () => fake.sent(CHANNEL).at(-1));
    const content = card.body.attachments[0].content;
    expect(card.body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(content.body[0]).toMatchObject({ type: 'RichTextBlock', inlines: [{ text: 'Ticket coloré pour la file' }] });
    expect(JSON.stringify(content.body)).toContain('Marie Dupont');
    // No PUBLIC_URL: the photo is a small inline data URI, within the card size limit.
    const image = content.body.find((b: any) => b.type === 'Image');
    expect(image.url).toMatch(/^data:image\/jpeg;base64,/);
    expect(card.bytes).toBeLessThanOrEqual(24 * 1024);
    expect(content.actions.map((a: any) => a.type)).toContain('Action.Submit');
    const { id } = await waitFor('the bricolage linked to its card', () =>
      current()
        .db.selectFrom('bricolages')
        .select('id')
        .where('chat_platform', '=', 'teams')
        .where('chat_message_id', '=', card.activityId!)
        .executeTakeFirst(),
    );
    // Other messages may follow it (the offer to join a running défi).
    await waitFor('the gallery link in the personal chat', () =>
      fake.sent(MARIE_CHAT).some((c) => String(c.body?.text ?? '').includes(`/bricolages/${id}`)),
    );
    return { id, cardId: card.activityId! };
  }

  return { post, dm, inlineImage, uploadedFile, react, reply, gallery, lastDmText, publishFromTeams };
}
