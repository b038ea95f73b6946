/**
 * Self-repair of the mirror. Slack gives up retrying after a few failed deliveries, so whatever
 * happened while the product was down would be lost. For every bricolage posted in Slack in the last
 * 30 days this reads Slack (`reactions.get`, `conversations.replies`) into a snapshot; the core's
 * `repairMirror` (`bot/repair.ts`) compares it with storage and feeds the differences back through
 * `bot.receive` as ordinary events with deterministic ids, so nothing is ever counted twice.
 */
import type { webApi } from '@slack/bolt';
import type { BotCore } from '../../bot/ports.js';
import { type PostSnapshot, type RemoteReply, type RepairResult, repairMirror } from '../../bot/repair.js';
import type { Logger } from '../../log.js';
import type { Db } from '../../storage/db.js';
import type { ChatPost } from '../../storage/reconcile.js';
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

export type ReconcileResult = RepairResult;

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

/** Runs one reconciliation pass; per-post Slack errors are logged and skipped, never thrown. */
export async function reconcileSlack(deps: ReconcileDeps): Promise<ReconcileResult> {
  const { client, log, identity } = deps;

  async function snapshot(post: ChatPost): Promise<PostSnapshot> {
    const channel = post.channelId;
    const ts = post.messageId;
    const snap: PostSnapshot = {};
    try {
      const got = await client.reactions.get({ channel, timestamp: ts, full: true });
      snap.reactions = ((got.message?.reactions ?? []) as { name?: string; users?: string[] }[]).flatMap((r) =>
        r.name ? (r.users ?? []).map((user) => ({ user, emoji: r.name! })) : [],
      );
    } catch (error) {
      const code = slackErrorCode(error);
      // The post is gone from Slack: deleting the post removes the bricolage.
      if (code === 'message_not_found') return { deleted: true };
      log.warn('reconcile: reactions.get failed', { bricolageId: post.id, channel, ts, code });
    }
    try {
      const replies: RemoteReply[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.conversations.replies({ channel, ts, limit: 200, ...(cursor ? { cursor } : {}) });
        for (const m of (page.messages ?? []) as SlackMessage[]) {
          if (m.ts === ts) continue;
          if (!m.user || isFromBot(m, identity) || !AUTHORED_SUBTYPES.has(m.subtype)) continue;
          replies.push({
            messageId: m.ts,
            user: { id: m.user },
            text: fromSlackText(m.text ?? ''),
            at: slackTsToIso(m.ts),
            edit: m.edited ? { stamp: m.edited.ts, at: slackTsToIso(m.edited.ts) } : null,
            photos: photosOf(m.files),
          });
        }
        cursor = page.has_more ? page.response_metadata?.next_cursor || undefined : undefined;
      } while (cursor);
      snap.replies = replies;
    } catch (error) {
      log.warn('reconcile: conversations.replies failed', { bricolageId: post.id, channel, ts, code: slackErrorCode(error) });
    }
    return snap;
  }

  const result = await repairMirror({
    db: deps.db,
    bot: deps.bot,
    platform: 'slack',
    snapshot,
    ignoredUsers: new Set(identity.botUserId ? [identity.botUserId] : []),
    fallbackUser: identity.botUserId || 'USLACKBOT',
    days: deps.days,
    now: deps.now,
  });
  if (Object.values(result).some((n) => n > 0)) log.info('reconcile: repaired the mirror from Slack', { ...result });
  return result;
}
