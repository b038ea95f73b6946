/**
 * The défi's description (after `défi ouvrir <titre> jusqu'au <date>`), asked for an hour, like the
 * workshop's: every message answers it, commands included, except `nouveau`, which drops it;
 * `annuler` cancels it. A message with photos, and any button, pass by and leave it waiting.
 */
import { openAndAnnounce } from '../challenges/open.js';
import {
  answerChallengePrompt,
  type ChallengePromptEffect,
  type ChallengePromptState,
  parseChallengePrompt,
} from '../challenges/prompt.js';
import type { QuestionKind } from '../dialog.js';
import { notMine, taken } from '../dialog.js';
import { keywordOf } from '../wizard/parse.js';

export const challengeQuestion: QuestionKind<ChallengePromptState, ChallengePromptEffect> = {
  kind: 'challenge',
  ttlMs: 60 * 60_000,
  owns: () => false,
  staleKey: null,
  parse: parseChallengePrompt,
  answer(state, input) {
    if (input.kind === 'button' || input.photos > 0) return notMine(true);
    if (keywordOf(input.text) === 'new') return notMine(false);
    const result = answerChallengePrompt(state, input.text);
    return taken(result.state, result.effects);
  },
  async apply(turn, effect) {
    if (effect.type === 'say') return turn.say(effect.key, effect.vars);
    return openAndAnnounce(turn, effect.title, effect.description, effect.endsAt);
  },
};
