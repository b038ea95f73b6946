/**
 * Through Teams (Bot Framework activities POSTed to the real server's `/api/messages`, the fake Bot
 * Connector recording what the bot sends): a newcomer added to the team is welcomed once on
 * `conversationUpdate` with `membersAdded`, never the bot itself nor another bot, not again on a
 * redelivery nor on their first message; then a défi from the refusal of a non-animateur and its
 * opening to the result the scheduler announces at the end date on a fake clock, with the button
 * offered after publishing submitted as Teams sends it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { type RunningApp, startApp } from '../main.js';
import { getChallenge, listChallenges } from '../storage/challenges.js';
import { FakeClock } from './support/fake-clock.js';
import { type FakeTeams, startFakeTeams } from './support/fake-teams.js';
import { activity } from './support/teams-activity.js';
import { CHANNEL, MARIE, MARIE_CHAT, PAUL, teamsDriver, teamsEnv } from './support/teams-driver.js';
import { tempDir } from './support/temp-db.js';
import { waitFor } from './support/wait-for.js';

const JULIEN = { id: '29:7j7j7j-julien', name: 'Julien Moreau', aadObjectId: '6b4f2a1e-0000-4000-8000-00000000e005' };
const JULIEN_CHAT = 'a:1mZ8xPqR-personal-julien';
const PAUL_CHAT = 'a:1mZ8xPqR-personal-paul';
const BOT_ID = '28:00000000-0000-0000-0000-0000000b0700';

let fake: FakeTeams;
let app: RunningApp;
let clock: FakeClock;
let dir: { dir: string; remove(): void };

beforeEach(async () => {
  fake = await startFakeTeams();
  for (const user of [MARIE, PAUL, JULIEN]) fake.addUser(user);
  dir = tempDir();
  clock = new FakeClock(Date.now());
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir.dir,
    SEED_DEMO: 'false',
    ...teamsEnv(fake),
    ANIMATORS: `teams:${JULIEN.aadObjectId}`,
  });
  app = await startApp(config, createLogger('test-app', true), { scheduler: { clock, tickMs: 0 } });
  await app.platforms.firstAttempts();
});

afterEach(async () => {
  await app.stop();
  await fake.close();
  dir.remove();
});

const drive = () => teamsDriver(fake, () => ({ ...app, dataDir: dir.dir, close: () => app.stop() }));

/** Everything the bot sent to a conversation, text and cards, one string per activity. */
const said = (conversationId: string) => fake.sent(conversationId).map((c) => JSON.stringify(c.body));
/** What the bot sent in personal chats (replies, and conversations it opened itself). */
const personal = () =>
  fake
    .sent()
    .filter((c) => c.conversationId !== CHANNEL && !c.conversationId?.startsWith(`${CHANNEL};`))
    .map((c) => ({ conversationId: c.conversationId!, body: JSON.stringify(c.body) }));
const welcomesTo = (name: string) => personal().filter((m) => m.body.includes(`Bienvenue ${name} !`));

function added(id: string, members: { id: string; name?: string; aadObjectId?: string }[]) {
  return activity('conversation-update-members', { id, membersAdded: members });
}

describe('welcome through Teams', () => {
  it('welcomes a member added to the team once, never the bot nor another bot, not again on a redelivery or a first message', async () => {
    const { post, dm } = drive();
    const bots = [{ id: BOT_ID }, { id: '28:11111111-2222-3333-4444-555555555555', name: 'Another bot' }];
    await post(added(fake.nextId(), [PAUL, ...bots]));
    await waitFor('the welcome', () => welcomesTo('Paul Martin')[0]);
    const [welcome] = welcomesTo('Paul Martin');
    expect(welcome.body).toContain('Partager un bricolage');
    expect(welcome.body).toContain('Voir la galerie');

    // Teams redelivers, Paul is added to another team, then writes: no second welcome.
    await post(added(fake.nextId(), [PAUL]));
    await dm(PAUL, 'aide', [], PAUL_CHAT);
    await waitFor('the answer to aide', () => (said(PAUL_CHAT).length > 0 ? true : undefined));
    expect(welcomesTo('Paul Martin')).toHaveLength(1);
    expect(personal().filter((m) => m.body.includes('Bienvenue'))).toHaveLength(1);
    const rows = await app.db.selectFrom('welcomes').select('agent_id').execute();
    expect(rows).toHaveLength(1);
  });
});

describe('a défi through Teams', () => {
  it('is refused to an agent, opened by an animateur, joined by the button after publishing, and closed by the scheduler with its result', async () => {
    const { post, dm, publishFromTeams } = drive();
    const day = new Date(clock.now().getTime() + 7 * 86_400_000);
    const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(day).split('-');
    await dm(PAUL, `défi ouvrir Zéro papier jusqu'au ${d}/${m}/${y}`, [], PAUL_CHAT);
    expect(said(PAUL_CHAT).at(-1)).toContain('seuls les animateurs');
    expect(await listChallenges(app.db, 'open')).toEqual([]);

    await dm(JULIEN, `défi ouvrir Zéro papier jusqu'au ${d}/${m}/${y}`, [], JULIEN_CHAT);
    expect(said(JULIEN_CHAT).at(-1)).toContain('décrivez en un message');
    await dm(JULIEN, 'Montrez comment vous économisez le papier.', [], JULIEN_CHAT);
    const [challenge] = await listChallenges(app.db, 'open');
    expect(challenge).toMatchObject({ title: 'Zéro papier' });
    await waitFor('the announcement in the channel', () =>
      said(CHANNEL).find((s) => s.includes('Nouveau défi entre mairies') && s.includes('Zéro papier')),
    );

    // Marie posts from her personal chat; the offer comes as a card, submitted as Teams sends it.
    const { id } = await publishFromTeams();
    const offer = await waitFor('the défi offer', () =>
      fake.sent(MARIE_CHAT).find((c) => JSON.stringify(c.body).includes('Un défi entre mairies est en cours')),
    );
    const action = offer.body.attachments[0].content.actions.find(
      (a: { data?: { actionId?: string } }) => a.data?.actionId === `challenge.link.${challenge.id}`,
    );
    expect(action.data.value).toBe(`${challenge.id}:${id}`);
    await post(activity('card-submit', { id: fake.nextId(), from: MARIE, replyToId: offer.activityId, value: action.data }));
    await waitFor('the link confirmed', () => said(MARIE_CHAT).find((s) => s.includes('participe maintenant au défi')));
    await waitFor('the note in the announcement thread', () =>
      fake
        .sent()
        .find(
          (c) =>
            c.conversationId?.startsWith(`${CHANNEL};messageid=`) && JSON.stringify(c.body).includes('Nouvelle participation'),
        ),
    );

    // The end date passes on the scheduler's clock: the result is posted once, and told to Marie.
    clock.set(Date.parse((await getChallenge(app.db, challenge.id))!.ends_at) + 60_000);
    await app.scheduler.tick();
    await app.scheduler.tick();
    await app.idle();
    const results = said(CHANNEL).filter((s) => s.includes('Défi terminé'));
    expect(results).toHaveLength(1);
    expect(results[0]).toContain('Mairie du 11e');
    expect(results[0]).toContain('1 agent a participé.');
    await waitFor('Marie told', () => personal().find((m) => m.body.includes('Merci d’avoir participé au défi')));
    expect(personal().find((m) => m.body.includes('Merci d’avoir participé au défi'))!.body).toContain('termine 1re');
    expect((await getChallenge(app.db, challenge.id))?.status).toBe('closed');
  });
});
