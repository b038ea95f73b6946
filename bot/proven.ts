/**
 * "A fait ses preuves", announced once: a scheduler job finds proven bricolages not announced yet
 * (`storage/proven.ts`, derived from adoptions), records each in `proven_announcements` and only
 * then posts it in every community channel and tells the author, like the progress announcements.
 * A bricolage recorded once is never announced again, even if it later drops below the threshold.
 */
import { getAgent } from '../storage/agents.js';
import { getBricolage } from '../storage/bricolages.js';
import { claimProvenAnnouncement, provenReach, unannouncedProven } from '../storage/proven.js';
import { t } from './messages/index.js';
import type { ChatPort } from './ports.js';
import type { ScheduledJob } from './scheduler.js';
import { type BotDeps, localeOf } from './turn.js';

export const PROVEN_JOB = 'proven-announcements';

export interface ProvenDeps extends BotDeps {
  /** The chat ports running now. */
  ports(): ChatPort[];
}

/** Announces every proven bricolage not announced yet; returns the ids announced by this call. */
export async function announceProven(deps: ProvenDeps): Promise<number[]> {
  const { db, config, log } = deps;
  const announced: number[] = [];
  for (const id of await unannouncedProven(db, config.provenMinMairies)) {
    if (!(await claimProvenAnnouncement(db, id))) continue;
    announced.push(id);
    const bricolage = await getBricolage(db, id);
    const author = bricolage && (await getAgent(db, bricolage.author_id));
    if (!bricolage || !author) continue;
    const reach = await provenReach(db, id);
    const url = `${config.publicUrl}/bricolages/${id}`;
    const community = config.defaultLocale;
    const post = t(community, 'proven.community', {
      id,
      title: bricolage.title,
      author: author.display_name,
      mairies: t(community, 'proven.mairies', { count: reach }),
      url,
    });
    for (const port of deps.ports()) {
      try {
        await port.postToCommunity({ text: post });
      } catch (error) {
        log.error('could not announce a proven bricolage', { platform: port.platform, bricolageId: id, error });
      }
      if (port.platform !== author.platform) continue;
      const locale = localeOf(author, config);
      const text = t(locale, 'proven.author', {
        id,
        title: bricolage.title,
        mairies: t(locale, 'proven.mairies', { count: reach }),
        url,
      });
      try {
        await port.sendDirect(author.platform_user_id, { text });
      } catch (error) {
        log.error('could not tell an author their bricolage is proven', { bricolageId: id, error });
      }
    }
  }
  return announced;
}

/** Every five minutes: proven status changes with adoptions and feedback, which are rare. */
export function provenJob(deps: ProvenDeps): ScheduledJob {
  return {
    name: PROVEN_JOB,
    cron: '*/5 * * * *',
    async run() {
      await announceProven(deps);
    },
  };
}
