/**
 * Reading the défi commands: `défi ouvrir <titre> jusqu'au <jj/mm[/aaaa]>`, `défi fermer <n°>`,
 * `défi <n°>`, `défis` (English: `challenge open <title> until <dd/mm>`, `challenge close <n>`,
 * `challenge <n>`, `challenges`).
 */
import { type CalendarDay, isCalendarDay, parisDayOf, parisEndOfDay } from '../../domain/paris-time.js';
import { normalize } from '../wizard/parse.js';

export type ChallengeCommand =
  | { name: 'list' }
  /** `day.year` is null when not typed: the next such day. `day` is null when the date is missing or unreadable. */
  | { name: 'open'; title: string; day: { day: number; month: number; year: number | null } | null }
  | { name: 'close'; id: number | null }
  | { name: 'link'; bricolageId: number }
  | { name: 'usage' };

const LIST_WORDS = ['defis', 'challenges'];
const HEAD_WORDS = ['defi', 'challenge'];
const OPEN_WORDS = ['ouvrir', 'ouvre', 'open'];
const CLOSE_WORDS = ['fermer', 'ferme', 'clore', 'close'];
const NUMBER = /^(?:n°|no|n|#)?\s*(\d{1,9})$/i;
/** "… jusqu'au 15/12", "… jusqu’au 15/12/2026", "… until 15/12", "… au 15/12". */
const UNTIL =
  /^([\s\S]*?)\s+(?:jusqu['’]\s*au|jusqu['’]\s*a|until|au)\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{2}|\d{4}))?\s*$/i;

/** The défi command the text is, or null when it is not one (other commands get their turn). */
export function challengeCommandOf(text: string): ChallengeCommand | null {
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return null;
  const head = normalize(match[1]);
  const rest = (match[2] ?? '').trim();
  if (LIST_WORDS.includes(head) && !rest) return { name: 'list' };
  if (!HEAD_WORDS.includes(head)) return null;
  const sub = /^(\S+)(?:\s+([\s\S]*))?$/.exec(rest);
  const verb = sub ? normalize(sub[1]) : '';
  const args = (sub?.[2] ?? '').trim();
  if (OPEN_WORDS.includes(verb)) {
    const until = UNTIL.exec(args);
    if (!until) return { name: 'open', title: args, day: null };
    const year = until[4] ? Number(until[4].length === 2 ? `20${until[4]}` : until[4]) : null;
    return { name: 'open', title: until[1].trim(), day: { day: Number(until[2]), month: Number(until[3]), year } };
  }
  if (CLOSE_WORDS.includes(verb)) {
    const n = NUMBER.exec(args);
    return { name: 'close', id: n ? Number(n[1]) : null };
  }
  const n = NUMBER.exec(rest);
  if (n) return { name: 'link', bricolageId: Number(n[1]) };
  return { name: 'usage' };
}

/** How far ahead a défi may end. */
export const MAX_CHALLENGE_DAYS = 366;

/**
 * The instant a défi typed with this last day ends (midnight in Paris after it), or why not: a date
 * that does not exist, one already past, or one more than a year away. Without a year, the next such day.
 */
export function challengeEnd(
  typed: { day: number; month: number; year: number | null },
  now: Date,
): { endsAt: Date } | { problem: 'invalid' | 'past' | 'tooFar' } {
  const today = parisDayOf(now);
  const candidate = (year: number): CalendarDay => ({ year, month: typed.month, day: typed.day });
  let day = candidate(typed.year ?? today.year);
  if (!isCalendarDay(day) && typed.year === null) day = candidate(today.year + 1);
  if (!isCalendarDay(day)) return { problem: 'invalid' };
  let endsAt = parisEndOfDay(day);
  if (endsAt <= now && typed.year === null) {
    day = candidate(today.year + 1);
    if (!isCalendarDay(day)) return { problem: 'invalid' };
    endsAt = parisEndOfDay(day);
  }
  if (endsAt <= now) return { problem: 'past' };
  if (endsAt.getTime() - now.getTime() > MAX_CHALLENGE_DAYS * 86_400_000) return { problem: 'tooFar' };
  return { endsAt };
}
