/**
 * Failing events, on a real SQLite file: a database fault (a trigger refusing one write) makes an
 * event fail; it is retried with backoff, kept aside after its attempts with its error, never holds
 * up the agent's later events, and a restart resumes its retries. Also the group commit's answers.
 */
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Bot, createBot } from '../bot/handle-event.js';
import { t } from '../bot/messages/index.js';
import type { InboundEvent } from '../bot/ports.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { type Db, migrate, openDatabase } from '../storage/db.js';
import { countWaiting, createInboxWriter, listFailedEvents } from '../storage/inbox.js';
import { RecordingPort } from './support/recording-port.js';
import { postgresNotYet, tempDir } from './support/temp-db.js';
import { waitFor } from './support/wait-for.js';

postgresNotYet('inbox retries', 'it opens its SQLite file itself');

let dir: { dir: string; remove(): void };
let db: Db;
let bot: Bot;
let port: RecordingPort;
let seq = 0;

const config = () =>
  loadConfig({
    DATA_DIR: dir.dir,
    SEED_DEMO: 'false',
    DEFAULT_LOCALE: 'en',
    INBOX_MAX_ATTEMPTS: '3',
    INBOX_RETRY_BASE_MS: '40',
  });

async function boot(): Promise<void> {
  db = openDatabase(path.join(dir.dir, 'bricoleur.sqlite'));
  await migrate(db);
  bot = createBot({ db, config: config(), log: createLogger('retry-test', true) });
  bot.registerPort(port);
  await bot.start();
}

function dm(user: string, text: string): InboundEvent {
  seq += 1;
  return {
    platform: 'local',
    eventId: `r${seq}`,
    user: { id: user },
    at: new Date().toISOString(),
    type: 'directMessage',
    ref: { platform: 'local', channelId: `dm:${user}`, messageId: `m${seq}` },
    text,
    photos: [],
  };
}

/** A disk-full-like fault on one kind of write: any draft whose title mentions PANNE. */
async function breakDrafts(): Promise<void> {
  await sql`create trigger panne_insert before insert on conversations when new.state like '%PANNE%' begin select raise(abort, 'disk I/O error'); end`.execute(
    db,
  );
  await sql`create trigger panne_update before update on conversations when new.state like '%PANNE%' begin select raise(abort, 'disk I/O error'); end`.execute(
    db,
  );
}

async function repairDrafts(): Promise<void> {
  await sql`drop trigger panne_insert`.execute(db);
  await sql`drop trigger panne_update`.execute(db);
}

const inboxRow = (eventId: string) =>
  db.selectFrom('inbox').selectAll().where('event_id', '=', eventId).executeTakeFirstOrThrow();

beforeEach(async () => {
  dir = tempDir();
  port = new RecordingPort();
  port.profiles.set('amel', { name: 'Amel', mairie: '11e' });
  port.profiles.set('bruno', { name: 'Bruno', mairie: '5e' });
  await boot();
});

afterEach(async () => {
  await bot.stop();
  await db.destroy();
  dir.remove();
});

describe('failing events', () => {
  it('are retried with backoff, then kept aside with their error, without holding up later events', async () => {
    await bot.receive(dm('amel', 'new'));
    await bot.idle();
    await breakDrafts();
    const failing = dm('amel', 'PANNE of the ticket printer');
    await bot.receive(failing);
    // The agent's next message is answered while the failing one waits for its retry.
    const later = dm('amel', 'help');
    await bot.receive(later);
    await bot.idle();
    expect((await inboxRow(later.eventId)).processed_at).not.toBeNull();
    expect((await inboxRow(failing.eventId)).processed_at).toBeNull();
    expect(port.directTexts('amel')).toContain(t('en', 'somethingWentWrong'));
    expect(port.directTexts('amel').at(-1)).not.toBe(t('en', 'somethingWentWrong'));

    await waitFor('the failing event kept aside', async () => (await inboxRow(failing.eventId)).failed_at);
    const row = await inboxRow(failing.eventId);
    expect(row.attempts).toBe(3);
    expect(row.processed_at).toBeNull();
    const failed = await listFailedEvents(db);
    expect(failed.map((f) => f.eventId)).toEqual([failing.eventId]);
    expect(failed[0].error).toContain('disk I/O error');
    // Told once, not at every retry.
    expect(port.directTexts('amel').filter((text) => text === t('en', 'somethingWentWrong'))).toHaveLength(1);
    expect(await countWaiting(db)).toBe(0);
  });

  it('succeed on a later attempt once the fault is gone', async () => {
    await bot.receive(dm('bruno', 'new'));
    await bot.idle();
    await breakDrafts();
    const failing = dm('bruno', 'PANNE-proof queue tickets');
    await bot.receive(failing);
    await bot.idle();
    expect((await inboxRow(failing.eventId)).attempts).toBe(1);
    await repairDrafts();
    await waitFor('the retried event processed', async () => (await inboxRow(failing.eventId)).processed_at);
    expect(port.directTexts('bruno').at(-1)).toBe(t('en', 'askProblem'));
    expect(await listFailedEvents(db)).toEqual([]);
  });

  it('resume their retries after a restart', async () => {
    await bot.receive(dm('bruno', 'new'));
    await bot.idle();
    await breakDrafts();
    const failing = dm('bruno', 'PANNE-proof mail sorting');
    await bot.receive(failing);
    await bot.idle();
    await bot.stop();
    await repairDrafts();
    await db.destroy();
    await boot();
    await waitFor('the event processed after the restart', async () => (await inboxRow(failing.eventId)).processed_at);
    expect(port.directTexts('bruno').at(-1)).toBe(t('en', 'askProblem'));
  });
});

describe('group commit', () => {
  it('stores concurrent events in shared transactions and answers redeliveries as such', async () => {
    const writer = createInboxWriter(db);
    const events = Array.from({ length: 300 }, (_, i) => ({ platform: 'slack', eventId: `g${i}` }));
    // Each event sent twice in the same burst, and 20 of them again after the first commit.
    const first = await Promise.all([...events, ...events].map((e) => writer.record(e)));
    const again = await Promise.all(events.slice(0, 20).map((e) => writer.record(e)));
    const ids = first.filter((id) => id !== null);
    expect(ids).toHaveLength(300);
    expect(new Set(ids).size).toBe(300);
    expect(again.every((id) => id === null)).toBe(true);
    const stored = await db
      .selectFrom('inbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('platform', '=', 'slack')
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(300);
  });
});
