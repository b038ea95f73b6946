/** Opening a défi once its description is given: stored, written in the journal, announced in the community channel. */
import { audit } from '../../storage/audit.js';
import { linkChallengeMessage, openChallenge } from '../../storage/challenges.js';
import { t } from '../messages/index.js';
import type { Turn } from '../turn.js';
import { lastDayText } from './labels.js';

/** The description was given: opens the défi and announces it in the community channel. */
export async function openAndAnnounce(turn: Turn, title: string, description: string, endsAt: string): Promise<void> {
  const id = await openChallenge(turn.trx, { title, description, endsAt, openedBy: turn.agent.id });
  await audit(turn.trx, {
    actorAgentId: turn.agent.id,
    action: 'challenge.open',
    subjectType: 'challenge',
    subjectId: id,
    details: { title, endsAt },
  });
  turn.say('challenge.opened', { id, title, end: lastDayText(turn.locale, endsAt) });
  const locale = turn.deps.config.defaultLocale;
  const text = t(locale, 'challenge.announceOpen', { title, description, end: lastDayText(locale, endsAt) });
  turn.afterCommit(async () => {
    const ref = await turn.port.postToCommunity({ text });
    await linkChallengeMessage(turn.deps.db, id, ref);
  });
}
