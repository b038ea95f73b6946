/**
 * "À peu près combien de temps cela vous fait-il gagner ?" (issue 20): asked once the adoption's
 * feedback question is answered or skipped (or right after `adopté <n°> [retour]`), unless the
 * agent already reported it. The answer is read by `domain/time-saved.ts`; quick buttons give
 * typical answers. An unreadable answer (or more than 40 h a week) is asked once more with
 * examples, then nothing is stored. A command or keyword drops the question and runs, as the
 * question is optional; a message with only photos passes by.
 */
import { parseTimeSaved } from '../../domain/time-saved.js';
import { reportedMinutes } from '../../storage/time-saved.js';
import { isCommandText } from '../command-words.js';
import { type Asked, ask, notMine, type QuestionKind, taken } from '../dialog.js';
import { type MessageKey, t, type Vars } from '../messages/index.js';
import { saveTimeSaved } from '../time-saved/report.js';
import type { Turn } from '../turn.js';
import { normalize } from '../wizard/parse.js';

export const TIME_SAVED_ACTION = 'timeSaved';
const SKIP_WORDS = ['passer', 'non', 'rien', 'non merci', 'je ne sais pas', 'sais pas', 'skip', 'no', 'no thanks', "don't know"];

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

export type TimeSavedEffect =
  /** `buttons`: the quick answers and *Passer* under the message. */
  | { type: 'say'; key: MessageKey; vars?: Vars; buttons?: boolean }
  | { type: 'save'; bricolageId: number; title: string; minutesPerWeek: number };

/** The first asking. */
export function askTimeSaved(bricolageId: number, title: string): Asked<TimeSavedState, TimeSavedEffect> {
  return {
    state: { bricolageId, title, again: false },
    effects: [{ type: 'say', key: 'timeSaved.ask', vars: { title }, buttons: true }],
  };
}

/** Asks it after an adoption, unless the agent already said how much time it saves them. */
export async function offerTimeSaved(turn: Turn, bricolage: { id: number; title: string }): Promise<void> {
  if ((await reportedMinutes(turn.trx, bricolage.id, turn.agent.id)) !== null) return;
  await ask(turn, timeSavedQuestion, askTimeSaved(bricolage.id, bricolage.title));
}

const save = (state: TimeSavedState, minutesPerWeek: number) =>
  taken<TimeSavedState, TimeSavedEffect>(null, [
    { type: 'save', bricolageId: state.bricolageId, title: state.title, minutesPerWeek },
  ]);
const skipped = (state: TimeSavedState) =>
  taken<TimeSavedState, TimeSavedEffect>(null, [{ type: 'say', key: 'timeSaved.skipped', vars: { id: state.bricolageId } }]);

export const timeSavedQuestion: QuestionKind<TimeSavedState, TimeSavedEffect> = {
  kind: 'timeSaved',
  ttlMs: 24 * 3_600_000,
  owns: (actionId) => actionId === TIME_SAVED_ACTION,
  staleKey: null,
  pointsToDraft: true,
  parse(json) {
    try {
      const value = JSON.parse(json) as TimeSavedState;
      if (!Number.isInteger(value?.bricolageId) || typeof value.title !== 'string') return null;
      return { bricolageId: value.bricolageId, title: value.title, again: value.again === true };
    } catch {
      return null;
    }
  },
  answer(state, input) {
    if (input.kind === 'button') {
      if (input.actionId !== TIME_SAVED_ACTION) return notMine(false);
      // Only the offered answers are taken from a button: a forged value is a skip.
      const quick = QUICK_ANSWERS.find((q) => String(q.minutes) === input.value);
      return quick ? save(state, quick.minutes) : skipped(state);
    }
    const text = input.text.trim();
    if (!text) return notMine(true);
    if (SKIP_WORDS.includes(normalize(text))) return skipped(state);
    if (isCommandText(text)) return notMine(false);
    const reading = parseTimeSaved(text);
    if (reading.kind === 'ok') return save(state, reading.minutesPerWeek);
    if (state.again) return taken(null, [{ type: 'say', key: 'timeSaved.gaveUp', vars: { id: state.bricolageId } }]);
    const key: MessageKey = reading.kind === 'tooMuch' ? 'timeSaved.tooMuch' : 'timeSaved.askAgain';
    return taken({ ...state, again: true }, [{ type: 'say', key, buttons: true }]);
  },
  async apply(turn, effect) {
    if (effect.type === 'save') {
      return saveTimeSaved(turn, { id: effect.bricolageId, title: effect.title }, effect.minutesPerWeek);
    }
    turn.reply({
      text: t(turn.locale, effect.key, effect.vars),
      buttons: effect.buttons
        ? [
            ...QUICK_ANSWERS.map((q) => ({
              actionId: TIME_SAVED_ACTION,
              value: String(q.minutes),
              label: t(turn.locale, q.labelKey),
            })),
            { actionId: TIME_SAVED_ACTION, value: 'skip', label: t(turn.locale, 'button.skipFeedback') },
          ]
        : undefined,
    });
  },
};
