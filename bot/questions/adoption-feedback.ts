/**
 * After the "Je l'ai adopté" button: an optional feedback, asked for a day. The next message is the
 * feedback, unless it is a command or keyword (the question is then dropped and the command runs,
 * as the feedback is optional) or a skip word; the *Passer* button skips it. Another feature's
 * button also ends it (the agent moved on); a message with only photos passes by and leaves it waiting.
 */
import { setAdoptionFeedback } from '../../storage/adoptions.js';
import { getBricolage } from '../../storage/bricolages.js';
import { isCommandText } from '../command-words.js';
import type { Asked, QuestionKind } from '../dialog.js';
import { notMine, taken } from '../dialog.js';
import { type MessageKey, t, type Vars } from '../messages/index.js';
import { normalize } from '../wizard/parse.js';
import { offerTimeSaved } from './time-saved.js';

export const ADOPTION_FEEDBACK_ACTION = 'adoptionFeedback';
const SKIP_WORDS = ['passer', 'non', 'rien', 'non merci', 'skip', 'no', 'nothing', 'no thanks'];

export interface FeedbackState {
  bricolageId: number;
}

export type FeedbackEffect =
  | { type: 'say'; key: MessageKey; vars?: Vars; skipButton?: boolean }
  | { type: 'saveFeedback'; bricolageId: number; feedback: string }
  /** Answered or skipped: the optional time-saved question comes next (issue 20). */
  | { type: 'offerTimeSaved'; bricolageId: number };

/** The button recorded the adoption of `bricolageId`: ask for the feedback. */
export function askFeedback(bricolageId: number, title: string): Asked<FeedbackState, FeedbackEffect> {
  return { state: { bricolageId }, effects: [{ type: 'say', key: 'adoptedAskFeedback', vars: { title }, skipButton: true }] };
}

const skipped = (state: FeedbackState) =>
  taken<FeedbackState, FeedbackEffect>(null, [
    { type: 'say', key: 'feedbackSkipped', vars: { id: state.bricolageId } },
    { type: 'offerTimeSaved', bricolageId: state.bricolageId },
  ]);

export const adoptionFeedbackQuestion: QuestionKind<FeedbackState, FeedbackEffect> = {
  kind: 'adoptionFeedback',
  ttlMs: 24 * 3_600_000,
  owns: (actionId) => actionId === ADOPTION_FEEDBACK_ACTION,
  staleKey: 'feedbackNothingPending',
  pointsToDraft: true,
  parse(json) {
    try {
      const value = JSON.parse(json) as FeedbackState;
      return Number.isInteger(value?.bricolageId) ? { bricolageId: value.bricolageId } : null;
    } catch {
      return null;
    }
  },
  answer(state, input) {
    if (input.kind === 'button') return input.actionId === ADOPTION_FEEDBACK_ACTION ? skipped(state) : notMine(false);
    const text = input.text.trim();
    if (!text) return notMine(true);
    if (isCommandText(text)) return notMine(false);
    if (SKIP_WORDS.includes(normalize(text))) return skipped(state);
    return taken(null, [
      { type: 'saveFeedback', bricolageId: state.bricolageId, feedback: text },
      { type: 'say', key: 'feedbackSaved' },
      { type: 'offerTimeSaved', bricolageId: state.bricolageId },
    ]);
  },
  async apply(turn, effect) {
    switch (effect.type) {
      case 'saveFeedback':
        return setAdoptionFeedback(turn.trx, effect.bricolageId, turn.agent.id, effect.feedback);
      case 'offerTimeSaved': {
        const bricolage = await getBricolage(turn.trx, effect.bricolageId);
        if (bricolage?.status === 'published') await offerTimeSaved(turn, bricolage);
        return;
      }
      case 'say':
        return turn.reply({
          text: t(turn.locale, effect.key, effect.vars),
          buttons: effect.skipButton
            ? [{ actionId: ADOPTION_FEEDBACK_ACTION, value: 'skip', label: t(turn.locale, 'button.skipFeedback') }]
            : undefined,
        });
    }
  },
};
