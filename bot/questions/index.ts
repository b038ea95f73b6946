/**
 * Every kind of question the bot may leave pending (one per agent, `bot/dialog.ts`). A new kind is
 * one file in this folder and one line here; its name is stored, so it is never renamed.
 */
import type { AnyQuestionKind } from '../dialog.js';
import { adoptionFeedbackQuestion } from './adoption-feedback.js';
import { challengeQuestion } from './challenge.js';
import { confirmQuestion } from './confirm.js';
import { similarSuggestionQuestion } from './similar-suggestion.js';
import { timeSavedQuestion } from './time-saved.js';
import { workshopQuestion } from './workshop.js';

export const QUESTIONS: readonly AnyQuestionKind[] = [
  confirmQuestion,
  adoptionFeedbackQuestion,
  workshopQuestion,
  timeSavedQuestion,
  similarSuggestionQuestion,
  challengeQuestion,
];
