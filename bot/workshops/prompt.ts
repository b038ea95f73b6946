/**
 * The one question an animateur answers while opening a workshop (its description) or closing one
 * (its summary), as a pure state machine: `answerPrompt(state, text)` returns the next state and
 * the effects to carry out. Asked through the agent's one pending question (`bot/questions/workshop.ts`),
 * apart from the posting draft, so neither loses the other.
 */
import type { MessageKey, Vars } from '../messages/index.js';
import { keywordOf } from '../wizard/parse.js';

export const WORKSHOP_LIMITS = { titleLength: 120, textLength: 2000 } as const;

export type PromptState =
  | { version: 1; kind: 'description'; title: string }
  | { version: 1; kind: 'summary'; workshopId: number; title: string };

export type PromptEffect =
  | { type: 'say'; key: MessageKey; vars?: Vars }
  | { type: 'open'; title: string; description: string }
  | { type: 'close'; workshopId: number; summary: string };

export interface PromptResult {
  /** `null` once answered or cancelled. */
  state: PromptState | null;
  effects: PromptEffect[];
}

const say = (key: MessageKey, vars?: Vars): PromptEffect => ({ type: 'say', key, vars });

function ask(state: PromptState): PromptEffect {
  return state.kind === 'description'
    ? say('workshop.askDescription', { title: state.title })
    : say('workshop.askSummary', { id: state.workshopId, title: state.title });
}

/** `atelier ouvrir <titre>`: checks the title, then asks for the description. */
export function startOpening(title: string): PromptResult {
  const trimmed = title.trim();
  if (!trimmed) return { state: null, effects: [say('workshop.openUsage')] };
  if (trimmed.length > WORKSHOP_LIMITS.titleLength) {
    return { state: null, effects: [say('tooLong', { length: trimmed.length, max: WORKSHOP_LIMITS.titleLength })] };
  }
  const state: PromptState = { version: 1, kind: 'description', title: trimmed };
  return { state, effects: [ask(state)] };
}

/** `atelier fermer <n°> [résumé]`: closes at once with a summary given inline, else asks for it. */
export function startClosing(workshop: { id: number; title: string }, summary: string): PromptResult {
  const state: PromptState = { version: 1, kind: 'summary', workshopId: workshop.id, title: workshop.title };
  return summary.trim() ? answerPrompt(state, summary) : { state, effects: [ask(state)] };
}

export function answerPrompt(state: PromptState, text: string): PromptResult {
  const keyword = keywordOf(text);
  if (keyword === 'cancel') return { state: null, effects: [say('workshop.promptCancelled')] };
  const trimmed = text.trim();
  if (!trimmed || keyword === 'help') return { state, effects: [ask(state)] };
  if (trimmed.length > WORKSHOP_LIMITS.textLength) {
    return { state, effects: [say('tooLong', { length: trimmed.length, max: WORKSHOP_LIMITS.textLength })] };
  }
  return state.kind === 'description'
    ? { state: null, effects: [{ type: 'open', title: state.title, description: trimmed }] }
    : { state: null, effects: [{ type: 'close', workshopId: state.workshopId, summary: trimmed }] };
}

/** Parses a stored prompt; anything unreadable counts as no prompt rather than a crash. */
export function parsePrompt(json: string | null): PromptState | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as PromptState;
    if (value?.version !== 1) return null;
    if (value.kind === 'description' && typeof value.title === 'string') return value;
    if (value.kind === 'summary' && Number.isInteger(value.workshopId)) return value;
    return null;
  } catch {
    return null;
  }
}
