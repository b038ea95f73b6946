/**
 * Through Slack (signed Events API requests to the real server, the official SDK against the fake
 * Slack Web API): a newcomer is welcomed once when joining the community channel or on a first
 * message, never a bot; then a défi from opening to the result the scheduler announces at the end
 * date on a fake clock, with the button offered after publishing pressed as Slack sends it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { type RunningApp, startApp } from '../main.js';
import { getChallenge, listChallenges } from '../storage/challenges.js';
import { FakeClock } from './support/fake-clock.js';
import { type FakeSlack, startFakeSlack } from './support/fake-slack.js';
import { CHANNEL, MARIE, PAUL, slackDriver, slackEnv } from './support/slack-driver.js';
import { tempDir } from './support/temp-db.js';
import { waitFor } from './support/wait-for.js';

const SECRET = 'challenge-signing-secret';
const JULIEN = 'U0JULIEN1';
const NOEMIE = 'U0NOEMIE3';
const ROBOT = 'U0ROBOT99';

let fake: FakeSlack;
let app: RunningApp;
let clock: FakeClock;
let dir: { dir: string; remove(): void };
let drive: ReturnType<typeof slackDriver>;

beforeEach(async () => {
  fake = await startFakeSlack();
  fake.addUser({ id: JULIEN, name: 'julien', realName: 'Julien Moreau', fields: { Xf0MAIRIE: 'Hôtel de Ville' } });
  fake.addUser({ id: MARIE, name: 'marie', realName: 'Marie Dupont', fields: { Xf0MAIRIE: '11e' } });
  fake.addUser({ id: PAUL, name: 'paul', realName: 'Paul Martin', fields: { Xf0MAIRIE: '18e' } });
  fake.addUser({ id: NOEMIE, name: 'noemie', realName: 'Noémie Roux', fields: { Xf0MAIRIE: '11e' } });
  fake.addUser({ id: ROBOT, name: 'robot', realName: 'Robot des plannings', isBot: true });
  dir = tempDir();
  clock = new FakeClock(Date.now());
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir.dir,
    SEED_DEMO: 'false',
    ...slackEnv(fake, SECRET),
    ANIMATORS: `slack:${JULIEN}`,
  });
  app = await startApp(config, createLogger('test-app', true), { scheduler: { clock, tickMs: 0 } });
  drive = slackDriver(fake, () => app, SECRET);
});

afterEach(async () => {
  await app.stop();
  await fake.close();
  dir.remove();
});

const deliver = (event: Record<string, unknown>) => drive.deliver(event);
const dm = (user: string, text: string) => drive.dm(user, text);

const joined = (user: string) =>
  deliver({
    type: 'member_joined_channel',
    user,
    channel: CHANNEL,
    channel_type: 'C',
    team: 'T0PARIS01',
    event_ts: fake.nextTs(),
  });

/** What the bot posted in a user's DM, in order. */
const dms = (user: string) => fake.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${user.slice(1)}`);
const texts = (user: string) => dms(user).map((c) => String(c.args.text));
const welcomes = (user: string) => texts(user).filter((t) => t.startsWith('Bienvenue'));

const press = (user: string, actionId: string, value: string) => drive.press(user, { action_id: actionId, value });

describe('welcome through Slack', () => {
  it('welcomes a newcomer once (joining, then again, then writing), on a first message too, never a bot', async () => {
    await joined(MARIE);
    await waitFor('the welcome', () => welcomes(MARIE)[0]);
    const welcome = dms(MARIE)[0];
    expect(String(welcome.args.text)).toContain('Bienvenue Marie Dupont !');
    const buttons = JSON.stringify(welcome.args.blocks);
    expect(buttons).toContain('Partager un bricolage');
    expect(buttons).toContain('Voir la galerie');
    await joined(MARIE);
    await dm(MARIE, 'aide');
    await app.idle();
    expect(welcomes(MARIE)).toHaveLength(1);

    // Paul never joined: his first message gets the welcome, then the answer.
    await dm(PAUL, 'aide');
    await waitFor('Paul’s answers', () => (texts(PAUL).length >= 2 ? true : undefined));
    expect(welcomes(PAUL)).toHaveLength(1);
    expect(texts(PAUL)[0]).toMatch(/^Bienvenue Paul Martin/);

    // "Partager un bricolage" starts the posting conversation.
    await press(PAUL, 'welcome.share', 'new');
    await waitFor('the first question', () => texts(PAUL).find((t) => t.includes('titre')));

    await joined(ROBOT);
    await app.idle();
    expect(dms(ROBOT)).toEqual([]);
    const rows = await app.db.selectFrom('welcomes').select(['agent_id', 'welcomed_at']).execute();
    expect(rows).toHaveLength(3);
  });
});

describe('a défi through Slack', () => {
  it('opens, takes part by button and command, and the scheduler announces the result at the end date', async () => {
    const day = new Date(clock.now().getTime() + 7 * 86_400_000);
    const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(day).split('-');
    await dm(PAUL, `défi ouvrir Zéro papier jusqu'au ${d}/${m}/${y}`);
    expect(texts(PAUL).at(-1)).toContain('seuls les animateurs');
    await dm(JULIEN, `défi ouvrir Zéro papier jusqu'au ${d}/${m}/${y}`);
    expect(texts(JULIEN).at(-1)).toContain('décrivez en un message');
    await dm(JULIEN, 'Montrez comment vous économisez le papier.');
    const [challenge] = await listChallenges(app.db, 'open');
    const announce = await waitFor('the announcement', () =>
      fake.callsTo('chat.postMessage').find((c) => c.args.channel === CHANNEL && String(c.args.text).includes('Nouveau défi')),
    );
    expect(String(announce.args.text)).toContain('Zéro papier');

    // Marie posts through the conversation; the offer comes as a button, pressed as Slack sends it.
    for (const text of ['nouveau', 'Tickets recto verso', 'Trop de papier', 'Imprimer recto verso', 'terminé', '1', 'publier']) {
      await dm(MARIE, text);
    }
    const offer = await waitFor('the défi offer', () =>
      dms(MARIE).find((c) => String(c.args.text).includes('Un défi entre mairies est en cours')),
    );
    const { id } = await app.db.selectFrom('bricolages').select('id').executeTakeFirstOrThrow();
    expect(JSON.stringify(offer.args.blocks)).toContain(`${challenge.id}:${id}`);
    await press(MARIE, `challenge.link.${challenge.id}`, `${challenge.id}:${id}`);
    await waitFor('the link confirmed', () => texts(MARIE).find((t) => t.includes('participe maintenant au défi')));
    await waitFor('the thread note', () =>
      fake.callsTo('chat.postMessage').find((c) => c.args.thread_ts && String(c.args.text).includes('Nouvelle participation')),
    );
    await dm(PAUL, `adopté ${id}`);

    // The end date passes on the scheduler's clock: the result is posted once, and told to Marie.
    clock.set(Date.parse((await getChallenge(app.db, challenge.id))!.ends_at) + 60_000);
    await app.scheduler.tick();
    await app.scheduler.tick();
    const results = fake
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === CHANNEL && String(c.args.text).includes('Défi terminé'));
    expect(results).toHaveLength(1);
    expect(String(results[0].args.text)).toContain('Mairie du 11e');
    expect(String(results[0].args.text)).toContain('1 agent a participé.');
    await waitFor('Marie told', () => texts(MARIE).find((t) => t.includes('termine 1re')));
    expect((await getChallenge(app.db, challenge.id))?.status).toBe('closed');
  });
});
