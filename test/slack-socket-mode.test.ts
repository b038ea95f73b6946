/**
 * The whole product in Slack Socket Mode (SLACK_APP_TOKEN set): real Bolt, real SocketModeClient,
 * the fake Socket Mode server and the fake Web API, the real inbox. What matters to a town hall:
 * Slack is acknowledged only once the event is stored (an acknowledged event is never lost), a
 * redelivery counts once, a storage failure leaves the envelope unacknowledged so Slack resends it.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite, type SqliteConnection } from '../storage/sqlite-driver.js';
import { bootApp, type TestApp } from './support/app.js';
import { type FakeSlack, startFakeSlack } from './support/fake-slack.js';
import { type FakeSlackSocket, startFakeSlackSocket } from './support/fake-slack-socket.js';
import { eventCallback } from './support/slack-signer.js';
import { postgresNotYet } from './support/temp-db.js';
import { waitFor } from './support/wait-for.js';

postgresNotYet('Slack Socket Mode', 'it reads the SQLite file and blocks the inbox with a SQLite trigger');

const CHANNEL = 'C0COMMUNE1';
const MARIE = 'U0MARIE01';
const PAUL = 'U0PAUL002';

let fake: FakeSlack;
let socket: FakeSlackSocket;
let app: TestApp | null = null;
/** A second, synchronous connection: lets an ack callback see the inbox at the very instant of the ack. */
let probe: SqliteConnection | null = null;
let seq = 0;

function storedAtAck(eventId: string): boolean {
  return probe!.prepare('SELECT id FROM inbox WHERE platform = ? AND event_id = ?').all(['slack', eventId]).length > 0;
}

/**
 * Slow storage: the app's database has one connection (behind Kysely), so a
 * transaction held open here makes the inbox insert wait while the event loop keeps running (an
 * early ack would get through meanwhile). Returns the function that lets storage go on.
 */
function holdDatabase(): () => Promise<void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const busy = app!.db.transaction().execute(() => held);
  return async () => {
    release();
    await busy;
  };
}

async function inboxRows(eventId: string) {
  return app!.db
    .selectFrom('inbox')
    .select(['id', 'processed_at'])
    .where('platform', '=', 'slack')
    .where('event_id', '=', eventId)
    .execute();
}

function dmEnvelope(user: string, text: string, eventId = `EvSock${++seq}`) {
  const ts = fake.nextTs();
  return {
    eventId,
    payload: eventCallback(eventId, {
      type: 'message',
      channel: `D${user.slice(1)}`,
      channel_type: 'im',
      user,
      text,
      ts,
      event_ts: ts,
    }),
  };
}

const dmsTo = (user: string) => fake.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${user.slice(1)}`);

beforeEach(async () => {
  fake = await startFakeSlack();
  fake.addUser({ id: MARIE, name: 'marie.dupont', displayName: 'Marie Dupont', fields: { Xf0MAIRIE: '11e' } });
  fake.addUser({ id: PAUL, name: 'paul.martin', displayName: 'Paul Martin', fields: { Xf0MAIRIE: '18e' } });
  socket = await startFakeSlackSocket(fake);
  app = await bootApp({
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: 'unused-in-socket-mode',
    SLACK_APP_TOKEN: fake.appToken,
    SLACK_CHANNEL_ID: CHANNEL,
    SLACK_API_URL: fake.apiUrl,
    SLACK_MAIRIE_FIELD: 'Xf0MAIRIE',
  });
  probe = openSqlite(app.config.databaseFile);
});

afterEach(async () => {
  probe?.close();
  probe = null;
  // The app first (its SocketModeClient disconnects on purpose), then the servers it talked to.
  await app?.close();
  app = null;
  await socket.close();
  await fake.close();
});

describe('Slack in Socket Mode', () => {
  it('connects with the app token through SLACK_API_URL, and mounts no HTTP endpoint', async () => {
    const opens = fake.callsTo('apps.connections.open');
    expect(opens.length).toBeGreaterThan(0);
    expect(opens.every((c) => c.token === fake.appToken)).toBe(true);
    expect(socket.connections()).toBe(1);

    const res = await fetch(`${app!.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    // Bolt listens on nothing over HTTP: an unknown API route, answered in JSON.
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });

  it('acknowledges a DM only once it is in the inbox, then the bot answers', async () => {
    const atAck = new Map<string, boolean>();
    const { eventId, payload } = dmEnvelope(MARIE, 'nouveau');
    socket.onAck((ack) => atAck.set(ack.envelope_id, storedAtAck(eventId)));

    const release = holdDatabase();
    const envelopeId = socket.push('events_api', payload);
    await new Promise((r) => setTimeout(r, 400));
    expect(socket.ackOf(envelopeId)).toBeUndefined();
    expect(storedAtAck(eventId)).toBe(false);

    await release();
    const ack = await socket.waitForAck(envelopeId);
    expect(ack.payload ?? {}).toEqual({});
    expect(atAck.get(envelopeId)).toBe(true);

    await waitFor('the bot to answer Marie', () => dmsTo(MARIE).length > 0);
    await waitFor('the event processed', async () => (await inboxRows(eventId))[0]?.processed_at);
  });

  it('stores a redelivered envelope (same event_id, retry_attempt 1) once', async () => {
    const { eventId, payload } = dmEnvelope(MARIE, 'nouveau');
    const first = socket.push('events_api', payload);
    await socket.waitForAck(first);
    const retry = socket.push('events_api', payload, { retryAttempt: 1, retryReason: 'timeout' });
    await socket.waitForAck(retry);
    await app!.idle();

    expect(await inboxRows(eventId)).toHaveLength(1);
    await waitFor('the bot to answer Marie', () => dmsTo(MARIE).length > 0);
    await app!.idle();
    const answers = dmsTo(MARIE).length;
    expect(socket.acks.map((a) => a.envelope_id)).toEqual([first, retry]);
    // Nothing more is sent for the retry.
    await new Promise((r) => setTimeout(r, 200));
    expect(dmsTo(MARIE)).toHaveLength(answers);
  });

  it('delivers a slash command and a button click to the core, acknowledged after storing', async () => {
    const atAck = new Map<string, boolean>();
    const triggerId = `1764000700.${++seq}.fedcba`;
    const commandEvent = `command:${triggerId}`;
    const actionTs = `1764000600.${String(++seq).padStart(6, '0')}`;
    const actionEvent = `action:${actionTs}:${PAUL}:adopt`;
    socket.onAck((ack) => atAck.set(ack.envelope_id, storedAtAck(ack.envelope_id === commandEnv ? commandEvent : actionEvent)));

    let release = holdDatabase();
    const commandEnv = socket.push('slash_commands', {
      token: 'XXYYZZ',
      team_id: 'T0PARIS01',
      team_domain: 'paris',
      channel_id: 'D0MARIE01',
      channel_name: 'directmessage',
      user_id: MARIE,
      user_name: 'marie.dupont',
      command: '/bricolage',
      text: 'aide',
      api_app_id: 'A0BRICOLE',
      is_enterprise_install: 'false',
      response_url: 'https://hooks.slack.com/commands/T0PARIS01/2/abc',
      trigger_id: triggerId,
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(socket.ackOf(commandEnv)).toBeUndefined();
    await release();
    await socket.waitForAck(commandEnv);
    expect(atAck.get(commandEnv)).toBe(true);

    release = holdDatabase();
    const actionEnv = socket.push('interactive', {
      type: 'block_actions',
      user: { id: PAUL, username: 'paul.martin', name: 'paul.martin', team_id: 'T0PARIS01' },
      api_app_id: 'A0BRICOLE',
      token: 'XXYYZZ',
      container: { type: 'message', message_ts: '1764000050.000100', channel_id: CHANNEL, is_ephemeral: false },
      trigger_id: `1764000600.${seq}.abcdef`,
      team: { id: 'T0PARIS01', domain: 'paris' },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: CHANNEL, name: 'bricolages' },
      message: {
        bot_id: fake.botId,
        type: 'message',
        text: 'Le ticket',
        user: fake.botUserId,
        ts: '1764000050.000100',
        blocks: [],
      },
      state: { values: {} },
      response_url: 'https://hooks.slack.com/actions/T0PARIS01/1/xyz',
      actions: [
        {
          action_id: 'adopt',
          block_id: 'card-actions',
          type: 'button',
          value: '42',
          action_ts: actionTs,
          text: { type: 'plain_text', text: "Je l'ai adopté" },
        },
      ],
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(socket.ackOf(actionEnv)).toBeUndefined();
    await release();
    await socket.waitForAck(actionEnv);
    expect(atAck.get(actionEnv)).toBe(true);

    await waitFor(
      'both events processed by the core',
      async () => (await inboxRows(commandEvent))[0]?.processed_at && (await inboxRows(actionEvent))[0]?.processed_at,
    );
    await waitFor(
      'the bot to answer the slash command',
      () => dmsTo(MARIE).length > 0 || fake.callsTo('chat.postEphemeral').length > 0,
    );
  });

  it('sends no ack when the inbox cannot be written, and stores the redelivery once storage is back', async () => {
    // A storage failure on insert only (the core keeps reading the inbox meanwhile).
    await sql`CREATE TRIGGER inbox_unwritable BEFORE INSERT ON inbox BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`.execute(
      app!.db,
    );
    const { eventId, payload } = dmEnvelope(MARIE, 'nouveau');
    const lost = socket.push('events_api', payload);
    await expect(socket.waitForAck(lost, 1500)).rejects.toThrow(/timed out/);
    expect(socket.acks).toHaveLength(0);
    expect(await inboxRows(eventId)).toHaveLength(0);
    expect(dmsTo(MARIE)).toHaveLength(0);

    // Slack redelivers the unacknowledged envelope; storage works again.
    await sql`DROP TRIGGER inbox_unwritable`.execute(app!.db);
    const retry = socket.push('events_api', payload, { retryAttempt: 1, retryReason: 'timeout' });
    await socket.waitForAck(retry);
    expect(await inboxRows(eventId)).toHaveLength(1);
    await waitFor('the bot to answer Marie', () => dmsTo(MARIE).length > 0);
  });
});
