/**
 * One pending question per agent. A question kind is a pure machine (`answer(state, input)` →
 * a transition) plus the I/O of its effects (`apply`); the registry of kinds is
 * `bot/questions/index.ts`. `converse` hands every input here first, the same way for direct
 * messages, slash commands and buttons on every platform:
 *
 * - **taken**: the input answered the question; `state` null closes it, otherwise it stays asked
 *   (asked again after an unreadable answer, or its next step) and its expiry starts over;
 * - **notMine**: the input goes on to the commands, then the wizard; `keep: false` forgets the
 *   question (the agent moved on), `keep: true` leaves it waiting.
 *
 * Each kind decides what a command word does while it waits: the confirmation before destroying
 * anything takes every message (only yes or no gets out); the adoption feedback and the
 * workshop's description or summary let commands through (see each kind).
 *
 * Asking a new question replaces the pending one silently: its state is overwritten and its
 * buttons, pressed later, say they are no longer current (a kind's `staleKey`).
 */
import { clearPending, loadPending, savePending } from '../storage/pending.js';
import type { MessageKey } from './messages/index.js';
import type { Turn } from './turn.js';

/** What reaches the pending question: a message or slash command's text, or a button. */
export type DialogInput = { kind: 'text'; text: string; photos: number } | { kind: 'button'; actionId: string; value: string };

export type Transition<S, E> = { type: 'taken'; state: S | null; effects: E[] } | { type: 'notMine'; keep: boolean };

/** A question's first asking (or its refusal, with `state` null): what `ask` stores and carries out. */
export interface Asked<S, E> {
  state: S | null;
  effects: E[];
}

export interface QuestionKind<S, E> {
  /** Stored in `pending_questions.kind`; never renamed without a migration. */
  readonly kind: string;
  /** How long the question waits for its answer. */
  readonly ttlMs: number;
  /** True for the action ids of this kind's buttons. */
  owns(actionId: string): boolean;
  /** Said when one of its buttons is pressed while no question of this kind is pending. */
  readonly staleKey: MessageKey | null;
  /** Once answered, tell the agent that `reprendre` continues the draft they had open (if any). */
  readonly pointsToDraft?: boolean;
  /** The stored JSON, checked: null when unreadable (the question is then dropped, not a crash). */
  parse(json: string): S | null;
  /** Pure: what the input does to the question. */
  answer(state: S, input: DialogInput): Transition<S, E>;
  /** Carries out one effect in the turn's transaction (replies are sent after the commit). */
  apply(turn: Turn, effect: E): Promise<void>;
}

/** The registry holds kinds of different states and effects. */
export type AnyQuestionKind = QuestionKind<any, any>;

export const taken = <S, E>(state: S | null, effects: E[]): Transition<S, E> => ({ type: 'taken', state, effects });
export const notMine = (keep: boolean): Transition<never, never> => ({ type: 'notMine', keep });

/** Asks a question: stores it (replacing whatever was pending) and carries out its effects. */
export async function ask<S, E>(turn: Turn, question: QuestionKind<S, E>, asked: Asked<S, E>): Promise<void> {
  if (asked.state !== null) await store(turn, question, asked.state);
  for (const effect of asked.effects) await question.apply(turn, effect);
}

/**
 * Gives the input to the pending question: the question's kind when the input closed it,
 * `handled` when the question goes on or a button of a question no longer pending was pressed,
 * null when the input goes on to the commands and the wizard.
 */
export async function answerPending(
  turn: Turn,
  questions: readonly AnyQuestionKind[],
  input: DialogInput,
): Promise<AnyQuestionKind | 'handled' | null> {
  const pending = await loadPending(turn.trx, turn.agent.id);
  // A button of another question (replaced, answered or expired) says so and disturbs nothing.
  const owner = input.kind === 'button' ? questions.find((q) => q.owns(input.actionId)) : undefined;
  if (pending && (!owner || owner.kind === pending.kind)) {
    const question = questions.find((q) => q.kind === pending.kind);
    const state = question ? question.parse(pending.state) : null;
    const transition = question && state !== null ? question.answer(state, input) : notMine(false);
    if (transition.type === 'notMine') {
      if (!transition.keep) await clearPending(turn.trx, turn.agent.id);
    } else if (question) {
      if (transition.state === null) await clearPending(turn.trx, turn.agent.id);
      else await store(turn, question, transition.state);
      for (const effect of transition.effects) await question.apply(turn, effect);
      return transition.state === null ? question : 'handled';
    }
  }
  if (!owner) return null;
  if (owner.staleKey) turn.say(owner.staleKey);
  return 'handled';
}

async function store<S, E>(turn: Turn, question: QuestionKind<S, E>, state: S): Promise<void> {
  await savePending(turn.trx, turn.agent.id, { kind: question.kind, state, ttlMs: question.ttlMs });
}
