/**
 * Self-repair of the mirror. Slack gives up retrying after a few failed deliveries, so whatever
 * happened while the product was down would be lost. For every bricolage posted in Slack in the last
 * 30 days this compares Slack (`reactions.get`, `conversations.replies`) with storage and feeds the
 * differences back through `bot.receive` as ordinary events, so the core applies them exactly as it
 * applies live ones. Event ids are deterministic: two runs (or a run racing a late live event) never
 * count anything twice.
 */
import type { webApi } from '@slack/bolt';
import type { BotCore, InboundEvent } from '../../bot/ports.js';
import type { Logger } from '../../log.js';
import type { Db } from '../../storage/db.js';
import {
  countRepairGenerations,
  listMirroredComments,
  listMirroredReactions,
  listRecentChatPosts,
} from '../../storage/reconcile.js';
import {
  AUTHORED_SUBTYPES,
  fromSlackText,
  type InboundContext,
  isFromBot,
  photosOf,
  type SlackMessage,
  slackTsToIso,
} from './inbound.js';
import { slackErrorCode } from './outbound.js';

type WebClient = webApi.WebClient;

export interface ReconcileResult {
  likesAdded: number;
  likesRemoved: number;
  commentsAdded: number;
  commentsRemoved: number;
  commentsEdited: number;
  postsRemoved: number;
}

export interface ReconcileDeps {
  db: Db;
  bot: BotCore;
  client: WebClient;
  log: Logger;
  identity: InboundContext;
  /** How far back to look (days). */
  days?: number;
  now?: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Runs one reconciliation pass; per-post Slack errors are logged and skipped, never thrown. */
export async function reconcileSlack(deps: ReconcileDeps): Promise<ReconcileResult> {
  const { db, bot, client, log, identity } = deps;
  const result: ReconcileResult = {
    likesAdded: 0,
    likesRemoved: 0,
    commentsAdded: 0,
    commentsRemoved: 0,
    commentsEdited: 0,
    postsRemoved: 0,
  };
  const since = new Date((deps.now ?? new Date()).getTime() - (deps.days ?? 30) * DAY_MS).toISOString();

  const posts = await listRecentChatPosts(db, 'slack', since);

  const feed = async (event: InboundEvent): Promise<boolean> => {
    const { duplicate } = await bot.receive(event);
    return !duplicate;
  };
  const nowIsoText = new Date().toISOString();

  for (const post of posts) {
    const channel = post.channelId;
    const ts = post.messageId;
    const author = post.authorPlatform === 'slack' ? post.authorUserId : null;
    const target = { platform: 'slack' as const, channelId: channel, messageId: ts };

    // --- likes ---
    try {
      const got = await client.reactions.get({ channel, timestamp: ts, full: true });
      const inSlack = new Set<string>();
      for (const r of (got.message?.reactions ?? []) as { name?: string; users?: string[] }[]) {
        for (const user of r.users ?? []) if (r.name) inSlack.add(`${user}\u0000${r.name}`);
      }
      const stored = await listMirroredReactions(db, post.id, 'slack');
      const inDb = new Set(stored.map((s) => `${s.user}\u0000${s.emoji}`));
      const relevant = (user: string) => user !== author && user !== identity.botUserId;

      // Present in Slack but not stored: a missed reaction_added; the other way round, a missed removal.
      const missed: ['added' | 'removed', Set<string>, Set<string>][] = [
        ['added', inSlack, inDb],
        ['removed', inDb, inSlack],
      ];
      for (const [change, from, other] of missed) {
        for (const key of from) {
          const [user, emoji] = key.split('\u0000');
          if (other.has(key) || !relevant(user)) continue;
          const id = `reconcile:reaction:${channel}:${ts}:${user}:${emoji}:${change}`;
          const fresh = await feed({
            platform: 'slack',
            eventId: `${id}#${await countRepairGenerations(db, 'slack', id)}`,
            user: { id: user },
            at: nowIsoText,
            type: change === 'added' ? 'reactionAdded' : 'reactionRemoved',
            target,
            emoji,
          });
          if (fresh) result[change === 'added' ? 'likesAdded' : 'likesRemoved'] += 1;
        }
      }
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === 'message_not_found') {
        // The post is gone from Slack: deleting the post removes the bricolage.
        const fresh = await feed({
          platform: 'slack',
          eventId: `reconcile:post:${channel}:${ts}:deleted`,
          user: { id: author || identity.botUserId || 'USLACKBOT' },
          at: nowIsoText,
          type: 'messageDeleted',
          ref: target,
        });
        if (fresh) result.postsRemoved += 1;
        continue;
      }
      log.warn('reconcile: reactions.get failed', { bricolageId: post.id, channel, ts, code });
    }

    // --- comments ---
    try {
      const replies: SlackMessage[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.conversations.replies({ channel, ts, limit: 200, ...(cursor ? { cursor } : {}) });
        for (const m of (page.messages ?? []) as SlackMessage[]) {
          if (m.ts === ts) continue;
          if (!m.user || isFromBot(m, identity) || !AUTHORED_SUBTYPES.has(m.subtype)) continue;
          replies.push(m);
        }
        cursor = page.has_more ? page.response_metadata?.next_cursor || undefined : undefined;
      } while (cursor);

      const stored = await listMirroredComments(db, post.id, 'slack', channel);
      const byTs = new Map(stored.filter((c) => c.messageId).map((c) => [c.messageId!, c]));
      const inSlack = new Set(replies.map((m) => m.ts));

      for (const m of replies) {
        const known = byTs.get(m.ts);
        const ref = { platform: 'slack' as const, channelId: channel, messageId: m.ts, threadId: ts };
        if (!known) {
          const fresh = await feed({
            platform: 'slack',
            eventId: `reconcile:reply:${channel}:${m.ts}:added`,
            user: { id: m.user! },
            at: slackTsToIso(m.ts),
            type: 'threadReply',
            ref,
            parent: target,
            text: fromSlackText(m.text ?? ''),
            photos: photosOf(m.files),
          });
          if (fresh) result.commentsAdded += 1;
        } else if (m.edited && fromSlackText(m.text ?? '').trim() !== known.text) {
          const fresh = await feed({
            platform: 'slack',
            eventId: `reconcile:reply:${channel}:${m.ts}:edited:${m.edited.ts}`,
            user: { id: m.user! },
            at: slackTsToIso(m.edited.ts),
            type: 'messageEdited',
            ref,
            text: fromSlackText(m.text ?? ''),
          });
          if (fresh) result.commentsEdited += 1;
        }
      }
      for (const c of stored) {
        if (!c.messageId || inSlack.has(c.messageId)) continue;
        const fresh = await feed({
          platform: 'slack',
          eventId: `reconcile:reply:${channel}:${c.messageId}:deleted`,
          user: { id: c.user },
          at: nowIsoText,
          type: 'messageDeleted',
          ref: { platform: 'slack', channelId: channel, messageId: c.messageId, threadId: ts },
        });
        if (fresh) result.commentsRemoved += 1;
      }
    } catch (error) {
      log.warn('reconcile: conversations.replies failed', { bricolageId: post.id, channel, ts, code: slackErrorCode(error) });
    }
  }

  const repaired = Object.values(result).some((n) => n > 0);
  if (repaired) log.info('reconcile: repaired the mirror from Slack', { posts: posts.length, ...result });
  return result;
}
