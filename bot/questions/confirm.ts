/**
 * The confirmation before destroying anything (`supprimer <n°>`, `oublie-moi`; machine in
 * `bot/rights/confirm.ts`), asked for 15 minutes: a late "oui" destroys nothing. It takes every
 * message, command words included (only yes or no gets out, anything else asks again); the buttons
 * of other features pass by and leave it waiting.
 */
import { renderButtons } from '../buttons.js';
import type { QuestionKind } from '../dialog.js';
import { notMine, taken } from '../dialog.js';
import { t } from '../messages/index.js';
import {
  CONFIRM_ACTION_ID,
  type ConfirmEffect,
  type ConfirmState,
  confirmAdvance,
  parseConfirmState,
} from '../rights/confirm.js';
import { deleteOwn, forgetMe } from '../rights/erase.js';

export const confirmQuestion: QuestionKind<ConfirmState, ConfirmEffect> = {
  kind: 'confirm',
  ttlMs: 15 * 60_000,
  owns: (actionId) => actionId === CONFIRM_ACTION_ID,
  staleKey: 'confirmStale',
  parse: parseConfirmState,
  answer(state, input) {
    if (input.kind === 'button' && input.actionId !== CONFIRM_ACTION_ID) return notMine(true);
    const result = confirmAdvance(state, input.kind === 'button' ? input : { kind: 'text', text: input.text });
    return taken(result.state, result.effects);
  },
  async apply(turn, effect) {
    switch (effect.type) {
      case 'say':
        return turn.reply({ text: t(turn.locale, effect.key, effect.vars), buttons: renderButtons(turn.locale, effect.buttons) });
      case 'delete':
        return deleteOwn(turn, effect.id);
      case 'forget':
        return forgetMe(turn, effect.mode);
    }
  },
};
