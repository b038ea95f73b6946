/**
 * The workshop's description (after `atelier ouvrir`) or summary (after `atelier fermer` without
 * one), asked for an hour. Every message answers it, commands included (a description may well
 * start with "chercher…"), except `nouveau`, which drops it; `annuler` cancels it. A message with
 * photos, and any button, pass by and leave it waiting.
 */
import type { QuestionKind } from '../dialog.js';
import { notMine, taken } from '../dialog.js';
import { keywordOf } from '../wizard/parse.js';
import { closeAndAnnounce, openAndAnnounce } from '../workshops/open-close.js';
import { answerPrompt, type PromptEffect, type PromptState, parsePrompt } from '../workshops/prompt.js';

export const workshopQuestion: QuestionKind<PromptState, PromptEffect> = {
  kind: 'workshop',
  ttlMs: 60 * 60_000,
  owns: () => false,
  staleKey: null,
  parse: parsePrompt,
  answer(state, input) {
    if (input.kind === 'button' || input.photos > 0) return notMine(true);
    if (keywordOf(input.text) === 'new') return notMine(false);
    const result = answerPrompt(state, input.text);
    return taken(result.state, result.effects);
  },
  async apply(turn, effect) {
    switch (effect.type) {
      case 'say':
        return turn.say(effect.key, effect.vars);
      case 'open':
        return openAndAnnounce(turn, effect.title, effect.description);
      case 'close':
        return closeAndAnnounce(turn, effect.workshopId, effect.summary);
    }
  },
};
