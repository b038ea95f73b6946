/** Reconciliation against the fake Slack Web API, with the real core and a real SQLite file. */
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Bot, createBot } from '../../bot/handle-event.js';
import { loadConfig } from '../../config.js';
import { createLogger } from '../../log.js';
import { ensureAgent } from '../../storage/agents.js';
import { getBricolage, insertBricolage, linkChatMessage } from '../../storage/bricolages.js';
import { type FakeSlack, startFakeSlack } from '../../test/support/fake-slack.js';
import { createTempDb, describeEngines, type TempDb } from '../../test/support/temp-db.js';
import { createSlackAdapter, type SlackAdapter } from './index.js';

describeEngines('Slack reconciliation in storage', (engine) => {
  const CHANNEL = 'C0COMMUNE1';
  const quiet = createLogger('reconcile-test', true);

  let temp: TempDb;
  let fake: FakeSlack;
  let bot: Bot;
  let adapter: SlackAdapter;

  beforeEach(async () => {
    temp = await createTempDb({ engine });
    fake = await startFakeSlack();
    for (const [id, name] of [
      ['U0MARIE01', 'Marie'],
      ['U0PAUL002', 'Paul'],
      ['U0LEA0003', 'Léa'],
    ])
      fake.addUser({ id, name });
    const config = loadConfig({
      DATA_DIR: temp.dir,
      SEED_DEMO: 'false',
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_CHANNEL_ID: CHANNEL,
      SLACK_API_URL: fake.apiUrl,
    });
    bot = createBot({ db: temp.db, config, log: quiet });
    adapter = createSlackAdapter({
      db: temp.db,
      config,
      slack: config.slack!,
      bot,
      app: express(),
      log: quiet,
      options: { retryConfig: { retries: 0 } },
    });
    await adapter.connect();
    await bot.start();
  });

  afterEach(async () => {
    await adapter.stop();
    await bot.stop();
    await fake.close();
    await temp.cleanup();
  });

  /** A bricolage by Marie posted `daysAgo` days ago as a bot message in the fake channel. */
  async function postedBricolage(daysAgo = 1): Promise<{ id: number; ts: string }> {
    const marie = await ensureAgent(temp.db, {
      platform: 'slack',
      platformUserId: 'U0MARIE01',
      displayName: 'Marie',
      mairie: '11e',
    });
    const at = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
    const id = await insertBricolage(temp.db, {
      authorId: marie.id,
      title: 'Ticket',
      problem: 'File',
      category: 'Autre',
      at,
      steps: [{ text: 'a', photoHashes: [] }],
    });
    const ts = fake.nextTs();
    fake.messages.push({ ts, channel: CHANNEL, user: fake.botUserId, bot_id: fake.botId, text: 'Ticket', reactions: [] });
    await linkChatMessage(temp.db, id, { platform: 'slack', channelId: CHANNEL, messageId: ts }, null);
    return { id, ts };
  }

  const likes = async (id: number) =>
    (await temp.db.selectFrom('likes').select(['agent_id', 'emoji']).where('bricolage_id', '=', id).execute()).length;
  const comments = async (id: number) =>
    (await temp.db.selectFrom('comments').select('text').where('bricolage_id', '=', id).execute()).map((c) => c.text);

  describe('Slack reconciliation', () => {
    it('adds missed likes and replies once, ignoring the author, the bot and old posts', async () => {
      const { id, ts } = await postedBricolage();
      const old = await postedBricolage(40);
      fake.addReaction(CHANNEL, ts, 'U0PAUL002', 'heart_eyes');
      fake.addReaction(CHANNEL, ts, 'U0MARIE01', 'tada');
      fake.addReaction(CHANNEL, old.ts, 'U0PAUL002', 'heart_eyes');
      fake.addReply(CHANNEL, ts, 'U0LEA0003', 'Bravo');
      // The cover photo the bot uploads in the thread is not a comment.
      fake.messages.push({
        ts: fake.nextTs(),
        channel: CHANNEL,
        user: fake.botUserId,
        text: '',
        thread_ts: ts,
        subtype: 'file_share',
        reactions: [],
      });

      const first = await adapter.reconcile();
      await bot.idle();
      expect(first).toMatchObject({ likesAdded: 1, likesRemoved: 0, commentsAdded: 1, commentsRemoved: 0 });
      expect(await likes(id)).toBe(1);
      expect(await comments(id)).toEqual(['Bravo']);
      expect(await likes(old.id)).toBe(0);

      const second = await adapter.reconcile();
      await bot.idle();
      expect(second).toMatchObject({ likesAdded: 0, likesRemoved: 0, commentsAdded: 0, commentsRemoved: 0, commentsEdited: 0 });
    });

    it('removes likes and comments that disappeared, mirrors edits, and a deleted post removes the bricolage', async () => {
      const { id, ts } = await postedBricolage();
      fake.addReaction(CHANNEL, ts, 'U0PAUL002', 'heart_eyes');
      const reply = fake.addReply(CHANNEL, ts, 'U0LEA0003', 'Bravo');
      const other = fake.addReply(CHANNEL, ts, 'U0PAUL002', 'Merci');
      await adapter.reconcile();
      await bot.idle();
      expect(await likes(id)).toBe(1);

      fake.removeReaction(CHANNEL, ts, 'U0PAUL002', 'heart_eyes');
      fake.deleteMessage(CHANNEL, other.ts);
      fake.editMessage(CHANNEL, reply.ts, 'Bravo, adopté !');
      expect(await adapter.reconcile()).toMatchObject({ likesRemoved: 1, commentsRemoved: 1, commentsEdited: 1 });
      await bot.idle();
      expect(await likes(id)).toBe(0);
      expect(await comments(id)).toEqual(['Bravo, adopté !']);

      // Removed, then added again while down: a new event id, so it is not taken for a duplicate.
      fake.addReaction(CHANNEL, ts, 'U0PAUL002', 'heart_eyes');
      expect(await adapter.reconcile()).toMatchObject({ likesAdded: 1 });
      await bot.idle();
      expect(await likes(id)).toBe(1);

      fake.deleteMessage(CHANNEL, ts);
      expect(await adapter.reconcile()).toMatchObject({ postsRemoved: 1 });
      await bot.idle();
      expect(await getBricolage(temp.db, id)).toBeUndefined();
    });

    it('logs and skips a post Slack will not show, without throwing', async () => {
      const { ts } = await postedBricolage();
      fake.addReaction(CHANNEL, ts, 'U0PAUL002', 'heart_eyes');
      fake.failNext('reactions.get', { error: 'channel_not_found' });
      fake.failNext('conversations.replies', { error: 'channel_not_found' });
      await expect(adapter.reconcile()).resolves.toMatchObject({ likesAdded: 0, commentsAdded: 0 });
    });
  });
});
