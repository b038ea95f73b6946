/**
 * The confirmations before destroying anything (`supprimer <n°>`, `oublie-moi`), as a pure state
 * machine like the wizard: `confirmAdvance(state, input)` returns the next state and the effects.
 * Nothing is destroyed without an explicit yes; `non` or `annuler` always gets out.
 */
import type { ForgetMode } from '../../storage/forget.js';
import type { MessageKey, Vars } from '../messages/index.js';
import type { ButtonSpec } from '../wizard/advance.js';
import { normalize } from '../wizard/parse.js';

export const CONFIRM_ACTION_ID = 'rights.confirm';

export type ConfirmState =
  | { version: 1; kind: 'delete'; id: number }
  | { version: 1; kind: 'forgetChoice' }
  | { version: 1; kind: 'forgetConfirm'; mode: ForgetMode };

export type ConfirmInput = { kind: 'text'; text: string } | { kind: 'button'; value: string };

export type ConfirmEffect =
  | { type: 'say'; key: MessageKey; vars?: Vars; buttons?: ButtonSpec[] }
  | { type: 'delete'; id: number }
  | { type: 'forget'; mode: ForgetMode };

export interface ConfirmResult {
  /** `null` once answered (done or cancelled). */
  state: ConfirmState | null;
  effects: ConfirmEffect[];
}

type Answer = 'yes' | 'no' | 'remove' | 'anonymise';

const WORDS: Record<Answer, string[]> = {
  yes: ['oui', 'yes', 'confirmer', 'confirm', 'oui, supprimer', "oui, m'oublier", 'yes, delete', 'yes, forget me'],
  no: ['non', 'no', 'annuler', 'cancel', 'garder', 'keep', 'non, garder', 'no, keep'],
  remove: ['supprimer', 'delete', 'supprimer mes bricolages', 'delete my bricolages'],
  anonymise: ['anonymes', 'anonyme', 'anonymous', 'anonymiser', 'anonymise', 'anonymize', 'les laisser, anonymes'],
};

const button = (value: Answer, labelKey: MessageKey, style?: ButtonSpec['style']): ButtonSpec => ({
  actionId: CONFIRM_ACTION_ID,
  value,
  labelKey,
  style,
});
const DELETE_BUTTONS = [button('yes', 'button.confirmDelete', 'danger'), button('no', 'button.keep')];
const CHOICE_BUTTONS = [
  button('remove', 'button.forgetRemove', 'danger'),
  button('anonymise', 'button.forgetAnonymise'),
  button('no', 'button.keep'),
];
const FORGET_BUTTONS = [button('yes', 'button.confirmForget', 'danger'), button('no', 'button.keep')];

const say = (key: MessageKey, vars?: Vars, buttons?: ButtonSpec[]): ConfirmEffect => ({ type: 'say', key, vars, buttons });

function answerOf(input: ConfirmInput): Answer | null {
  if (input.kind === 'button') return (Object.keys(WORDS) as Answer[]).find((a) => a === input.value) ?? null;
  const text = normalize(input.text);
  return (Object.keys(WORDS) as Answer[]).find((a) => WORDS[a].includes(text)) ?? null;
}

/** `supprimer <n°>` on one's own bricolage: ask before deleting. */
export function askDelete(id: number, title: string): ConfirmResult {
  return { state: { version: 1, kind: 'delete', id }, effects: [say('deleteConfirm', { id, title }, DELETE_BUTTONS)] };
}

/** `oublie-moi`: first the choice for the agent's bricolages (when there are any), then a last yes. */
export function askForget(bricolages: number): ConfirmResult {
  if (bricolages === 0) {
    return {
      state: { version: 1, kind: 'forgetConfirm', mode: 'remove' },
      effects: [say('forgetConfirmAll', {}, FORGET_BUTTONS)],
    };
  }
  return { state: { version: 1, kind: 'forgetChoice' }, effects: [say('forgetChoose', { count: bricolages }, CHOICE_BUTTONS)] };
}

export function confirmAdvance(state: ConfirmState, input: ConfirmInput): ConfirmResult {
  const answer = answerOf(input);
  switch (state.kind) {
    case 'delete':
      if (answer === 'yes') return { state: null, effects: [{ type: 'delete', id: state.id }] };
      if (answer === 'no') return { state: null, effects: [say('deleteKept')] };
      return { state, effects: [say('confirmAgain', {}, DELETE_BUTTONS)] };
    case 'forgetChoice':
      if (answer === 'remove' || answer === 'anonymise') {
        const key = answer === 'remove' ? 'forgetConfirmRemove' : 'forgetConfirmAnonymise';
        return { state: { version: 1, kind: 'forgetConfirm', mode: answer }, effects: [say(key, {}, FORGET_BUTTONS)] };
      }
      if (answer === 'no') return { state: null, effects: [say('forgetKept')] };
      return { state, effects: [say('forgetChoiceAgain', {}, CHOICE_BUTTONS)] };
    case 'forgetConfirm':
      if (answer === 'yes') return { state: null, effects: [{ type: 'forget', mode: state.mode }] };
      if (answer === 'no') return { state: null, effects: [say('forgetKept')] };
      return { state, effects: [say('confirmAgain', {}, FORGET_BUTTONS)] };
  }
}

/** Parses a stored state; anything unreadable is no pending confirmation rather than a crash. */
export function parseConfirmState(json: string | null): ConfirmState | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as ConfirmState;
    return value?.version === 1 && ['delete', 'forgetChoice', 'forgetConfirm'].includes(value.kind) ? value : null;
  } catch {
    return null;
  }
}
