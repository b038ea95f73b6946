/**
 * Storing a time-saved report from the chat (issue 20): the question's answer, or the words after
 * `gain` in `adopté <n°> gain 2 h par semaine`. A later report replaces the earlier one.
 */
import { parseTimeSaved } from '../../domain/time-saved.js';
import { reportedMinutes, reportTimeSaved } from '../../storage/time-saved.js';
import type { Turn } from '../turn.js';
import { amountText } from './amount.js';

/** Saves the agent's estimate for their adoption and tells them what was noted. */
export async function saveTimeSaved(turn: Turn, bricolage: { id: number; title: string }, minutesPerWeek: number): Promise<void> {
  const previous = await reportedMinutes(turn.trx, bricolage.id, turn.agent.id);
  const outcome = await reportTimeSaved(turn.trx, { bricolageId: bricolage.id, agentId: turn.agent.id, minutesPerWeek });
  if (outcome === 'own') return turn.say('timeSaved.own');
  if (outcome === 'noAdoption') return turn.say('timeSaved.notAdopted', { id: bricolage.id });
  const vars = { title: bricolage.title, amount: amountText(turn.locale, minutesPerWeek) };
  turn.say(previous === null ? 'timeSaved.saved' : 'timeSaved.replaced', vars);
}

/** `adopté 12 gain <text>`: saved when readable, otherwise explained (nothing stored). */
export async function saveTimeSavedText(turn: Turn, bricolage: { id: number; title: string }, text: string): Promise<void> {
  const reading = parseTimeSaved(text);
  if (reading.kind === 'ok') return saveTimeSaved(turn, bricolage, reading.minutesPerWeek);
  if (reading.kind === 'tooMuch') return turn.say('timeSaved.tooMuchCommand', { id: bricolage.id });
  turn.say('timeSaved.unreadable', { id: bricolage.id, text: text.length > 60 ? `${text.slice(0, 57)}…` : text });
}
