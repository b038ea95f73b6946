/**
 * A burst of distinct signed Slack events (reactions and thread replies on one published bricolage,
 * from many senders) against real server processes, and the gallery JSON that must count each
 * acknowledged one exactly once: shared by the crash, shutdown and multi-instance tests.
 */
import { expect } from 'vitest';
import { ensureAgent } from '../../storage/agents.js';
import { insertBricolage, linkChatMessage } from '../../storage/bricolages.js';
import { type Db, migrate, openDatabase } from '../../storage/db.js';
import type { Engine } from '../../storage/dialect.js';
import { type ChildServer, startChildServer } from './child-server.js';
import { type FakeSlack, startFakeSlack } from './fake-slack.js';
import { eventCallback, signSlackBody } from './slack-signer.js';
import { createDatabaseLocation, tempDir } from './temp-db.js';
import { waitFor } from './wait-for.js';

export const BURST_SECRET = 'burst-signing-secret';
const CHANNEL = 'C0COMMUNE1';
/** The author of the burst's target: a known agent with a mairie. */
export const BURST_AUTHOR = 'U0AUTHOR1';
const POST_TS = '1790000000.000100';

export interface SlackDelivery {
  eventId: string;
  body: string;
}

/** A database with the burst's target, the fake Slack, and how to start servers on them. */
export interface BurstStage {
  fake: FakeSlack;
  bricolageId: number;
  /** A new server process on the stage's database (on PostgreSQL, as one more instance). */
  start(env?: Record<string, string>): Promise<ChildServer>;
  /** Kills every server started, and removes the database and folders. */
  close(): Promise<void>;
}

export async function prepareBurstStage(engine: Engine): Promise<BurstStage> {
  const dir = tempDir('bricoleur-burst-');
  const database = await createDatabaseLocation(engine, `${dir.dir}/bricoleur.sqlite`);
  const fake = await startFakeSlack();
  refuseReconciliation(fake);
  const db = openDatabase(database.location);
  await migrate(db);
  const bricolageId = await seedBurstTarget(db);
  await db.destroy();
  const servers: ChildServer[] = [];
  return {
    fake,
    bricolageId,
    async start(env = {}) {
      const server = await startChildServer({
        DATA_DIR: dir.dir,
        // PostgreSQL: a killed server's claims are taken over once their lease (here 2 s) expires.
        ...(engine === 'postgres' ? { DATABASE_URL: database.location, INBOX_LEASE_MS: '2000' } : {}),
        ...burstSlackEnv(fake),
        ...env,
      });
      servers.push(server);
      return server;
    },
    async close() {
      for (const server of servers) await server.kill('SIGKILL');
      await fake.close();
      await database.drop();
      dir.remove();
    },
  };
}

/** The child server's environment for Slack against the fake. */
function burstSlackEnv(fake: FakeSlack): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: BURST_SECRET,
    SLACK_CHANNEL_ID: CHANNEL,
    SLACK_API_URL: fake.apiUrl,
  };
}

/** Reconciliation must repair nothing here: the inbox alone must keep every event. */
function refuseReconciliation(fake: FakeSlack): void {
  fake.failNext('reactions.get', { error: 'internal_error' }, 1000);
  fake.failNext('conversations.replies', { error: 'internal_error' }, 1000);
}

/** The published bricolage the burst reacts to and replies under; returns its id. */
export async function seedBurstTarget(db: Db): Promise<number> {
  const author = await ensureAgent(db, {
    platform: 'slack',
    platformUserId: BURST_AUTHOR,
    displayName: 'Camille',
    mairie: '11e',
    locale: 'fr',
  });
  const id = await db.transaction().execute((trx) =>
    insertBricolage(trx, {
      authorId: author.id,
      title: 'Ticket coloré',
      problem: 'La file d’attente',
      category: 'Autre',
      steps: [{ text: 'Imprimer', photoHashes: [] }],
    }),
  );
  await linkChatMessage(db, id, { platform: 'slack', channelId: CHANNEL, messageId: POST_TS }, null);
  return id;
}

/** `reactions` likes from distinct agents and `replies` comments from 7 agents, interleaved deterministically. */
export function burstDeliveries(reactions: number, replies: number): SlackDelivery[] {
  const list: SlackDelivery[] = [];
  const now = Math.floor(Date.now() / 1000);
  for (let i = 0; i < reactions; i += 1) {
    const event = {
      type: 'reaction_added',
      user: `U0LIKE${i}`,
      reaction: i % 3 === 0 ? 'heart' : 'thumbsup',
      item: { type: 'message', channel: CHANNEL, ts: POST_TS },
      item_user: BURST_AUTHOR,
      event_ts: `${now}.${String(i).padStart(6, '0')}`,
    };
    list.push({ eventId: `EvLike${i}`, body: JSON.stringify(eventCallback(`EvLike${i}`, event)) });
  }
  for (let i = 0; i < replies; i += 1) {
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
  return list.sort((a, b) => (hash(a.eventId) < hash(b.eventId) ? -1 : 1));
}

function hash(text: string): number {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h;
}

/** Delivers one event as Slack does (`retry` > 0: a redelivery); resolves with the HTTP status. */
export async function deliver(url: string, d: SlackDelivery, retry = 0): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...signSlackBody(BURST_SECRET, d.body) };
  if (retry > 0) Object.assign(headers, { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_error' });
  const res = await fetch(`${url}/slack/events`, { method: 'POST', headers, body: d.body });
  await res.arrayBuffer();
  return res.status;
}

/**
 * Sends `list` from `senders` in parallel, each delivery to `target(i)`; `onAck` sees the count of
 * acknowledged events after each one (to kill or stop a server mid-burst). A refused or reset
 * connection is what Slack would redeliver. Resolves with the acknowledged event ids.
 */
export async function sendBurst(
  list: SlackDelivery[],
  target: (index: number) => string | null,
  onAck: (acked: number) => void,
  senders = 16,
): Promise<Set<string>> {
  const acked = new Set<string>();
  let next = 0;
  const sender = async () => {
    while (next < list.length) {
      const index = next++;
      const url = target(index);
      if (!url) continue;
      try {
        if ((await deliver(url, list[index])) === 200) acked.add(list[index].eventId);
      } catch {
        // Connection refused or reset: the server is gone; Slack would redeliver it.
      }
      onAck(acked.size);
    }
  };
  await Promise.all(Array.from({ length: senders }, sender));
  return acked;
}

interface GalleryBricolage {
  likes: { count: number; by: { id: number; name: string }[] };
  comments: { text: string }[];
}

export async function galleryBricolage(url: string, id: number): Promise<GalleryBricolage> {
  const res = await fetch(`${url}/bricolages/${id}.json`);
  expect(res.status).toBe(200);
  return (await res.json()) as GalleryBricolage;
}

/** Waits until the gallery at `url` shows every event of the burst, then checks each counts once. */
export async function expectEachOnce(url: string, id: number, reactions: number, replies: number): Promise<void> {
  await waitFor(
    'every event reflected in the gallery',
    async () => {
      const b = await galleryBricolage(url, id);
      return b.likes.count >= reactions && b.comments.length >= replies;
    },
    // Generous for a loaded CI machine; about 5 s on an idle one.
    60_000,
    100,
  );
  const b = await galleryBricolage(url, id);
  expect(b.likes.count).toBe(reactions);
  expect(new Set(b.likes.by.map((a) => a.id)).size).toBe(b.likes.by.length);
  const texts = b.comments.map((c) => c.text).sort();
  expect(texts).toEqual(Array.from({ length: replies }, (_, i) => `Commentaire numéro ${i}`).sort());
}
