/**
 * The one question an animateur answers while opening a défi: its description, in one message, as
 * a pure state machine (`answerChallengePrompt(state, text)` → next state and effects), in the shape
 * of the workshops' prompt. `annuler` gives up.
 */
import type { MessageKey, Vars } from '../messages/index.js';
import { keywordOf } from '../wizard/parse.js';

export const CHALLENGE_LIMITS = { titleLength: 120, textLength: 2000 } as const;

export interface ChallengePromptState {
  version: 1;
  kind: 'challengeDescription';
  title: string;
  /** ISO instant the défi will end. */
  endsAt: string;
}

export type ChallengePromptEffect =
  | { type: 'say'; key: MessageKey; vars?: Vars }
  | { type: 'open'; title: string; description: string; endsAt: string };

export interface ChallengePromptResult {
  /** `null` once answered or cancelled. */
  state: ChallengePromptState | null;
  effects: ChallengePromptEffect[];
}

const say = (key: MessageKey, vars?: Vars): ChallengePromptEffect => ({ type: 'say', key, vars });
const ask = (state: ChallengePromptState) => say('challenge.askDescription', { title: state.title });

/** `défi ouvrir <titre> jusqu'au <date>` with a valid date: checks the title, then asks for the description. */
export function startChallengeOpening(title: string, endsAt: Date): ChallengePromptResult {
  const trimmed = title.trim();
  if (!trimmed) return { state: null, effects: [say('challenge.openUsage')] };
  if (trimmed.length > CHALLENGE_LIMITS.titleLength) {
    return { state: null, effects: [say('tooLong', { length: trimmed.length, max: CHALLENGE_LIMITS.titleLength })] };
  }
  const state: ChallengePromptState = { version: 1, kind: 'challengeDescription', title: trimmed, endsAt: endsAt.toISOString() };
  return { state, effects: [ask(state)] };
}

export function answerChallengePrompt(state: ChallengePromptState, text: string): ChallengePromptResult {
  const keyword = keywordOf(text);
  if (keyword === 'cancel') return { state: null, effects: [say('challenge.promptCancelled')] };
  const trimmed = text.trim();
  if (!trimmed || keyword === 'help') return { state, effects: [ask(state)] };
  if (trimmed.length > CHALLENGE_LIMITS.textLength) {
    return { state, effects: [say('tooLong', { length: trimmed.length, max: CHALLENGE_LIMITS.textLength })] };
  }
  return { state: null, effects: [{ type: 'open', title: state.title, description: trimmed, endsAt: state.endsAt }] };
}

/** Parses a stored state; anything unreadable counts as no question rather than a crash. */
export function parseChallengePrompt(json: string | null): ChallengePromptState | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as ChallengePromptState;
    if (value?.version !== 1 || value.kind !== 'challengeDescription') return null;
    if (typeof value.title !== 'string' || Number.isNaN(Date.parse(value.endsAt))) return null;
    return value;
  } catch {
    return null;
  }
}
