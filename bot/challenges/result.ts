/**
 * Closing a défi and telling its result: the podium of mairies, the most adopted bricolage and the
 * number of agents taking part, in the community channel and to each participant. Used by the
 * scheduler job at the end date (`challengeCloseJob`) and by `défi fermer <n°>`.
 */
import type { Locale } from '../../config.js';
import { mairieLabel } from '../../domain/mairies.js';
import { audit } from '../../storage/audit.js';
import { type ChallengeResult, challengeParticipants, closeChallenge, dueChallenges } from '../../storage/challenges.js';
import type { Db, DbOrTrx } from '../../storage/db.js';
import type { Challenge } from '../../storage/schema.js';
import { t } from '../messages/index.js';
import type { ChatPort } from '../ports.js';
import type { ScheduledJob } from '../scheduler.js';
import type { BotDeps } from '../turn.js';
import { authorLabel } from '../workshops/labels.js';
import { challengeUrl } from './labels.js';

export const CHALLENGE_CLOSE_JOB = 'challenge-close';
const MEDALS = ['🥇', '🥈', '🥉'];

export interface ClosedChallenge {
  challenge: Challenge;
  result: ChallengeResult;
}

/**
 * Closes a défi in the caller's transaction and writes it in the journal; null when it was not open
 * (another instance or a command closed it first). `closedBy` null: closed by its end date.
 */
export async function closeAndAudit(
  trx: DbOrTrx,
  input: { id: number; closedBy: number | null; at?: string },
): Promise<ClosedChallenge | null> {
  const closed = await closeChallenge(trx, input);
  if (!closed) return null;
  await audit(trx, {
    actorAgentId: input.closedBy,
    action: 'challenge.close',
    subjectType: 'challenge',
    subjectId: input.id,
    details: { by: input.closedBy === null ? 'end-date' : 'animateur', winners: closed.result.winners },
  });
  return closed;
}

/** The community post of a result, in the community's language. */
export function resultText(locale: Locale, publicUrl: string, closed: ClosedChallenge): string {
  const { challenge, result } = closed;
  const podium = result.podium.length
    ? [
        t(locale, 'challenge.podiumHeader'),
        ...result.podium.map((p) =>
          t(locale, 'challenge.podiumLine', {
            medal: MEDALS[p.rank - 1] ?? `${p.rank}.`,
            mairie: mairieLabel(p.mairie, locale) ?? p.mairie,
            score: p.score,
          }),
        ),
        t(locale, 'challenge.winners', {
          mairies: result.winners.map((m) => mairieLabel(m, locale) ?? m).join(', '),
        }),
      ].join('\n')
    : t(locale, 'challenge.noPodium');
  const top = result.topBricolage
    ? t(locale, 'challenge.top', {
        id: result.topBricolage.id,
        title: result.topBricolage.title,
        author: authorLabel(locale, result.topBricolage.authorName, result.topBricolage.mairie),
        adoptions: t(locale, 'challenge.adoptions', { count: result.topBricolage.adoptions }),
      })
    : t(locale, 'challenge.noTop');
  return t(locale, 'challenge.announceResult', {
    title: challenge.title,
    podium,
    top,
    participants: t(locale, 'challenge.participants', { count: result.participants }),
    url: challengeUrl(publicUrl, challenge.id),
  });
}

/**
 * Posts the result in the community channel of each port and tells each participant on their own
 * platform. Failures are logged, never thrown: the défi is closed either way.
 */
export async function announceResult(deps: BotDeps, ports: readonly ChatPort[], closed: ClosedChallenge): Promise<void> {
  const { db, config, log } = deps;
  const post = resultText(config.defaultLocale, config.publicUrl, closed);
  const participants = await challengeParticipants(db, closed.challenge);
  const url = challengeUrl(config.publicUrl, closed.challenge.id);
  for (const port of ports) {
    try {
      await port.postToCommunity({ text: post });
    } catch (error) {
      log.error('could not announce the result of a défi', { platform: port.platform, challengeId: closed.challenge.id, error });
    }
    for (const p of participants.filter((x) => x.platform === port.platform)) {
      const locale: Locale = p.locale === 'en' || p.locale === 'fr' ? p.locale : config.defaultLocale;
      const mairie = p.mairie;
      const rank = closed.result.podium.find((r) => r.mairie === mairie)?.rank;
      const text =
        mairie && rank
          ? t(locale, 'challenge.participantResult', {
              title: closed.challenge.title,
              mairie: mairieLabel(mairie, locale) ?? mairie,
              rank: t(locale, 'challenge.rank', { count: rank }),
              url,
            })
          : t(locale, 'challenge.participantNoRank', { title: closed.challenge.title, url });
      try {
        await port.sendDirect(p.platformUserId, { text });
      } catch (error) {
        log.error('could not tell a participant the result of a défi', { challengeId: closed.challenge.id, error });
      }
    }
  }
}

export interface ChallengeJobDeps extends BotDeps {
  db: Db;
  /** The chat ports running now. */
  ports(): ChatPort[];
}

/** Closes every open défi whose end date has come, once each; returns the ids this call closed. */
export async function closeDueChallenges(deps: ChallengeJobDeps, now: Date): Promise<number[]> {
  const closedIds: number[] = [];
  for (const id of await dueChallenges(deps.db, now.toISOString())) {
    const closed = await deps.db
      .transaction()
      .execute((trx) => closeAndAudit(trx, { id, closedBy: null, at: now.toISOString() }));
    if (!closed) continue;
    closedIds.push(id);
    await announceResult(deps, deps.ports(), closed);
  }
  return closedIds;
}

/**
 * Every minute (Paris time, like every job): the défis whose end date has come are closed and
 * announced. The close is an update from open to closed, so with several instances only one wins.
 */
export function challengeCloseJob(deps: ChallengeJobDeps): ScheduledJob {
  return {
    name: CHALLENGE_CLOSE_JOB,
    cron: '* * * * *',
    runAtStart: true,
    run: async ({ slot }) => {
      await closeDueChallenges(deps, slot);
    },
  };
}
