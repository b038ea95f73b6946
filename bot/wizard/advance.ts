/**
 * The posting conversation as a pure state machine: `advance(state, input, context)` returns the
 * next state and the effects to carry out. No I/O here, so every transition is unit-testable.
 */

import { parseMairie } from '../../domain/mairies.js';
import type { MessageKey, Vars } from '../messages/index.js';
import { keywordOf, normalize, parseCategory } from './parse.js';
import { type Draft, emptyDraft, LIMITS, type Phase, type WizardState } from './state.js';

const WIZARD_ACTIONS = ['publish', 'edit', 'cancel', 'resume', 'restart', 'done', 'back'] as const;
const EDIT_FIELDS = ['title', 'problem', 'steps', 'category'] as const;
export type WizardAction = (typeof WIZARD_ACTIONS)[number];
export type EditField = (typeof EDIT_FIELDS)[number];

/** Button values come back from the chat: only known ones reach the state machine. */
export const isWizardAction = (value: string): value is WizardAction => (WIZARD_ACTIONS as readonly string[]).includes(value);
export const isEditField = (value: string): value is EditField => (EDIT_FIELDS as readonly string[]).includes(value);

export type WizardInput =
  /** `nouveau` typed, or the slash command. */
  | { kind: 'start' }
  /** A message: its text and the hashes of the photos it carried that were stored successfully. */
  | { kind: 'text'; text: string; photos: string[] }
  | { kind: 'action'; action: WizardAction }
  | { kind: 'category'; index: number }
  | { kind: 'field'; field: EditField }
  /** `modifier <n°>`: one's published bricolage, reopened as a draft at the preview. */
  | { kind: 'reopen'; id: number; draft: Draft }
  /** A button of the reminder sent about a draft left untouched (`bot/reminders.ts`). */
  | { kind: 'reminder'; choice: ReminderChoice };

export const REMINDER_CHOICES = ['resume', 'drop'] as const;
export type ReminderChoice = (typeof REMINDER_CHOICES)[number];
export const isReminderChoice = (value: string): value is ReminderChoice =>
  (REMINDER_CHOICES as readonly string[]).includes(value);

/** A button as the core describes it; the label is a message key or a literal (category names). */
export interface ButtonSpec {
  actionId: string;
  value: string;
  labelKey?: MessageKey;
  label?: string;
  style?: 'primary' | 'danger';
}

export type WizardEffect =
  | { type: 'say'; key: MessageKey; vars?: Vars; buttons?: ButtonSpec[] }
  | { type: 'help' }
  /** Show the draft as a card with publish / edit / cancel. */
  | { type: 'preview'; draft: Draft }
  | { type: 'setMairie'; mairie: string }
  /** Publish the draft; with `editOf`, update that published bricolage instead of adding one. */
  | { type: 'publish'; draft: Draft; editOf?: number }
  /** Look for published bricolages close to a new draft's title and problem, and suggest them. */
  | { type: 'suggest'; title: string; problem: string };

export interface WizardContext {
  categories: readonly string[];
  /** Whether the agent's mairie is known (asked once, the first time). */
  hasMairie: boolean;
}

export interface WizardResult {
  /** `null` when there is no draft any more (published, cancelled). */
  state: WizardState | null;
  effects: WizardEffect[];
}

export const ACTION_ID = {
  action: 'wizard',
  category: 'wizard.category',
  field: 'wizard.field',
  reminder: 'wizard.reminder',
} as const;

const action = (value: WizardAction, labelKey: MessageKey, style?: ButtonSpec['style']): ButtonSpec => ({
  actionId: ACTION_ID.action,
  value,
  labelKey,
  style,
});
const DONE_BUTTON = action('done', 'button.done', 'primary');
const PREVIEW_BUTTONS = [
  action('publish', 'button.publish', 'primary'),
  action('edit', 'button.edit'),
  action('cancel', 'button.cancel', 'danger'),
];
const RESUME_BUTTONS = [action('resume', 'button.resume', 'primary'), action('restart', 'button.restart')];
const FIELD_BUTTONS: ButtonSpec[] = EDIT_FIELDS.map((field) => ({
  actionId: ACTION_ID.field,
  value: field,
  labelKey: `button.edit${field[0].toUpperCase()}${field.slice(1)}` as MessageKey,
}));

const FIELD_WORDS: Record<string, EditField> = {
  titre: 'title',
  title: 'title',
  probleme: 'problem',
  problem: 'problem',
  etapes: 'steps',
  etape: 'steps',
  steps: 'steps',
  step: 'steps',
  categorie: 'category',
  category: 'category',
};

function categoryButtons(categories: readonly string[]): ButtonSpec[] {
  return categories.map((label, index) => ({ actionId: ACTION_ID.category, value: String(index), label }));
}

const say = (key: MessageKey, vars?: Vars, buttons?: ButtonSpec[]): WizardEffect => ({ type: 'say', key, vars, buttons });

function at(state: WizardState, phase: Phase, draft: Draft = state.draft, editing = state.editing): WizardState {
  const next: WizardState = { version: 1, phase, draft, editing };
  if (editing && state.stepsBeforeEdit) next.stepsBeforeEdit = state.stepsBeforeEdit;
  if (state.editOf !== undefined) next.editOf = state.editOf;
  return next;
}

/** The question of the current phase, asked again (after `aide`, `retour`, resuming…). */
export function reask(state: WizardState, ctx: WizardContext): WizardEffect[] {
  const { draft } = state;
  switch (state.phase) {
    case 'mairie':
      return [say('askMairie')];
    case 'title':
      return [say('askTitle')];
    case 'problem':
      return [say('askProblem')];
    case 'steps':
      return draft.steps.length === 0 ? [say('askSteps')] : [say('askStepsAgain', { count: draft.steps.length }, [DONE_BUTTON])];
    case 'category':
      return [say('askCategory', {}, categoryButtons(ctx.categories))];
    case 'preview':
      return [{ type: 'preview', draft }];
    case 'editChoice':
      return [say('askEditWhat', {}, FIELD_BUTTONS)];
    case 'resume':
      return [say('resumeOffer', { title: draft.title ?? '' }, RESUME_BUTTONS)];
  }
}

function begin(ctx: WizardContext): WizardResult {
  const state: WizardState = { version: 1, phase: ctx.hasMairie ? 'title' : 'mairie', draft: emptyDraft(), editing: false };
  return { state, effects: reask(state, ctx) };
}

/** A draft with something in it: one worth resuming (an empty one is simply begun again). */
export function hasContent(draft: Draft): boolean {
  return Boolean(draft.title || draft.problem || draft.steps.length || draft.pendingPhotos.length);
}

/** What an input means as a global action, whatever the phase. */
function actionOf(input: WizardInput): WizardAction | 'help' | 'new' | null {
  if (input.kind === 'action') return input.action;
  if (input.kind !== 'text' || input.photos.length > 0) return null;
  return keywordOf(input.text);
}

export function advance(state: WizardState | null, input: WizardInput, ctx: WizardContext): WizardResult {
  if (input.kind === 'reopen') return reopen(state, input.id, input.draft);
  if (input.kind === 'reminder') return answerReminder(state, input.choice, ctx);
  const intent = input.kind === 'start' ? 'new' : actionOf(input);
  if (intent === 'new') {
    if (!state || !hasContent(state.draft) || state.phase === 'mairie')
      return state?.phase === 'mairie' ? { state, effects: reask(state, ctx) } : begin(ctx);
    const offer: WizardState = {
      ...at(state, 'resume'),
      resumePhase: state.phase === 'resume' ? state.resumePhase : state.phase,
    };
    return { state: offer, effects: reask(offer, ctx) };
  }
  if (!state) return begin(ctx);
  if (intent === 'cancel')
    return { state: null, effects: [state.editOf === undefined ? say('cancelled') : say('editCancelled', { id: state.editOf })] };
  if (intent === 'help') return { state, effects: [{ type: 'help' }, ...reask(state, ctx)] };
  if (intent === 'back') return back(state, ctx);
  // `reprendre` while the draft is open (another question came in between): the question where it was.
  if (intent === 'resume' && state.phase !== 'resume') return { state, effects: [say('resumed'), ...reask(state, ctx)] };
  if (input.kind === 'text' && input.photos.length > 0 && state.phase !== 'steps') {
    // Photos belong to steps: keep them (last step, or the next one) whatever the question was.
    const kept = keepPhotos(state, input.photos);
    if (!input.text.trim()) return { state: kept.state, effects: [...kept.effects, ...reask(kept.state, ctx)] };
    const rest = advance(kept.state, { ...input, photos: [] }, ctx);
    return { state: rest.state, effects: [...kept.effects, ...rest.effects] };
  }

  switch (state.phase) {
    case 'mairie':
      return answerMairie(state, input, ctx);
    case 'title':
    case 'problem':
      return answerText(state, input, ctx);
    case 'steps':
      return answerStep(state, input, intent, ctx);
    case 'category':
      return answerCategory(state, input, ctx);
    case 'preview':
      return answerPreview(state, intent, ctx);
    case 'editChoice':
      return answerEditChoice(state, input, ctx);
    case 'resume':
      return answerResume(state, intent, ctx);
  }
}

function back(state: WizardState, ctx: WizardContext): WizardResult {
  const { draft } = state;
  if (state.editing && state.phase === 'steps' && draft.steps.length > 0) {
    const next = at(state, 'steps', { ...draft, steps: draft.steps.slice(0, -1) });
    return { state: next, effects: [say('stepRemoved', { n: draft.steps.length }), ...reask(next, ctx)] };
  }
  if (state.editing && state.phase !== 'preview') {
    // Leaving an edit unfinished: the answers as they were before it.
    return toPreview(state.stepsBeforeEdit ? { ...draft, steps: state.stepsBeforeEdit } : draft, state.editOf);
  }
  switch (state.phase) {
    case 'mairie':
    case 'title':
      return { state, effects: [say('nothingToUndo'), ...reask(state, ctx)] };
    case 'problem': {
      const next = at(state, 'title', { ...draft, title: null });
      return { state: next, effects: [say('backTo'), ...reask(next, ctx)] };
    }
    case 'steps': {
      if (draft.steps.length > 0) {
        const next = at(state, 'steps', { ...draft, steps: draft.steps.slice(0, -1) });
        return { state: next, effects: [say('stepRemoved', { n: draft.steps.length }), ...reask(next, ctx)] };
      }
      const next = at(state, 'problem', { ...draft, problem: null });
      return { state: next, effects: [say('backTo'), ...reask(next, ctx)] };
    }
    case 'category': {
      const next = at(state, 'steps');
      return { state: next, effects: [say('backTo'), ...reask(next, ctx)] };
    }
    case 'preview': {
      const next = at(state, 'category', { ...draft, category: null }, false);
      return { state: next, effects: [say('backTo'), ...reask(next, ctx)] };
    }
    case 'editChoice':
      return toPreview(draft, state.editOf);
    case 'resume':
      return answerResume(state, 'resume', ctx);
  }
}

function toPreview(draft: Draft, editOf?: number): WizardResult {
  const state: WizardState = { version: 1, phase: 'preview', draft, editing: false };
  if (editOf !== undefined) state.editOf = editOf;
  return { state, effects: [{ type: 'preview', draft }] };
}

/** Reopens a published bricolage at its preview; an unfinished draft is never overwritten. */
function reopen(state: WizardState | null, id: number, draft: Draft): WizardResult {
  if (state && hasContent(state.draft)) return { state, effects: [say('editBusy')] };
  return {
    state: { version: 1, phase: 'preview', draft, editing: false, editOf: id },
    effects: [say('editReopened', { id }), { type: 'preview', draft }],
  };
}

/** Photos sent outside the step phase join the last step, or wait for the first one. */
function keepPhotos(state: WizardState, photos: string[]): { state: WizardState; effects: WizardEffect[] } {
  if (state.draft.steps.length === 0) {
    const draft = { ...state.draft, pendingPhotos: [...state.draft.pendingPhotos, ...photos] };
    return { state: at(state, state.phase, draft), effects: [say('photosKeptForNextStep')] };
  }
  const { draft, effects } = attachToLastStep(state.draft, photos);
  return { state: at(state, state.phase, draft), effects };
}

function answerMairie(state: WizardState, input: WizardInput, ctx: WizardContext): WizardResult {
  if (input.kind !== 'text' || !input.text.trim()) return { state, effects: reask(state, ctx) };
  const mairie = parseMairie(input.text);
  if (!mairie) return { state, effects: [say('mairieNotUnderstood', { text: input.text.trim() })] };
  const next = at(state, 'title');
  return {
    state: next,
    effects: [
      // The confirmation names the mairie in the reader's language: said where the effect is applied.
      { type: 'setMairie', mairie: mairie.slug },
      ...reask(next, { ...ctx, hasMairie: true }),
    ],
  };
}

function answerText(state: WizardState, input: WizardInput, ctx: WizardContext): WizardResult {
  const text = input.kind === 'text' ? input.text.trim() : '';
  if (!text) return { state, effects: [say('needText'), ...reask(state, ctx)] };
  const field = state.phase === 'title' ? 'title' : 'problem';
  const max = field === 'title' ? LIMITS.titleLength : LIMITS.problemLength;
  if (text.length > max) return { state, effects: [say('tooLong', { length: text.length, max })] };
  const draft = { ...state.draft, [field]: text };
  if (state.editing) return toPreview(draft, state.editOf);
  // Right after the problem of a new bricolage (not `modifier <n°>`), once per draft: "ça existe déjà ?"
  const suggest = field === 'problem' && state.editOf === undefined && !draft.suggested && draft.title !== null;
  const next = at(state, field === 'title' ? 'problem' : 'steps', suggest ? { ...draft, suggested: true } : draft);
  const effects = reask(next, ctx);
  return { state: next, effects: suggest ? [{ type: 'suggest', title: draft.title ?? '', problem: text }, ...effects] : effects };
}

function answerStep(state: WizardState, input: WizardInput, intent: WizardAction | null, ctx: WizardContext): WizardResult {
  const { draft } = state;
  if (intent === 'done') {
    if (draft.steps.length === 0) return { state, effects: [say('needOneStep')] };
    if (state.editing && draft.category) return toPreview(draft, state.editOf);
    const next = at(state, 'category', draft, false);
    return { state: next, effects: reask(next, ctx) };
  }
  if (input.kind !== 'text') return { state, effects: reask(state, ctx) };
  const text = input.text.trim();
  if (!text && input.photos.length === 0) return { state, effects: reask(state, ctx) };

  if (!text) {
    // Photos sent alone join the current (last) step, or wait for the first one.
    if (draft.steps.length === 0) {
      const next = at(state, 'steps', { ...draft, pendingPhotos: [...draft.pendingPhotos, ...input.photos] });
      return { state: next, effects: [say('photosKeptForNextStep')] };
    }
    const { draft: withPhotos, effects } = attachToLastStep(draft, input.photos);
    return { state: at(state, 'steps', withPhotos), effects };
  }

  if (text.length > LIMITS.stepLength)
    return { state, effects: [say('tooLong', { length: text.length, max: LIMITS.stepLength })] };
  if (draft.steps.length >= LIMITS.steps) return { state, effects: [say('tooManySteps', { max: LIMITS.steps }, [DONE_BUTTON])] };
  const photos = [...draft.pendingPhotos, ...input.photos];
  const kept = photos.slice(0, LIMITS.photosPerStep);
  const steps = [...draft.steps, { text, photos: kept }];
  const next = at(state, 'steps', { ...draft, steps, pendingPhotos: [] });
  const n = steps.length;
  const effects: WizardEffect[] = [kept.length ? say('stepSavedWithPhotos', { n, count: kept.length }) : say('stepSaved', { n })];
  if (kept.length < photos.length) effects.push(say('tooManyPhotos', { max: LIMITS.photosPerStep }));
  effects.push(say('stepNext', {}, [DONE_BUTTON]));
  return { state: next, effects };
}

/** Adds photos to the last step, keeping at most the per-step limit. */
function attachToLastStep(draft: Draft, added: string[]): { draft: Draft; effects: WizardEffect[] } {
  const last = draft.steps[draft.steps.length - 1];
  const photos = [...last.photos, ...added];
  const kept = photos.slice(0, LIMITS.photosPerStep);
  const effects = [say('photosAddedToStep', { count: kept.length - last.photos.length, n: draft.steps.length })];
  if (kept.length < photos.length) effects.push(say('tooManyPhotos', { max: LIMITS.photosPerStep }));
  return { draft: { ...draft, steps: [...draft.steps.slice(0, -1), { ...last, photos: kept }] }, effects };
}

function answerCategory(state: WizardState, input: WizardInput, ctx: WizardContext): WizardResult {
  let category: string | null = null;
  if (input.kind === 'category') category = ctx.categories[input.index] ?? null;
  else if (input.kind === 'text') category = parseCategory(input.text, ctx.categories);
  if (!category) {
    const typed = input.kind === 'text' ? input.text.trim() : '';
    const list = ctx.categories.map((c, i) => `${i + 1}. ${c}`).join('\n');
    return { state, effects: [say('categoryNotUnderstood', { text: typed, list }, categoryButtons(ctx.categories))] };
  }
  return toPreview({ ...state.draft, category }, state.editOf);
}

function answerPreview(state: WizardState, intent: WizardAction | null, ctx: WizardContext): WizardResult {
  if (intent === 'publish') {
    // A draft restored from an older version or a bug must never publish half empty.
    const missing = missingPhase(state.draft);
    if (missing) {
      const next = at(state, missing, state.draft, true);
      return { state: next, effects: reask(next, ctx) };
    }
    return { state: null, effects: [{ type: 'publish', draft: state.draft, editOf: state.editOf }] };
  }
  if (intent === 'edit') {
    const next = at(state, 'editChoice');
    return { state: next, effects: reask(next, ctx) };
  }
  return { state, effects: [say('previewActions', {}, PREVIEW_BUTTONS)] };
}

function missingPhase(draft: Draft): Phase | null {
  if (!draft.title) return 'title';
  if (!draft.problem) return 'problem';
  if (draft.steps.length === 0) return 'steps';
  if (!draft.category) return 'category';
  return null;
}

function answerEditChoice(state: WizardState, input: WizardInput, ctx: WizardContext): WizardResult {
  const field = input.kind === 'field' ? input.field : input.kind === 'text' ? FIELD_WORDS[normalize(input.text)] : undefined;
  if (!field) return { state, effects: reask(state, ctx) };
  if (field === 'steps') {
    const next: WizardState = {
      ...at(state, 'steps', { ...state.draft, steps: [], pendingPhotos: [] }, true),
      stepsBeforeEdit: state.draft.steps,
    };
    return { state: next, effects: [say('editStepsRestart')] };
  }
  const next = at(state, field, state.draft, true);
  return { state: next, effects: reask(next, ctx) };
}

function answerResume(state: WizardState, intent: WizardAction | null, ctx: WizardContext): WizardResult {
  if (intent === 'restart') return begin(ctx);
  if (intent === 'resume') {
    const next = at(state, state.resumePhase ?? 'title');
    return { state: next, effects: [say('resumed'), ...reask(next, ctx)] };
  }
  return { state, effects: reask(state, ctx) };
}

/**
 * The reminder's buttons: resuming shows where the agent was (the question of the phase they left),
 * dropping abandons the draft.
 */
function answerReminder(state: WizardState | null, choice: ReminderChoice, ctx: WizardContext): WizardResult {
  if (!state) return { state: null, effects: [say('staleButton')] };
  const title = state.draft.title ?? '';
  if (choice === 'drop') return { state: null, effects: [say('reminder.dropped', { title })] };
  const next = state.phase === 'resume' ? at(state, state.resumePhase ?? 'title') : state;
  return { state: next, effects: [say('reminder.resumed', { title }), ...reask(next, ctx)] };
}

/** The buttons shown under the preview card. */
export const previewButtons = PREVIEW_BUTTONS;
