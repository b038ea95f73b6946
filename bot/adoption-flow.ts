/**
 * The "Je l'ai adopté" button's follow-up, as a pure state machine like the wizard: once the
 * adoption is recorded the agent is asked for an optional feedback; their next message is that
 * feedback, unless it is a command (which then runs as usual), a "skip" word, or the question is
 * more than a day old.
 */
import type { AdoptionPrompt } from '../storage/adoptions.js';
import type { MessageKey, Vars } from './messages/index.js';
import { commandOf, keywordOf, normalize } from './wizard/parse.js';

export const ADOPTION_FEEDBACK_ACTION = 'adoptionFeedback';
/** A question older than this is forgotten: the next message is read as usual. */
export const PROMPT_TTL_MS = 24 * 60 * 60 * 1000;
const SKIP_WORDS = ['passer', 'non', 'rien', 'non merci', 'skip', 'no', 'nothing', 'no thanks'];

export type AdoptionFlowInput =
  /** The button recorded an adoption; `hasDraft`: a posting conversation is open (do not interrupt it). */
  | { kind: 'adopted'; bricolageId: number; title: string; hasDraft: boolean; now: string }
  | { kind: 'text'; text: string; now: string }
  | { kind: 'skip'; now: string };

export type AdoptionFlowEffect =
  | { type: 'say'; key: MessageKey; vars?: Vars; skipButton?: boolean }
  | { type: 'saveFeedback'; bricolageId: number; feedback: string }
  /** The message is not an answer: handle it as any other message. */
  | { type: 'notForUs' };

export interface AdoptionFlowResult {
  prompt: AdoptionPrompt | null;
  effects: AdoptionFlowEffect[];
}

function expired(prompt: AdoptionPrompt, now: string): boolean {
  return Date.parse(now) - Date.parse(prompt.askedAt) > PROMPT_TTL_MS;
}

export function adoptionFlow(prompt: AdoptionPrompt | null, input: AdoptionFlowInput): AdoptionFlowResult {
  switch (input.kind) {
    case 'adopted':
      if (input.hasDraft) {
        return { prompt, effects: [{ type: 'say', key: 'adopted', vars: { title: input.title, id: input.bricolageId } }] };
      }
      return {
        prompt: { bricolageId: input.bricolageId, askedAt: input.now },
        effects: [{ type: 'say', key: 'adoptedAskFeedback', vars: { title: input.title }, skipButton: true }],
      };
    case 'skip':
      if (!prompt) return { prompt, effects: [{ type: 'say', key: 'feedbackNothingPending' }] };
      return { prompt: null, effects: [{ type: 'say', key: 'feedbackSkipped', vars: { id: prompt.bricolageId } }] };
    case 'text': {
      if (!prompt) return { prompt, effects: [{ type: 'notForUs' }] };
      const text = input.text.trim();
      if (expired(prompt, input.now) || !text || keywordOf(text) !== null || commandOf(text) !== null) {
        return { prompt: null, effects: [{ type: 'notForUs' }] };
      }
      if (SKIP_WORDS.includes(normalize(text))) {
        return { prompt: null, effects: [{ type: 'say', key: 'feedbackSkipped', vars: { id: prompt.bricolageId } }] };
      }
      return {
        prompt: null,
        effects: [
          { type: 'saveFeedback', bricolageId: prompt.bricolageId, feedback: text },
          { type: 'say', key: 'feedbackSaved' },
        ],
      };
    }
  }
}
