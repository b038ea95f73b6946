/**
 * Crash tests: the real server in a child process receives a burst of distinct signed Slack events
 * (reactions and thread replies) from 16 senders and is killed with SIGKILL in the middle. After a
 * restart and the redelivery of what was not acknowledged (and, in the second test, redeliveries of
 * acknowledged events mixed in), every event shows exactly once in the gallery's JSON.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureAgent } from '../storage/agents.js';
import { insertBricolage, linkChatMessage } from '../storage/bricolages.js';
import { migrate, openDatabase } from '../storage/db.js';
import { type ChildServer, startChildServer } from './support/child-server.js';
import { type FakeSlack, startFakeSlack } from './support/fake-slack.js';
import { eventCallback, signSlackBody } from './support/slack-signer.js';
import { postgresNotYet, tempDir } from './support/temp-db.js';
import { waitFor } from './support/wait-for.js';

postgresNotYet('crash recovery', 'a killed child server on the SQLite file; several processes on PostgreSQL are issue 18 step 3');

const SECRET = 'crash-signing-secret';
const CHANNEL = 'C0COMMUNE1';
const AUTHOR = 'U0AUTHOR1';
const POST_TS = '1790000000.000100';
const REACTIONS = 240;
const REPLIES = 60;
const SENDERS = 16;

let fake: FakeSlack;
let dir: { dir: string; remove(): void };
let server: ChildServer | null = null;
let bricolageId: number;

interface SlackDelivery {
  eventId: string;
  body: string;
}

function deliveries(): SlackDelivery[] {
  const list: SlackDelivery[] = [];
  const now = Math.floor(Date.now() / 1000);
  for (let i = 0; i < REACTIONS; i += 1) {
    const event = {
      type: 'reaction_added',
      user: `U0LIKE${i}`,
      reaction: i % 3 === 0 ? 'heart' : 'thumbsup',
      item: { type: 'message', channel: CHANNEL, ts: POST_TS },
      item_user: AUTHOR,
      event_ts: `${now}.${String(i).padStart(6, '0')}`,
    };
    list.push({ eventId: `EvLike${i}`, body: JSON.stringify(eventCallback(`EvLike${i}`, event)) });
  }
  for (let i = 0; i < REPLIES; i += 1) {
    const ts = `${now}.${String(500_000 + i).padStart(6, '0')}`;
    const event = {
      type: 'message',
      channel: CHANNEL,
      channel_type: 'channel',
      user: `U0REPLY${i % 7}`,
      text: `Commentaire numéro ${i}`,
      ts,
      thread_ts: POST_TS,
      event_ts: ts,
    };
    list.push({ eventId: `EvReply${i}`, body: JSON.stringify(eventCallback(`EvReply${i}`, event)) });
  }
  // Interleave kinds, deterministically.
  return list.sort((a, b) => (hash(a.eventId) < hash(b.eventId) ? -1 : 1));
}

function hash(text: string): number {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h;
}

async function post(url: string, d: SlackDelivery, retry = 0): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...signSlackBody(SECRET, d.body) };
  if (retry > 0) Object.assign(headers, { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_error' });
  const res = await fetch(`${url}/slack/events`, { method: 'POST', headers, body: d.body });
  await res.arrayBuffer();
  return res.status;
}

/** Sends with `SENDERS` in parallel; kills the server once `killAfter` are acknowledged. */
async function burst(list: SlackDelivery[], killAfter: number): Promise<Set<string>> {
  const acked = new Set<string>();
  let next = 0;
  let killing: Promise<void> | null = null;
  const sender = async () => {
    while (next < list.length && !killing) {
      const d = list[next++];
      try {
        if ((await post(server!.url, d)) === 200) acked.add(d.eventId);
      } catch {
        // Connection refused or reset: the server is gone; Slack would redeliver it.
      }
      if (acked.size >= killAfter && !killing) killing = server!.kill('SIGKILL');
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, sender));
  await (killing ?? server!.kill('SIGKILL'));
  return acked;
}

async function start(): Promise<void> {
  server = await startChildServer({
    DATA_DIR: dir.dir,
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_CHANNEL_ID: CHANNEL,
    SLACK_API_URL: fake.apiUrl,
  });
}

interface GalleryBricolage {
  likes: { count: number; by: { id: number; name: string }[] };
  comments: { text: string }[];
}

async function gallery(): Promise<GalleryBricolage> {
  const res = await fetch(`${server!.url}/bricolages/${bricolageId}.json`);
  expect(res.status).toBe(200);
  return (await res.json()) as GalleryBricolage;
}

async function expectExactlyOnce(): Promise<void> {
  await waitFor(
    'every event reflected in the gallery',
    async () => {
      const b = await gallery();
      return b.likes.count >= REACTIONS && b.comments.length >= REPLIES;
    },
    // Generous for a loaded CI machine; about 5 s on an idle one.
    60_000,
  );
  const b = await gallery();
  expect(b.likes.count).toBe(REACTIONS);
  expect(new Set(b.likes.by.map((a) => a.id)).size).toBe(b.likes.by.length);
  const texts = b.comments.map((c) => c.text).sort();
  expect(texts).toEqual(Array.from({ length: REPLIES }, (_, i) => `Commentaire numéro ${i}`).sort());
}

beforeEach(async () => {
  dir = tempDir('bricoleur-crash-');
  fake = await startFakeSlack();
  // Reconciliation must not repair anything here: the inbox alone must keep every event.
  fake.failNext('reactions.get', { error: 'internal_error' }, 1000);
  fake.failNext('conversations.replies', { error: 'internal_error' }, 1000);
  const db = openDatabase(`${dir.dir}/bricoleur.sqlite`);
  await migrate(db);
  const author = await ensureAgent(db, {
    platform: 'slack',
    platformUserId: AUTHOR,
    displayName: 'Camille',
    mairie: '11e',
    locale: 'fr',
  });
  bricolageId = await db.transaction().execute((trx) =>
    insertBricolage(trx, {
      authorId: author.id,
      title: 'Ticket coloré',
      problem: 'La file d’attente',
      category: 'Autre',
      steps: [{ text: 'Imprimer', photoHashes: [] }],
    }),
  );
  await linkChatMessage(db, bricolageId, { platform: 'slack', channelId: CHANNEL, messageId: POST_TS }, null);
  await db.destroy();
  await start();
});

afterEach(async () => {
  await server?.kill('SIGKILL');
  server = null;
  await fake.close();
  dir.remove();
});

describe('a crash in the middle of a burst', () => {
  it('loses nothing acknowledged and counts every event once after redelivery', { timeout: 120_000 }, async () => {
    const list = deliveries();
    const acked = await burst(list, Math.floor(list.length / 3));
    expect(acked.size).toBeGreaterThan(0);
    expect(acked.size).toBeLessThan(list.length);
    await start();
    for (const d of list.filter((x) => !acked.has(x.eventId))) expect(await post(server!.url, d, 1)).toBe(200);
    await expectExactlyOnce();
  });

  it('counts every event once with redelivered duplicates mixed in', { timeout: 120_000 }, async () => {
    const base = deliveries();
    // Slack sometimes delivers twice: every fifth event appears twice in the burst itself.
    const list = base.flatMap((d, i) => (i % 5 === 0 ? [d, d] : [d]));
    const acked = await burst(list, Math.floor(list.length / 3));
    await start();
    // Redeliver what was not acknowledged, plus every other acknowledged event, concurrently.
    const again = base.filter((d, i) => !acked.has(d.eventId) || i % 2 === 0);
    const statuses = await Promise.all(again.map((d) => post(server!.url, d, 1)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    await expectExactlyOnce();
  });
});
