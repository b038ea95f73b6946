/**
 * The weekly digest, a scheduler job: at each `DIGEST_CRON` slot it posts in every community
 * channel what happened since the previous slot (new bricolages, most liked, adoptions, open
 * workshops). A quiet week posts nothing. The scheduler claims the slot before this runs, so a
 * restart or a second instance never posts twice.
 */
import { Cron } from 'croner';
import { SCHEDULER_TIMEZONE } from '../domain/cron.js';
import { challengesClosedBetween, listChallenges } from '../storage/challenges.js';
import { isQuietWeek, weekActivity } from '../storage/digest.js';
import { provenAnnouncedBetween } from '../storage/proven.js';
import { impactReportedBetween, overallImpact } from '../storage/time-saved.js';
import { listWorkshops } from '../storage/workshops.js';
import { digestMessage } from './digest-message.js';
import type { ChatPort } from './ports.js';
import type { ScheduledJob } from './scheduler.js';
import type { BotDeps } from './turn.js';

export const DIGEST_JOB = 'digest';
const WEEK_MS = 7 * 24 * 3600 * 1000;

export interface DigestDeps extends BotDeps {
  /** The chat ports running now: the digest goes to each one's community channel. */
  ports(): ChatPort[];
}

export function digestJob(deps: DigestDeps): ScheduledJob {
  return { name: DIGEST_JOB, cron: deps.config.digestCron, run: ({ slot }) => sendDigest(deps, slot).then(() => undefined) };
}

/** The window a slot covers: since the previous slot of the same pattern (a week by default). */
export function digestWindow(pattern: string, slot: Date): { from: Date; to: Date } {
  const previous = new Cron(pattern, { timezone: SCHEDULER_TIMEZONE, paused: true }).previousRuns(1, slot)[0];
  return { from: previous ?? new Date(slot.getTime() - WEEK_MS), to: slot };
}

/** Posts the digest of the window ending at `slot`; returns how many channels got it (0 when quiet). */
export async function sendDigest(deps: DigestDeps, slot: Date): Promise<number> {
  const { db, config, log } = deps;
  const window = digestWindow(config.digestCron, slot);
  const activity = await weekActivity(db, { from: window.from.toISOString(), to: window.to.toISOString() });
  const proven = await provenAnnouncedBetween(db, { from: window.from.toISOString(), to: window.to.toISOString() });
  const timeSavedWeek = await impactReportedBetween(db, window.from.toISOString(), window.to.toISOString());
  const challenges = {
    open: (await listChallenges(db, 'open', { limit: 5 })).filter((c) => c.endsAt > window.to.toISOString()),
    closed: await challengesClosedBetween(db, { from: window.from.toISOString(), to: window.to.toISOString() }),
  };
  if (isQuietWeek(activity) && proven.total === 0 && timeSavedWeek.reports === 0 && challenges.closed.length === 0) {
    log.info('quiet week: no digest posted', { slot: slot.toISOString() });
    return 0;
  }
  const message = digestMessage({
    locale: config.defaultLocale,
    publicUrl: config.publicUrl,
    from: window.from,
    to: new Date(window.to.getTime() - 1),
    activity,
    openWorkshops: await listWorkshops(db, 'open', { limit: 5 }),
    proven,
    timeSaved: { week: timeSavedWeek, total: await overallImpact(db) },
    challenges,
  });
  let sent = 0;
  for (const port of deps.ports()) {
    try {
      await port.postToCommunity(message);
      sent++;
    } catch (error) {
      log.error('posting the weekly digest failed', { platform: port.platform, slot: slot.toISOString(), error });
    }
  }
  return sent;
}
