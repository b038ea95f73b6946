/** `mon profil`: points, level, the way to the next level and badges, from stored facts. */

import { standingOf } from '../domain/scoring.js';
import { loadAgentFacts } from '../storage/points.js';
import { authorImpact } from '../storage/time-saved.js';
import { t } from './messages/index.js';
import { amountText } from './time-saved/amount.js';
import type { Turn } from './turn.js';

/** Ten blocks, filled in proportion: ▰▰▰▱▱▱▱▱▱▱. */
export function progressBar(progress: number): string {
  const filled = Math.max(0, Math.min(10, Math.floor(progress * 10)));
  return '▰'.repeat(filled) + '▱'.repeat(10 - filled);
}

export async function showProfile(turn: Turn): Promise<void> {
  const standing = standingOf(await loadAgentFacts(turn.trx, turn.agent.id, '', turn.deps.config.provenMinMairies));
  const { locale } = turn;
  const progress = standing.next
    ? t(locale, 'profileNext', {
        bar: progressBar(standing.progress),
        next: t(locale, `level.${standing.next.level}`),
        min: standing.next.min,
        missing: standing.next.missing,
      })
    : t(locale, 'profileTop');
  const badges =
    standing.badges.length > 0 ? standing.badges.map((b) => t(locale, `badge.${b}`)).join(', ') : t(locale, 'profileNoBadge');
  turn.say('profile', { points: standing.points, level: t(locale, `level.${standing.level}`), progress, badges });
  // What colleagues say one's bricolages save them (issue 20), once someone reported it.
  const impact = await authorImpact(turn.trx, turn.agent.id);
  if (impact.reports > 0) {
    turn.say('timeSaved.profile', { count: impact.reports, amount: amountText(locale, impact.minutesPerWeek) });
  }
}
