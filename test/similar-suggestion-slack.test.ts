/**
 * "Ça existe déjà ?" in Slack, through the fake Slack Web API (issue 17): Marie (11e) publishes a
 * bricolage; Paul (18e) describes the same problem in other words, gets the suggestion with its
 * Block Kit buttons, presses *Je l'adopte* as Slack sends it (a signed block_actions interaction),
 * answers the feedback question, and resumes his draft with `reprendre`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootApp, type TestApp } from './support/app.js';
import { type FakeSlack, startFakeSlack } from './support/fake-slack.js';
import { eventCallback, postSlackEvent, postSlackInteraction } from './support/slack-signer.js';
import { tempDir } from './support/temp-db.js';
import { waitFor } from './support/wait-for.js';

const SECRET = 'similar-signing-secret';
const CHANNEL = 'C0COMMUNE1';
const MARIE = 'U0MARIE01';
const PAUL = 'U0PAUL002';
const SUGGESTION = 'Ça ressemble à ce que d’autres ont déjà bricolé';

let fake: FakeSlack;
let app: TestApp | null = null;
let dir: { dir: string; remove(): void };
let seq = 0;

beforeEach(async () => {
  fake = await startFakeSlack();
  fake.addUser({ id: MARIE, name: 'marie.dupont', displayName: 'Marie Dupont', fields: { Xf0MAIRIE: '11e' } });
  fake.addUser({ id: PAUL, name: 'paul.martin', displayName: 'Paul Martin', fields: { Xf0MAIRIE: '18e' } });
  dir = tempDir();
  app = await bootApp(
    {
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_CHANNEL_ID: CHANNEL,
      SLACK_API_URL: fake.apiUrl,
      SLACK_MAIRIE_FIELD: 'Xf0MAIRIE',
    },
    dir.dir,
  );
});

afterEach(async () => {
  await app?.stop();
  app = null;
  await fake.close();
  dir.remove();
});

/** A direct message as the Events API delivers it; resolves once processed and answered. */
async function dm(user: string, text: string): Promise<void> {
  const eventId = `EvS${++seq}`;
  const ts = fake.nextTs();
  const event = { type: 'message', channel: `D${user.slice(1)}`, channel_type: 'im', user, text, ts, event_ts: ts };
  const res = await postSlackEvent(`${app!.url}/slack/events`, eventCallback(eventId, event), { secret: SECRET });
  expect(res.status).toBe(200);
  await waitFor(`event ${eventId} processed`, () =>
    app!.db
      .selectFrom('inbox')
      .select('id')
      .where('event_id', '=', eventId)
      .where('processed_at', 'is not', null)
      .executeTakeFirst(),
  );
  // Replies go out after the commit.
  await app!.idle();
}

/** What the bot posted in a user's direct messages, in order. */
const posted = (user: string) => fake.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${user.slice(1)}`);
const textsSince = (user: string, n: number) =>
  posted(user)
    .slice(n)
    .map((c) => String(c.args.text));

/** Presses a button of a message the bot posted, as Slack sends it: a signed block_actions interaction. */
async function press(
  user: string,
  message: { ts: string },
  button: { action_id: string; value: string; text: { text: string } },
) {
  const res = await postSlackInteraction(
    `${app!.url}/slack/events`,
    {
      type: 'block_actions',
      user: { id: user, username: user, name: user, team_id: 'T0PARIS01' },
      api_app_id: 'A0BRICOLE',
      token: 'XXYYZZ',
      container: { type: 'message', message_ts: message.ts, channel_id: `D${user.slice(1)}`, is_ephemeral: false },
      trigger_id: `${fake.nextTs()}.1.x`,
      team: { id: 'T0PARIS01', domain: 'paris' },
      channel: { id: `D${user.slice(1)}`, name: 'directmessage' },
      message: { bot_id: fake.botId, type: 'message', text: '', user: fake.botUserId, ts: message.ts, blocks: [] },
      state: { values: {} },
      response_url: 'https://hooks.slack.com/actions/T0PARIS01/1/xyz',
      actions: [{ ...button, block_id: 'b', type: 'button', action_ts: fake.nextTs() }],
    },
    { secret: SECRET },
  );
  expect(res.status).toBe(200);
  await app!.idle();
}

async function gallery(id: number): Promise<any> {
  const res = await fetch(`${app!.url}/bricolages/${id}.json`);
  expect(res.status).toBe(200);
  return res.json();
}

describe('the suggestion while posting, in Slack', () => {
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
    await press(PAUL, message!, buttons[0]);
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
