/**
 * A bricolage sent whole from a form (Slack's `/bricolage formulaire` modal): checked like the
 * wizard's answers, then published the same way. A refused form is sent back so nothing is lost.
 */
import { type MessageKey, t, type Vars } from './messages/index.js';
import { explainRefusals, type ReceivedPhotos } from './photos.js';
import type { SubmittedForm } from './ports.js';
import { publishDraft } from './publish.js';
import type { Turn } from './turn.js';
import { parseCategory } from './wizard/parse.js';
import { type Draft, LIMITS } from './wizard/state.js';

export async function submitForm(turn: Turn, form: SubmittedForm, photos: ReceivedPhotos): Promise<void> {
  explainRefusals(turn, photos.refused);
  const title = form.title.trim();
  const problem = form.problem.trim();
  const steps = form.steps.map((s) => s.trim()).filter(Boolean);
  const category = parseCategory(form.category, turn.deps.config.categories);

  const problems: [MessageKey, Vars?][] = [];
  if (!title) problems.push(['formMissing.title']);
  if (!problem) problems.push(['formMissing.problem']);
  if (steps.length === 0) problems.push(['formMissing.steps']);
  if (!category) problems.push(['formMissing.category', { category: form.category }]);
  if (title.length > LIMITS.titleLength)
    problems.push(['formMissing.tooLong', { field: title.slice(0, 30), max: LIMITS.titleLength }]);
  if (problem.length > LIMITS.problemLength)
    problems.push(['formMissing.tooLong', { field: problem.slice(0, 30), max: LIMITS.problemLength }]);
  if (steps.length > LIMITS.steps) problems.push(['formMissing.tooManySteps', { max: LIMITS.steps }]);
  const longStep = steps.find((s) => s.length > LIMITS.stepLength);
  if (longStep) problems.push(['formMissing.tooLong', { field: longStep.slice(0, 30), max: LIMITS.stepLength }]);

  if (problems.length > 0) {
    const summary = [title, problem, ...steps.map((s, i) => `${i + 1}. ${s}`), form.category].filter(Boolean).join('\n');
    turn.say('formInvalid', { problems: problems.map(([key, vars]) => t(turn.locale, key, vars)).join(' '), summary });
    return;
  }
  const draft: Draft = {
    title,
    problem,
    category,
    pendingPhotos: [],
    steps: steps.map((text, i) => ({ text, photos: i === 0 ? photos.hashes.slice(0, LIMITS.photosPerStep) : [] })),
  };
  await publishDraft(turn, draft);
}
