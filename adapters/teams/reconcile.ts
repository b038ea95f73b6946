/**
 * Self-repair of the Teams mirror. Teams stops redelivering an activity after a few failures, so
 * whatever happened while the product was down would be lost. For every bricolage posted in Teams in
 * the last 30 days this reads the channel message and its replies through Microsoft Graph (readable
 * with the `ChannelMessage.Read.Group` resource-specific permission) into a snapshot; the core's
 * `repairMirror` (`bot/repair.ts`) compares it with storage and feeds the differences back through
 * `bot.receive` with deterministic event ids, so nothing is ever counted twice.
 */
import type { BotCore } from '../../bot/ports.js';
import { emptyRepair, type PostSnapshot, type RepairResult, repairMirror } from '../../bot/repair.js';
import type { TeamsConfig } from '../../config.js';
import type { Logger } from '../../log.js';
import type { Db } from '../../storage/db.js';
import type { ChatPost } from '../../storage/reconcile.js';
import { hostedImagesOf, teamsTextToPlain } from './inbound.js';
import { httpFailure, type RetryPolicy, withRetry } from './retry.js';

export type ReconcileResult = RepairResult;

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
  readonly status: number;
  readonly response: { status: number; headers: Record<string, string> };

  constructor(status: number, response: { status: number; headers: Record<string, string> }) {
    super(`Microsoft Graph answered HTTP ${status}`);
    this.status = status;
    this.response = response;
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
  const { teams, log } = deps;
  if (!teams.teamId) return emptyRepair();
  const base = `${teams.graphUrl}/v1.0/teams/${encodeURIComponent(teams.teamId)}/channels`;

  async function snapshot(post: ChatPost): Promise<PostSnapshot> {
    const messageUrl = `${base}/${encodeURIComponent(post.channelId)}/messages/${encodeURIComponent(post.messageId)}`;
    let message: GraphMessage;
    try {
      message = await graphGet<GraphMessage>(deps, messageUrl);
    } catch (error) {
      const status = httpFailure(error).status;
      // The post is gone from Teams: deleting the post removes the bricolage.
      if (status === 404) return { deleted: true };
      log.warn('reconcile: Graph message read failed', { bricolageId: post.id, status });
      throw error;
    }
    if (message.deletedDateTime) return { deleted: true };
    const snap: PostSnapshot = {
      reactions: (message.reactions ?? []).flatMap((r) =>
        r.user?.user?.id && r.reactionType ? [{ user: r.user.user.id, emoji: r.reactionType }] : [],
      ),
    };
    try {
      const replies: GraphMessage[] = [];
      let next: string | undefined = `${messageUrl}/replies?$top=50`;
      while (next) {
        const page: { value?: GraphMessage[]; '@odata.nextLink'?: string } = await graphGet(deps, next);
        replies.push(...(page.value ?? []));
        next = page['@odata.nextLink'];
      }
      // Soft-deleted replies stay in Graph with `deletedDateTime`; the bot's own have no user.
      snap.replies = replies
        .filter((m) => !m.deletedDateTime && m.from?.user?.id)
        .map((m) => ({
          messageId: m.id,
          user: { id: m.from!.user!.id!, ...(m.from?.user?.displayName ? { name: m.from.user.displayName } : {}) },
          text: teamsTextToPlain(m.body?.content ?? ''),
          at: m.createdDateTime ?? new Date().toISOString(),
          edit: m.lastEditedDateTime ? { stamp: m.lastEditedDateTime, at: m.lastEditedDateTime } : null,
          photos: hostedImagesOf(m.body?.content ?? '', teams.graphUrl),
        }));
    } catch (error) {
      log.warn('reconcile: Graph replies read failed', { bricolageId: post.id, status: httpFailure(error).status });
    }
    return snap;
  }

  const result = await repairMirror({
    db: deps.db,
    bot: deps.bot,
    platform: 'teams',
    snapshot,
    fallbackUser: teams.appId,
    days: deps.days,
    now: deps.now,
  });
  if (Object.values(result).some((n) => n > 0)) log.info('reconcile: repaired the mirror from Teams', { ...result });
  return result;
}
