/**
 * Levels and badges announced once, in a direct message. A scheduler job looks every minute at the
 * agents whose facts changed since its previous run, recomputes their standing from stored facts
 * (`domain/scoring.ts`), records what is newly due in `agent_announcements` and only then sends it:
 * never a counter, never twice, and never in the middle of a conversation's replies.
 */
import type { Locale } from '../config.js';
import { type Announcement, dueAnnouncements, standingOf } from '../domain/scoring.js';
import { getAgent } from '../storage/agents.js';
import { listAnnounced, recordAnnounced } from '../storage/announcements.js';
import { agentsWithFactsSince, loadAgentFacts } from '../storage/points.js';
import { t } from './messages/index.js';
import type { ChatPort } from './ports.js';
import type { ScheduledJob } from './scheduler.js';
import { type BotDeps, localeOf } from './turn.js';

export const PROGRESS_JOB = 'progress-announcements';

/** The words of one announcement in `locale`. */
export function announcementText(locale: Locale, item: Announcement, points: number): string {
  return item.kind === 'level'
    ? t(locale, 'levelUp', { level: t(locale, `level.${item.key}`), points })
    : t(locale, 'badgeEarned', { badge: t(locale, `badge.${item.key}`), why: t(locale, `badgeWhy.${item.key}`) });
}

/**
 * Announces what one agent is newly owed; returns how many messages were sent. An agent whose
 * platform has no port here is left for a process that has one (nothing is recorded).
 */
export async function announceProgress(
  deps: BotDeps,
  portFor: (platform: string) => ChatPort | undefined,
  agentId: number,
): Promise<number> {
  const agent = await getAgent(deps.db, agentId);
  const port = agent && portFor(agent.platform);
  if (!agent || !port) return 0;
  const standing = standingOf(await loadAgentFacts(deps.db, agentId, '', deps.config.provenMinMairies));
  const due = dueAnnouncements(standing, await listAnnounced(deps.db, agentId));
  if (due.record.length === 0) return 0;
  const recorded = await recordAnnounced(deps.db, agentId, due.record);
  const keys = new Set(recorded.map((a) => `${a.kind}:${a.key}`));
  const locale = localeOf(agent, deps.config);
  let sent = 0;
  for (const item of due.announce.filter((a) => keys.has(`${a.kind}:${a.key}`))) {
    try {
      await port.sendDirect(agent.platform_user_id, { text: announcementText(locale, item, standing.points) });
      sent++;
    } catch (error) {
      deps.log.error('could not announce progress', { agentId, announcement: `${item.kind}:${item.key}`, error });
    }
  }
  return sent;
}

/** The scheduler job: every minute, the agents with new facts since the previous run. */
export function progressJob(deps: BotDeps, portFor: (platform: string) => ChatPort | undefined): ScheduledJob {
  return {
    name: PROGRESS_JOB,
    cron: '* * * * *',
    async run({ slot, previousRunAt }) {
      // A minute of overlap: facts stored while the previous run was reading are not missed, and
      // the announcements table keeps them from being told twice.
      const since = new Date((previousRunAt ?? slot).getTime() - 60_000).toISOString();
      for (const agentId of await agentsWithFactsSince(deps.db, since)) await announceProgress(deps, portFor, agentId);
    },
  };
}
