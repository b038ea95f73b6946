/**
 * "À peu près combien de temps cela vous fait-il gagner ?" (issue 20), asked once the adoption's
 * feedback question is answered or skipped, as a pure machine: the answer is read by
 * `domain/time-saved.ts`; an unreadable (or over 40 h a week) answer is asked once more with
 * examples, then nothing is stored. A command or another keyword goes on as usual (the question
 * is dropped), like the feedback question.
 */
import { parseTimeSaved } from '../../domain/time-saved.js';
import type { MessageKey, Vars } from '../messages/index.js';
import { commandOf, keywordOf, normalize } from '../wizard/parse.js';

export const TIME_SAVED_ACTION = 'timeSaved';
/** A question older than this is forgotten. */
export const TIME_SAVED_TTL_MS = 24 * 60 * 60 * 1000;
const SKIP_WORDS = [
  'passer',
  'non',
  'rien',
  'non merci',
  'je ne sais pas',
  'sais pas',
  'skip',
  'no',
  'no thanks',
  "don't know",
  'dont know',
];

/** Quick answers under the question: their value is minutes per week, their label a catalogue key. */
export const QUICK_ANSWERS = [
  { minutes: 15, labelKey: 'timeSaved.quick.quarterWeek' },
  { minutes: 60, labelKey: 'timeSaved.quick.hourWeek' },
  { minutes: 150, labelKey: 'timeSaved.quick.halfHourDay' },
  { minutes: 28, labelKey: 'timeSaved.quick.twoHoursMonth' },
] as const satisfies readonly { minutes: number; labelKey: MessageKey }[];

export interface TimeSavedState {
  bricolageId: number;
  title: string;
  /** Asked again already: the next unreadable answer ends the question. */
  again: boolean;
}

export type TimeSavedInput = { kind: 'text'; text: string } | { kind: 'button'; actionId: string; value: string };

export type TimeSavedEffect =
  /** `buttons`: the quick answers and "Passer" under the message. */
  | { type: 'say'; key: MessageKey; vars?: Vars; buttons?: boolean }
  | { type: 'save'; bricolageId: number; title: string; minutesPerWeek: number };

export type TimeSavedTransition =
  | { type: 'taken'; state: TimeSavedState | null; effects: TimeSavedEffect[] }
  | { type: 'notMine'; keep: boolean };

/** The first asking. */
export function askTimeSaved(bricolageId: number, title: string): { state: TimeSavedState; effects: TimeSavedEffect[] } {
  return {
    state: { bricolageId, title, again: false },
    effects: [{ type: 'say', key: 'timeSaved.ask', vars: { title }, buttons: true }],
  };
}

export function answerTimeSaved(state: TimeSavedState, input: TimeSavedInput): TimeSavedTransition {
  const skipped = { type: 'say', key: 'timeSaved.skipped', vars: { id: state.bricolageId } } as const;
  if (input.kind === 'button') {
    if (input.actionId !== TIME_SAVED_ACTION) return { type: 'notMine', keep: false };
    const minutes = Number(input.value);
    if (input.value === 'skip' || !QUICK_ANSWERS.some((q) => q.minutes === minutes))
      return { type: 'taken', state: null, effects: [skipped] };
    return { type: 'taken', state: null, effects: [save(state, minutes)] };
  }
  const text = input.text.trim();
  if (SKIP_WORDS.includes(normalize(text))) return { type: 'taken', state: null, effects: [skipped] };
  if (!text || keywordOf(text) !== null || commandOf(text) !== null) return { type: 'notMine', keep: false };
  const reading = parseTimeSaved(text);
  if (reading.kind === 'ok') return { type: 'taken', state: null, effects: [save(state, reading.minutesPerWeek)] };
  const key: MessageKey = reading.kind === 'tooMuch' ? 'timeSaved.tooMuch' : 'timeSaved.askAgain';
  if (state.again) {
    return { type: 'taken', state: null, effects: [{ type: 'say', key: 'timeSaved.gaveUp', vars: { id: state.bricolageId } }] };
  }
  return { type: 'taken', state: { ...state, again: true }, effects: [{ type: 'say', key, buttons: true }] };
}

function save(state: TimeSavedState, minutesPerWeek: number): TimeSavedEffect {
  return { type: 'save', bricolageId: state.bricolageId, title: state.title, minutesPerWeek };
}
