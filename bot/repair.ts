/**
 * The platform-neutral half of the self-repair (reconciliation). Each adapter reads what its
 * platform shows of a posted bricolage (reactions, thread replies, whether the post still exists)
 * into a `PostSnapshot`; this compares it with storage and feeds the differences back through
 * `bot.receive` as ordinary events, so the core applies them exactly as live ones. Event ids are
 * deterministic: two runs, or a run racing a late live event, never count anything twice.
 */
import type { Db } from '../storage/db.js';
import {
  type ChatPost,
  countRepairGenerations,
  listMirroredComments,
  listMirroredReactions,
  listRecentChatPosts,
} from '../storage/reconcile.js';
import type { BotCore, ChatUser, InboundEvent, IncomingPhoto, MessageRef, Platform } from './ports.js';

export interface RepairResult {
  likesAdded: number;
  likesRemoved: number;
  commentsAdded: number;
  commentsRemoved: number;
  commentsEdited: number;
  postsRemoved: number;
}

/** One thread reply as the platform shows it now. */
export interface RemoteReply {
  messageId: string;
  user: ChatUser;
  text: string;
  /** When it was written (ISO 8601). */
  at: string;
  /** Set when the platform says it was edited: `stamp` identifies that edit (it keys the event id). */
  edit: { stamp: string; at: string } | null;
  photos: IncomingPhoto[];
}

/** What an adapter could read of one post; a part it could not read is left undefined (not repaired). */
export interface PostSnapshot {
  /** The post is gone from the platform: the bricolage is deleted like a live deletion would. */
  deleted?: boolean;
  reactions?: { user: string; emoji: string }[];
  replies?: RemoteReply[];
}

export interface RepairDeps {
  db: Db;
  bot: BotCore;
  platform: Platform;
  /** Reads the platform; may throw, which skips that post (logged by the adapter). */
  snapshot(post: ChatPost): Promise<PostSnapshot>;
  /** Users whose reactions never count (the bot itself), besides the author. */
  ignoredUsers?: ReadonlySet<string>;
  /** Who a deletion of the whole post is attributed to when the author is not on this platform. */
  fallbackUser: string;
  days?: number;
  now?: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function emptyRepair(): RepairResult {
  return { likesAdded: 0, likesRemoved: 0, commentsAdded: 0, commentsRemoved: 0, commentsEdited: 0, postsRemoved: 0 };
}

/** Runs one repair pass over the platform's posts of the last `days` days (30 by default). */
export async function repairMirror(deps: RepairDeps): Promise<RepairResult> {
  const { db, bot, platform } = deps;
  const result = emptyRepair();
  const since = new Date((deps.now ?? new Date()).getTime() - (deps.days ?? 30) * DAY_MS).toISOString();
  const posts = await listRecentChatPosts(db, platform, since);
  const feed = async (event: InboundEvent): Promise<boolean> => !(await bot.receive(event)).duplicate;
  const nowIso = new Date().toISOString();

  for (const post of posts) {
    let snapshot: PostSnapshot;
    try {
      snapshot = await deps.snapshot(post);
    } catch {
      continue;
    }
    const channel = post.channelId;
    const root = post.messageId;
    const author = post.authorPlatform === platform ? post.authorUserId : null;
    const target: MessageRef = { platform, channelId: channel, messageId: root };

    if (snapshot.deleted) {
      const fresh = await feed({
        platform,
        eventId: `reconcile:post:${channel}:${root}:deleted`,
        user: { id: author || deps.fallbackUser },
        at: nowIso,
        type: 'messageDeleted',
        ref: target,
      });
      if (fresh) result.postsRemoved += 1;
      continue;
    }

    if (snapshot.reactions) {
      const remote = new Set(snapshot.reactions.map((r) => `${r.user}\u0000${r.emoji}`));
      const stored = new Set((await listMirroredReactions(db, post.id, platform)).map((s) => `${s.user}\u0000${s.emoji}`));
      // Present on the platform but not stored: a missed addition; the other way round, a missed removal.
      const missed: ['added' | 'removed', Set<string>, Set<string>][] = [
        ['added', remote, stored],
        ['removed', stored, remote],
      ];
      for (const [change, from, other] of missed) {
        for (const key of from) {
          const [user, emoji] = key.split('\u0000');
          if (other.has(key) || user === author || deps.ignoredUsers?.has(user)) continue;
          const id = `reconcile:reaction:${channel}:${root}:${user}:${emoji}:${change}`;
          const fresh = await feed({
            platform,
            eventId: `${id}#${await countRepairGenerations(db, platform, id)}`,
            user: { id: user },
            at: nowIso,
            type: change === 'added' ? 'reactionAdded' : 'reactionRemoved',
            target,
            emoji,
          });
          if (fresh) result[change === 'added' ? 'likesAdded' : 'likesRemoved'] += 1;
        }
      }
    }

    if (snapshot.replies) {
      const stored = await listMirroredComments(db, post.id, platform, channel);
      const byId = new Map(stored.filter((c) => c.messageId).map((c) => [c.messageId!, c]));
      const remoteIds = new Set(snapshot.replies.map((m) => m.messageId));
      for (const m of snapshot.replies) {
        const ref: MessageRef = { platform, channelId: channel, messageId: m.messageId, threadId: root };
        const known = byId.get(m.messageId);
        if (!known) {
          const fresh = await feed({
            platform,
            eventId: `reconcile:reply:${channel}:${m.messageId}:added`,
            user: m.user,
            at: m.at,
            type: 'threadReply',
            ref,
            parent: target,
            text: m.text,
            photos: m.photos,
          });
          if (fresh) result.commentsAdded += 1;
        } else if (m.edit && m.text.trim() !== known.text) {
          const fresh = await feed({
            platform,
            eventId: `reconcile:reply:${channel}:${m.messageId}:edited:${m.edit.stamp}`,
            user: m.user,
            at: m.edit.at,
            type: 'messageEdited',
            ref,
            text: m.text,
          });
          if (fresh) result.commentsEdited += 1;
        }
      }
      for (const c of stored) {
        if (!c.messageId || remoteIds.has(c.messageId)) continue;
        const fresh = await feed({
          platform,
          eventId: `reconcile:reply:${channel}:${c.messageId}:deleted`,
          user: { id: c.user },
          at: nowIso,
          type: 'messageDeleted',
          ref: { platform, channelId: channel, messageId: c.messageId, threadId: root },
        });
        if (fresh) result.commentsRemoved += 1;
      }
    }
  }
  return result;
}
