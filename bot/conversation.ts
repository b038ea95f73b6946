/**
 * Who gets the next direct message, slash command or button, the same way on every platform:
 * first the agent's pending question (`dialog.ts`, kinds in `questions/`), then the commands, then
 * the posting wizard. With a draft open, a direct message is the draft's next answer (its own words
 * `annuler`, `aide`, `reprendre`…), so only a slash command, which is explicit, runs a command then.
 */
import { mairieLabel } from '../domain/mairies.js';
import { updateAgent } from '../storage/agents.js';
import { forgetReminder, loadConversation, saveConversation } from '../storage/conversations.js';
import { loadPending } from '../storage/pending.js';
import { adopt } from './adoptions.js';
import { runAnimatorCommand } from './animateur/commands.js';
import { animatorCommandOf } from './animateur/parse.js';
import { isAnimator } from './animators.js';
import { renderButtons } from './buttons.js';
import { buildCard, draftSource } from './cards.js';
import { CHALLENGE_ACTION_ID, challengeButton, runChallengeText } from './challenges/commands.js';
import { runCommand } from './commands.js';
import { answerPending, type DialogInput } from './dialog.js';
import { t } from './messages/index.js';
import { explainRefusals, type ReceivedPhotos } from './photos.js';
import { publishDraft } from './publish.js';
import { QUESTIONS } from './questions/index.js';
import { suggestSimilar } from './questions/similar-suggestion.js';
import { startedOver } from './reminders.js';
import { isOwnDataCommand, runOwnDataCommand, updatePublished } from './rights/own-data.js';
import type { Turn } from './turn.js';
import { WELCOME_SHARE_ACTION } from './welcome.js';
import {
  ACTION_ID,
  advance,
  hasContent,
  isEditField,
  isReminderChoice,
  isWizardAction,
  previewButtons,
  type WizardEffect,
  type WizardInput,
} from './wizard/advance.js';
import { type Command, commandOf, keywordOf } from './wizard/parse.js';
import { parseState, type WizardState } from './wizard/state.js';
import { runWorkshopText, WORKSHOP_ACTION_ID, workshopButton } from './workshops/commands.js';

export type ConversationInput =
  | { kind: 'message'; text: string; photos: ReceivedPhotos }
  | { kind: 'slash'; text: string }
  | { kind: 'button'; actionId: string; value: string };

const NO_PHOTOS: ReceivedPhotos = { hashes: [], refused: [] };

export async function converse(turn: Turn, input: ConversationInput): Promise<void> {
  const photos = input.kind === 'message' ? input.photos : NO_PHOTOS;
  explainRefusals(turn, photos.refused);
  const dialogInput: DialogInput =
    input.kind === 'button' ? input : { kind: 'text', text: input.text, photos: photos.hashes.length };
  const answered = await answerPending(turn, QUESTIONS, dialogInput);
  if (answered !== null) {
    if (answered !== 'handled' && answered.pointsToDraft) await pointToDraft(turn);
    return;
  }
  const state = parseState(await loadConversation(turn.trx, turn.agent.id));
  const wizardInput = await toWizardInput(turn, input, photos, state);
  if (!wizardInput) return;
  const context = { categories: turn.deps.config.categories, hasMairie: Boolean(turn.agent.mairie) };
  const result = advance(state, wizardInput, context);
  await saveConversation(turn.trx, turn.agent.id, result.state);
  if (startedOver(state, result.state)) await forgetReminder(turn.trx, turn.agent.id);
  for (const effect of result.effects) await apply(turn, effect);
}

/** A question answered while a draft waits: say how to get back to it (unless another was asked). */
async function pointToDraft(turn: Turn): Promise<void> {
  if (await loadPending(turn.trx, turn.agent.id)) return;
  const state = parseState(await loadConversation(turn.trx, turn.agent.id));
  if (state && hasContent(state.draft)) turn.say('dialog.draftWaiting', { title: state.draft.title ?? '' });
}

/**
 * What the input means for the wizard, or null when it was fully handled here: without a draft
 * only `nouveau` reaches the wizard (the rest are commands).
 */
async function toWizardInput(
  turn: Turn,
  input: ConversationInput,
  photos: ReceivedPhotos,
  state: WizardState | null,
): Promise<WizardInput | null> {
  const hasDraft = state !== null;
  if (input.kind === 'button') return buttonInput(turn, input, state);
  const text = input.text.trim();

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
  state: WizardState | null,
): Promise<WizardInput | null> {
  const hasDraft = state !== null;
  if (input.actionId === WELCOME_SHARE_ACTION) return { kind: 'start' };
  if (input.actionId === 'adopt') {
    await adopt(turn, Number(input.value) || null, '', { emptyDraft: hasDraft && !hasContent(state.draft) });
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
    case 'suggest':
      return suggestSimilar(turn, effect.title, effect.problem);
  }
}
