/**
 * Every activity sent to Teams stays within a byte budget: the Bot Connector refuses a message over
 * about 28 KB (413 `MessageSizeTooBig`), and a refused preview or post is lost to the agent. 24 KB
 * leaves room for what the SDK adds around the activity. Over it, in this order:
 * 1. the inline card photo is tried smaller, then left out;
 * 2. the preview's steps are shortened (all to one length, the longest that fits), and where the
 *    message is a direct one the steps that were cut are sent whole as plain messages just before
 *    the card, which says so. Plain messages rather than a web page: the agent reads them where they
 *    write, the case that needs them most (a gallery Teams cannot reach, hence an inline photo) has
 *    no page anyone could open, and a draft never leaves the conversation;
 * 3. the problem is shortened too, as a last resort;
 * a long plain message is split at line breaks into several. Nothing sent is over the budget.
 */
import type { OutboundMessage } from '../../bot/ports.js';
import { renderMessage, type TeamsMessage } from './cards.js';
import { escapeHtml } from './text.js';

/** The largest activity sent, in bytes of JSON. */
export const ACTIVITY_BUDGET = 24 * 1024;

/** Steps are never cut shorter than this: a line that still says what the step is about. */
const MIN_STEP_CHARS = 60;
const MIN_PROBLEM_CHARS = 200;

export function activityBytes(activity: TeamsMessage): number {
  return Buffer.byteLength(JSON.stringify(activity), 'utf8');
}

export interface FittedMessage {
  /** Plain messages to send before `activity` (the whole steps, or the first parts of a long text). */
  before: TeamsMessage[];
  activity: TeamsMessage;
}

export interface FitOptions {
  /**
   * The card photo's candidates, best first, each made only when needed (a gallery URL, or inline
   * JPEGs smaller and smaller); the photo is left out after the last.
   */
  images: (() => Promise<string | null>)[];
  /** Whether messages may be sent before this one (a direct message); elsewhere steps are only cut. */
  sendApart: boolean;
  budget?: number;
}

/** The largest limit in [low, high] for which `fits` holds (it holds less as the limit grows), or null. */
function largest(low: number, high: number, fits: (limit: number) => boolean): number | null {
  if (!fits(low)) return null;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

const lengthOf = (text: string) => [...text].length;

export async function fitMessage(message: OutboundMessage, options: FitOptions): Promise<FittedMessage> {
  const budget = options.budget ?? ACTIVITY_BUDGET;
  const fits = (a: TeamsMessage) => activityBytes(a) <= budget;
  const card = message.card;

  // The photo, largest first, then none.
  for (const image of card?.coverPhoto ? options.images : []) {
    const imageUrl = await image();
    if (imageUrl === null) continue;
    const activity = renderMessage(message, { imageUrl });
    if (fits(activity)) return { before: [], activity };
  }
  const whole = renderMessage(message, { imageUrl: null });
  if (fits(whole)) return { before: [], activity: whole };

  if (!card) return splitText(message, budget);

  const steps = card.bricolageId ? [] : card.steps;
  const longest = Math.max(0, ...steps.map((s) => lengthOf(s.text)));
  const apart = options.sendApart && steps.length > 0;
  const render = (stepLimit: number, problemLimit?: number) =>
    renderMessage(message, { imageUrl: null, stepLimit, problemLimit, stepsSentApart: apart });
  let stepLimit = largest(Math.min(MIN_STEP_CHARS, longest), longest, (limit) => fits(render(limit)));
  let problemLimit: number | undefined;
  if (stepLimit === null) {
    stepLimit = Math.min(MIN_STEP_CHARS, longest);
    const limit = stepLimit;
    problemLimit =
      largest(0, lengthOf(card.problem), (p) => fits(render(limit, p))) ?? Math.min(MIN_PROBLEM_CHARS, lengthOf(card.problem));
  }
  const activity = render(stepLimit, problemLimit);
  const cut = steps.filter((s) => lengthOf(s.text) > stepLimit);
  const before = apart ? packSteps(cut, budget) : [];
  return { before, activity };
}

/** HTML of agent text shown as typed: escaped, line breaks kept. */
function literalHtml(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

const htmlMessage = (text: string): TeamsMessage => ({ type: 'message', textFormat: 'xml', text });

/** The whole text of the cut steps, as few plain messages as fit (a step is never split: 2,000 characters at most). */
function packSteps(steps: { position: number; text: string }[], budget: number): TeamsMessage[] {
  const messages: TeamsMessage[] = [];
  let current: string[] = [];
  for (const step of steps) {
    const part = `<b>${step.position}.</b> ${literalHtml(step.text)}`;
    const joined = [...current, part].join('<br><br>');
    if (current.length > 0 && activityBytes(htmlMessage(joined)) > budget) {
      messages.push(htmlMessage(current.join('<br><br>')));
      current = [part];
    } else current.push(part);
  }
  if (current.length > 0) messages.push(htmlMessage(current.join('<br><br>')));
  return messages;
}

/** A plain message too long for one activity: split at line breaks (or within a line too long), buttons on the last part. */
function splitText(message: OutboundMessage, budget: number): FittedMessage {
  const lines = message.text.split('\n');
  const parts: string[] = [];
  let current = '';
  const fitsAlone = (text: string) => activityBytes(renderMessage({ text }, { imageUrl: null })) <= budget;
  for (const line of lines) {
    const candidate = current === '' ? line : `${current}\n${line}`;
    if (fitsAlone(candidate)) {
      current = candidate;
      continue;
    }
    if (current !== '') parts.push(current);
    current = line;
    while (!fitsAlone(current)) {
      const cut = largest(1, lengthOf(current), (n) => fitsAlone([...current].slice(0, n).join(''))) ?? 1;
      parts.push([...current].slice(0, cut).join(''));
      current = [...current].slice(cut).join('');
    }
  }
  const last = { ...message, text: current };
  let activity = renderMessage(last, { imageUrl: null });
  if (activityBytes(activity) > budget && current !== '') {
    // The buttons need room of their own: they go alone under the last part.
    parts.push(current);
    activity = renderMessage({ ...message, text: ' ' }, { imageUrl: null });
  }
  return { before: parts.map((text) => renderMessage({ text }, { imageUrl: null })), activity };
}
