/** Direct messages, slash commands and buttons: the posting wizard and the DM commands. */
import { updateAgent } from '../storage/agents.js';
import { forgetReminder, loadConversation, saveConversation } from '../storage/conversations.js';
import { mairieLabel } from '../storage/mairies.js';
import { ADOPTION_FEEDBACK_ACTION } from './adoption-flow.js';
import { adopt, answerAdoptionPrompt, skipAdoptionPrompt } from './adoptions.js';
import { runAnimatorCommand } from './animateur/commands.js';
import { animatorCommandOf } from './animateur/parse.js';
import { isAnimator } from './animators.js';
import { renderButtons } from './buttons.js';
import { buildCard, draftSource } from './cards.js';
import { CHALLENGE_ACTION_ID, challengeButton, runChallengeText } from './challenges/commands.js';
import { answerChallengeQuestion } from './challenges/question.js';
import { runCommand } from './commands.js';
import { t } from './messages/index.js';
import { explainRefusals, type ReceivedPhotos } from './photos.js';
import { publishDraft } from './publish.js';
import { startedOver } from './reminders.js';
import { CONFIRM_ACTION_ID } from './rights/confirm.js';
import { answerPendingConfirmation, isOwnDataCommand, runOwnDataCommand, updatePublished } from './rights/own-data.js';
import type { Turn } from './turn.js';
import { WELCOME_SHARE_ACTION } from './welcome.js';
import {
  ACTION_ID,
  advance,
  isEditField,
  isReminderChoice,
  isWizardAction,
  previewButtons,
  type WizardEffect,
  type WizardInput,
} from './wizard/advance.js';
import { type Command, commandOf, keywordOf } from './wizard/parse.js';
import { parseState } from './wizard/state.js';
import { answerWorkshopPrompt, runWorkshopText, WORKSHOP_ACTION_ID, workshopButton } from './workshops/commands.js';

export type ConversationInput =
  | { kind: 'message'; text: string; photos: ReceivedPhotos }
  | { kind: 'slash'; text: string }
  | { kind: 'button'; actionId: string; value: string };

export async function converse(turn: Turn, input: ConversationInput): Promise<void> {
  // A pending `supprimer` / `oublie-moi` question takes the next answer (its buttons, or any text).
  const confirmInput =
    input.kind !== 'button' ? { kind: 'text' as const, text: input.text } : input.actionId === CONFIRM_ACTION_ID ? input : null;
  if (confirmInput && (await answerPendingConfirmation(turn, confirmInput))) return;
  // An animateur answering a défi's description question (before the workshops', which drop a question they cannot read).
  if (input.kind === 'message' && input.photos.hashes.length === 0 && (await answerChallengeQuestion(turn, input.text))) return;
  // An animateur answering a workshop's description or summary question.
  if (input.kind === 'message' && input.photos.hashes.length === 0 && (await answerWorkshopPrompt(turn, input.text))) return;
  const state = parseState(await loadConversation(turn.trx, turn.agent.id));
  const wizardInput = await toWizardInput(turn, input, state !== null);
  if (!wizardInput) return;
  const context = { categories: turn.deps.config.categories, hasMairie: Boolean(turn.agent.mairie) };
  const result = advance(state, wizardInput, context);
  await saveConversation(turn.trx, turn.agent.id, result.state);
  if (startedOver(state, result.state)) await forgetReminder(turn.trx, turn.agent.id);
  for (const effect of result.effects) await apply(turn, effect);
}

/**
 * What the input means for the wizard, or null when it was fully handled here: refused photos
 * are explained, and without a draft only `nouveau` reaches the wizard (the rest are commands).
 */
async function toWizardInput(turn: Turn, input: ConversationInput, hasDraft: boolean): Promise<WizardInput | null> {
  if (input.kind === 'button') return buttonInput(turn, input, hasDraft);
  const text = input.text.trim();
  const photos = input.kind === 'message' ? input.photos : { hashes: [], refused: [] };
  explainRefusals(turn, photos.refused);

  if (input.kind === 'slash') {
    if (text === '' || keywordOf(text) === 'new') return { kind: 'start' };
    // A slash command is explicit: `/bricolage chercher …` searches even while a draft is open.
    if (await runWorkshopText(turn, text)) return null;
    if (await runChallengeText(turn, text)) return null;
    const animatorCommand = animatorCommandOf(text);
    if (animatorCommand) {
      await runAnimatorCommand(turn, animatorCommand);
      return null;
    }
    const command = commandOf(text);
    if (command) return ownOrOtherCommand(turn, command);
  }
  if (!text && photos.hashes.length === 0) {
    // Only refused files: the agent has been told why; nothing else to answer.
    if (photos.refused.length === 0 && !hasDraft) turn.say('help');
    return null;
  }
  if (hasDraft) return { kind: 'text', text, photos: photos.hashes };

  if (!text) {
    turn.say('noDraftPhoto');
    return null;
  }
  // The answer to "a feedback to share?" after the adoption button, unless it is a command.
  if (await answerAdoptionPrompt(turn, text)) return null;
  const keyword = keywordOf(text);
  if (keyword === 'new') return { kind: 'start' };
  if (keyword === 'help') {
    turn.say('help');
    if (await isAnimator(turn.trx, turn.deps.config, turn.agent)) turn.say('helpAnimateur');
    return null;
  }
  if (await runWorkshopText(turn, text)) return null;
  if (await runChallengeText(turn, text)) return null;
  const animatorCommand = animatorCommandOf(text);
  if (animatorCommand) return runAnimatorCommand(turn, animatorCommand).then(() => null);
  const command = commandOf(text);
  if (command) return ownOrOtherCommand(turn, command);
  turn.say('unknownCommand', { text: text.length > 60 ? `${text.slice(0, 57)}…` : text });
  return null;
}

/** Runs a DM command; `modifier <n°>` answers with the wizard input that reopens the bricolage. */
async function ownOrOtherCommand(turn: Turn, command: Command): Promise<WizardInput | null> {
  if (isOwnDataCommand(command)) return runOwnDataCommand(turn, command);
  await runCommand(turn, command);
  return null;
}

async function buttonInput(
  turn: Turn,
  input: { actionId: string; value: string },
  hasDraft: boolean,
): Promise<WizardInput | null> {
  if (input.actionId === WELCOME_SHARE_ACTION) return { kind: 'start' };
  if (input.actionId === 'adopt') {
    await adopt(turn, Number(input.value) || null, '', { hasDraft });
    return null;
  }
  if (input.actionId === ADOPTION_FEEDBACK_ACTION) {
    await skipAdoptionPrompt(turn);
    return null;
  }
  if (input.actionId === CONFIRM_ACTION_ID) {
    // Reached only when no confirmation is pending any more (answered, expired).
    turn.say('confirmStale');
    return null;
  }
  if (input.actionId.startsWith(CHALLENGE_ACTION_ID)) {
    await challengeButton(turn, input.value);
    return null;
  }
  if (input.actionId.startsWith(WORKSHOP_ACTION_ID)) {
    await workshopButton(turn, input.value);
    return null;
  }
  const reminder = input.actionId.startsWith(ACTION_ID.reminder);
  if (!reminder && ![ACTION_ID.action, ACTION_ID.category, ACTION_ID.field].includes(input.actionId as never)) return null;
  if (!hasDraft) {
    turn.say('staleButton');
    return null;
  }
  if (reminder) return isReminderChoice(input.value) ? { kind: 'reminder', choice: input.value } : null;
  if (input.actionId === ACTION_ID.category) return { kind: 'category', index: Number(input.value) };
  if (input.actionId === ACTION_ID.field) return isEditField(input.value) ? { kind: 'field', field: input.value } : null;
  return isWizardAction(input.value) ? { kind: 'action', action: input.value } : null;
}

async function apply(turn: Turn, effect: WizardEffect): Promise<void> {
  switch (effect.type) {
    case 'say':
      return turn.reply({ text: t(turn.locale, effect.key, effect.vars), buttons: renderButtons(turn.locale, effect.buttons) });
    case 'help':
      return turn.say('help');
    case 'preview': {
      const card = await buildCard(turn.trx, turn.deps.config, turn.locale, draftSource(effect.draft), turn.agent);
      return turn.reply({ text: t(turn.locale, 'preview'), card, buttons: renderButtons(turn.locale, previewButtons) });
    }
    case 'setMairie':
      await updateAgent(turn.trx, turn.agent.id, { mairie: effect.mairie });
      turn.agent = { ...turn.agent, mairie: effect.mairie };
      return turn.say('mairieSaved', { mairie: mairieLabel(effect.mairie, turn.locale) ?? effect.mairie });
    case 'publish':
      if (effect.editOf !== undefined) await updatePublished(turn, effect.editOf, effect.draft);
      else await publishDraft(turn, effect.draft);
      return;
  }
}
