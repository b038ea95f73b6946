/**
 * The défi's description question, kept in the conversation's one pending slot: for now the row the
 * workshops' question uses (one per agent, so asking one replaces the other), until the registry of
 * questions (`bot/dialog.ts`) lands.
 */
import { loadWorkshopPrompt, saveWorkshopPrompt } from '../../storage/workshops.js';
import type { Turn } from '../turn.js';
import { stillAnswering } from '../workshops/prompt.js';
import { openAndAnnounce } from './open.js';
import { answerChallengePrompt, type ChallengePromptResult, parseChallengePrompt } from './prompt.js';

export async function askChallengeDescription(turn: Turn, result: ChallengePromptResult): Promise<void> {
  // A refusal (no state) leaves whatever was pending alone; a question replaces it.
  if (result.state) await saveWorkshopPrompt(turn.trx, turn.agent.id, result.state);
  await carryOut(turn, result);
}

/** A direct message while the défi's description is asked: it is the answer. False when not asked. */
export async function answerChallengeQuestion(turn: Turn, text: string): Promise<boolean> {
  const stored = await loadWorkshopPrompt(turn.trx, turn.agent.id);
  const state = parseChallengePrompt(stored?.state ?? null);
  if (!stored || !state) return false;
  if (!stillAnswering(stored.updatedAt, new Date(), text)) {
    await saveWorkshopPrompt(turn.trx, turn.agent.id, null);
    return false;
  }
  const result = answerChallengePrompt(state, text);
  await saveWorkshopPrompt(turn.trx, turn.agent.id, result.state);
  await carryOut(turn, result);
  return true;
}

async function carryOut(turn: Turn, result: ChallengePromptResult): Promise<void> {
  for (const effect of result.effects) {
    if (effect.type === 'say') turn.say(effect.key, effect.vars);
    else await openAndAnnounce(turn, effect.title, effect.description, effect.endsAt);
  }
}
