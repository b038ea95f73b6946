/**
 * Self-repair of the Teams mirror. Teams stops redelivering an activity after a few failures, so
 * whatever happened while the product was down would be lost. For every bricolage posted in Teams in
 * the last 30 days this reads the channel message and its replies through Microsoft Graph (readable
 * with the `ChannelMessage.Read.Group` resource-specific permission), compares them with storage, and
 * feeds the differences back through `bot.receive` as ordinary events with deterministic ids, so two
 * runs (or a run racing a late live activity) never count anything twice.
 */
import type { BotCore, InboundEvent } from '../../bot/ports.js';
import type { TeamsConfig } from '../../config.js';
import type { Logger } from '../../log.js';
import type { Db } from '../../storage/db.js';
import {
  countRepairGenerations,
  listMirroredComments,
  listMirroredReactions,
  listRecentChatPosts,
} from '../../storage/reconcile.js';
import { teamsTextToPlain } from './inbound.js';
import { httpFailure, type RetryPolicy, withRetry } from './retry.js';

export interface ReconcileResult {
  likesAdded: number;
  likesRemoved: number;
  commentsAdded: number;
  commentsRemoved: number;
  commentsEdited: number;
  postsRemoved: number;
}

/** The parts of a Graph `chatMessage` the repair reads. */
interface GraphMessage {
  id: string;
  deletedDateTime?: string | null;
  lastEditedDateTime?: string | null;
  createdDateTime?: string;
  from?: { user?: { id?: string; displayName?: string } | null; application?: unknown } | null;
  body?: { content?: string; contentType?: string };
  reactions?: { reactionType?: string; user?: { user?: { id?: string } | null } }[];
}

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly response: { status: number; headers: Record<string, string> },
  ) {
    super(`Microsoft Graph answered HTTP ${status}`);
    this.name = 'GraphError';
  }
}

export interface ReconcileDeps {
  db: Db;
  bot: BotCore;
  teams: TeamsConfig;
  log: Logger;
  /** A Graph token for the app; null when none is configured (unauthenticated mode). */
  graphToken: () => Promise<string | null>;
  retry?: RetryPolicy;
  days?: number;
  now?: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

async function graphGet<T>(deps: ReconcileDeps, url: string): Promise<T> {
  return withRetry(
    async () => {
      const token = await deps.graphToken();
      const res = await fetch(url, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
        signal: AbortSignal.timeout(30_000),
      });
      if (!res.ok) {
        await res.body?.cancel();
        throw new GraphError(res.status, { status: res.status, headers: Object.fromEntries(res.headers) });
      }
      return (await res.json()) as T;
    },
    { idempotent: true, policy: deps.retry },
  );
}

/** Runs one reconciliation pass; per-post Graph errors are logged and skipped, never thrown. */
export async function reconcileTeams(deps: ReconcileDeps): Promise<ReconcileResult> {
  const { db, bot, teams, log } = deps;
  const result: ReconcileResult = {
    likesAdded: 0,
    likesRemoved: 0,
    commentsAdded: 0,
    commentsRemoved: 0,
    commentsEdited: 0,
    postsRemoved: 0,
  };
  if (!teams.teamId) return result;
  const since = new Date((deps.now ?? new Date()).getTime() - (deps.days ?? 30) * DAY_MS).toISOString();
  const posts = await listRecentChatPosts(db, 'teams', since);
  const feed = async (event: InboundEvent): Promise<boolean> => !(await bot.receive(event)).duplicate;
  const nowIsoText = new Date().toISOString();
  const base = `${teams.graphUrl}/v1.0/teams/${encodeURIComponent(teams.teamId)}/channels`;

  for (const post of posts) {
    const channel = post.channelId;
    const root = post.messageId;
    const author = post.authorPlatform === 'teams' ? post.authorUserId : null;
    const target = { platform: 'teams' as const, channelId: channel, messageId: root };
    const messageUrl = `${base}/${encodeURIComponent(channel)}/messages/${encodeURIComponent(root)}`;

    // --- likes ---
    let message: GraphMessage;
    try {
      message = await graphGet<GraphMessage>(deps, messageUrl);
    } catch (error) {
      if (httpFailure(error).status === 404) {
        // The post is gone from Teams: deleting the post removes the bricolage.
        const fresh = await feed({
          platform: 'teams',
          eventId: `reconcile:post:${channel}:${root}:deleted`,
          user: { id: author ?? teams.appId },
          at: nowIsoText,
          type: 'messageDeleted',
          ref: target,
        });
        if (fresh) result.postsRemoved += 1;
      } else {
        log.warn('reconcile: Graph message read failed', { bricolageId: post.id, status: httpFailure(error).status });
      }
      continue;
    }
    if (message.deletedDateTime) {
      const fresh = await feed({
        platform: 'teams',
        eventId: `reconcile:post:${channel}:${root}:deleted`,
        user: { id: author ?? teams.appId },
        at: nowIsoText,
        type: 'messageDeleted',
        ref: target,
      });
      if (fresh) result.postsRemoved += 1;
      continue;
    }
    const inTeams = new Set<string>();
    for (const r of message.reactions ?? []) {
      const user = r.user?.user?.id;
      if (user && r.reactionType) inTeams.add(`${user}\u0000${r.reactionType}`);
    }
    const stored = await listMirroredReactions(db, post.id, 'teams');
    const inDb = new Set(stored.map((s) => `${s.user}\u0000${s.emoji}`));
    const missed: ['added' | 'removed', Set<string>, Set<string>][] = [
      ['added', inTeams, inDb],
      ['removed', inDb, inTeams],
    ];
    for (const [change, from, other] of missed) {
      for (const key of from) {
        const [user, emoji] = key.split('\u0000');
        if (other.has(key) || user === author) continue;
        const id = `reconcile:reaction:${channel}:${root}:${user}:${emoji}:${change}`;
        const fresh = await feed({
          platform: 'teams',
          eventId: `${id}#${await countRepairGenerations(db, 'teams', id)}`,
          user: { id: user },
          at: nowIsoText,
          type: change === 'added' ? 'reactionAdded' : 'reactionRemoved',
          target,
          emoji,
        });
        if (fresh) result[change === 'added' ? 'likesAdded' : 'likesRemoved'] += 1;
      }
    }

    // --- comments ---
    try {
      const replies: GraphMessage[] = [];
      let next: string | undefined = `${messageUrl}/replies?$top=50`;
      while (next) {
        const page: { value?: GraphMessage[]; '@odata.nextLink'?: string } = await graphGet(deps, next);
        replies.push(...(page.value ?? []));
        next = page['@odata.nextLink'];
      }
      const live = replies.filter((m) => !m.deletedDateTime && m.from?.user?.id);
      const comments = await listMirroredComments(db, post.id, 'teams', channel);
      const byId = new Map(comments.filter((c) => c.messageId).map((c) => [c.messageId!, c]));
      const liveIds = new Set(live.map((m) => m.id));
      for (const m of live) {
        const ref = { platform: 'teams' as const, channelId: channel, messageId: m.id, threadId: root };
        const user = { id: m.from!.user!.id!, ...(m.from?.user?.displayName ? { name: m.from.user.displayName } : {}) };
        const text = teamsTextToPlain(m.body?.content ?? '');
        const known = byId.get(m.id);
        if (!known) {
          const fresh = await feed({
            platform: 'teams',
            eventId: `reconcile:reply:${channel}:${m.id}:added`,
            user,
            at: m.createdDateTime ?? nowIsoText,
            type: 'threadReply',
            ref,
            parent: target,
            text,
            photos: [],
          });
          if (fresh) result.commentsAdded += 1;
        } else if (m.lastEditedDateTime && text !== known.text) {
          const fresh = await feed({
            platform: 'teams',
            eventId: `reconcile:reply:${channel}:${m.id}:edited:${m.lastEditedDateTime}`,
            user,
            at: m.lastEditedDateTime,
            type: 'messageEdited',
            ref,
            text,
          });
          if (fresh) result.commentsEdited += 1;
        }
      }
      for (const c of comments) {
        if (!c.messageId || liveIds.has(c.messageId)) continue;
        const fresh = await feed({
          platform: 'teams',
          eventId: `reconcile:reply:${channel}:${c.messageId}:deleted`,
          user: { id: c.user },
          at: nowIsoText,
          type: 'messageDeleted',
          ref: { platform: 'teams', channelId: channel, messageId: c.messageId, threadId: root },
        });
        if (fresh) result.commentsRemoved += 1;
      }
    } catch (error) {
      log.warn('reconcile: Graph replies read failed', { bricolageId: post.id, status: httpFailure(error).status });
    }
  }
  if (Object.values(result).some((n) => n > 0)) {
    log.info('reconcile: repaired the mirror from Teams', { posts: posts.length, ...result });
  }
  return result;
}
