/**
 * Lists of choices (the categories, the open workshops, défis…) as the port carries them: one button
 * per choice, all with one action id (the value tells them apart), and the labels of the menu a
 * platform shows instead when it cannot show every button (Teams' host config shows six actions).
 * `describeChoices` is applied to every reply (`bot/turn.ts`), so a list built with `choiceButtons`
 * gets its menu labels wherever it is sent from a turn.
 */
import type { Locale } from '../config.js';
import { t } from './messages/index.js';
import type { Button, ChoiceList, OutboundMessage } from './ports.js';

/** The most buttons every platform shows on one message (Teams' `actions.maxActions`). */
export const MAX_VISIBLE_BUTTONS = 6;

export interface ChoiceOption {
  value: string;
  label: string;
}

/** One button per option, sharing `actionId`: what a list of choices is on the port. */
export function choiceButtons(actionId: string, options: readonly ChoiceOption[]): Button[] {
  return options.map((o) => ({ actionId, value: o.value, label: o.label }));
}

/** The menu labels of a list of choices, in the reader's language. */
export function choiceList(locale: Locale, actionId: string): ChoiceList {
  return { actionId, placeholder: t(locale, 'chatCards.choose'), submit: t(locale, 'chatCards.confirm') };
}

/**
 * Marks the message's list of choices, when it has one: the action id shared by the most buttons
 * without a link (two at least). A message that already says which list it has is left as it is.
 */
export function describeChoices(locale: Locale, message: OutboundMessage): OutboundMessage {
  if (message.choices || !message.buttons || message.buttons.length <= 1) return message;
  const counts = new Map<string, number>();
  for (const b of message.buttons) if (!b.url) counts.set(b.actionId, (counts.get(b.actionId) ?? 0) + 1);
  let best: string | null = null;
  for (const [actionId, count] of counts) if (count >= 2 && (best === null || count > counts.get(best)!)) best = actionId;
  return best === null ? message : { ...message, choices: choiceList(locale, best) };
}
