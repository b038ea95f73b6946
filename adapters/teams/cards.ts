/**
 * OutboundMessage → Teams message activity. Pure: what Teams shows is decided here and unit-tested.
 * Plain messages are HTML text (`text.ts`); buttons become an Adaptive Card of `Action.Submit`
 * (whose `data` comes back as the `value` of a message activity, see `inbound.ts`) or
 * `Action.OpenUrl`; a bricolage card is an Adaptive Card with title, author, mairie, problem, photo.
 *
 * Agents' words go in `RichTextBlock` text runs, which no Teams client reads as markdown: they are
 * shown as typed without backslash escapes, which Teams' clients render unlike one another (some
 * showed `\*` as typed). Past six actions (all Teams shows), a list of choices becomes one compact
 * `Input.ChoiceSet` and one submit button (`choiceActions`).
 */
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { MAX_VISIBLE_BUTTONS } from '../../bot/choices.js';
import type { Button, ChoiceList, OutboundMessage } from '../../bot/ports.js';
import { renderTeamsText } from './text.js';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** The body of a message activity as the Bot Connector takes it. */
export interface TeamsMessage {
  type: 'message';
  text?: string;
  textFormat?: 'xml' | 'plain' | 'markdown';
  summary?: string;
  attachments?: { contentType: string; content: IAdaptiveCard }[];
}

export interface RenderOptions {
  /** Where Teams clients load the card photo from: a gallery URL or a small data URI; null for none. */
  imageUrl: string | null;
  /** Steps longer than this many characters are cut (the byte budget, `budget.ts`); none when unset. */
  stepLimit?: number;
  /** The problem cut likewise, as a last resort. */
  problemLimit?: number;
  /** The steps that were cut are sent whole in messages before the card: say so on it. */
  stepsSentApart?: boolean;
}

/** The id of the menu's input: Teams merges it into the submit's data, so it comes back as `value`. */
const CHOICE_INPUT_ID = 'value';

type Element = Record<string, unknown>;

/** Text cut to `limit` characters (whole code points) with an ellipsis; as it is when shorter. */
export function shorten(text: string, limit: number | undefined): string {
  if (limit === undefined) return text;
  const chars = [...text];
  return chars.length <= limit ? text : `${chars.slice(0, Math.max(0, limit)).join('').trimEnd()}…`;
}

/** Literal text (no markdown) in one text run. */
function literal(text: string, run: Element = {}, block: Element = {}): Element {
  return { type: 'RichTextBlock', ...block, inlines: [{ type: 'TextRun', text, ...run }] };
}

function submit(b: Button, associatedInputs?: 'none'): Element {
  return {
    type: 'Action.Submit',
    title: b.label,
    // Teams supports the styles `default`, `positive` and `destructive` only.
    ...(b.style === 'primary' ? { style: 'positive' } : b.style === 'danger' ? { style: 'destructive' } : {}),
    ...(associatedInputs ? { associatedInputs } : {}),
    data: { actionId: b.actionId, value: b.value },
  };
}

function action(b: Button, associatedInputs?: 'none'): Element {
  return b.url ? { type: 'Action.OpenUrl', title: b.label, url: b.url } : submit(b, associatedInputs);
}

function unique(buttons: Button[] | undefined): Button[] {
  const seen = new Set<string>();
  return (buttons ?? []).filter((b) => {
    const key = `${b.actionId}\u0000${b.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The card's actions, and the inputs they need: every button while they are six at most; past six,
 * the list of choices as a compact menu with one submit button before the other buttons (which
 * then send no input). Without a described list, the first six (the core always describes one).
 */
export function choiceActions(
  buttons: Button[] | undefined,
  choices: ChoiceList | undefined,
): { actions: Element[]; inputs: Element[] } {
  const all = unique(buttons);
  if (all.length <= MAX_VISIBLE_BUTTONS) return { actions: all.map((b) => action(b)), inputs: [] };
  const listed = choices ? all.filter((b) => b.actionId === choices.actionId && !b.url) : [];
  if (!choices || listed.length < 2) return { actions: all.slice(0, MAX_VISIBLE_BUTTONS).map((b) => action(b)), inputs: [] };
  const others = all.filter((b) => !listed.includes(b));
  const menu: Element = {
    type: 'Input.ChoiceSet',
    id: CHOICE_INPUT_ID,
    style: 'compact',
    label: choices.placeholder,
    placeholder: choices.placeholder,
    isRequired: true,
    errorMessage: choices.placeholder,
    choices: listed.map((b) => ({ title: b.label, value: b.value })),
  };
  const send: Element = { type: 'Action.Submit', title: choices.submit, style: 'positive', data: { actionId: choices.actionId } };
  const rest = others.slice(0, MAX_VISIBLE_BUTTONS - 1).map((b) => action(b, 'none'));
  return { actions: [send, ...rest], inputs: [menu] };
}

function adaptiveCard(body: Element[], actions: Element[], extra: Element = {}): IAdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
    ...extra,
  } as unknown as IAdaptiveCard;
}

export function renderMessage(message: OutboundMessage, options: RenderOptions): TeamsMessage {
  const card = message.card;
  const { actions, inputs } = choiceActions(message.buttons, message.choices);
  if (!card) {
    const text = renderTeamsText(message.text);
    if (actions.length === 0) return { type: 'message', textFormat: 'xml', text };
    // The text stays the message's own HTML; the card under it only carries the buttons (and the menu).
    return {
      type: 'message',
      textFormat: 'xml',
      text,
      attachments: [{ contentType: ADAPTIVE_CARD, content: adaptiveCard(inputs, actions) }],
    };
  }
  const body: Element[] = [
    literal(card.title || '…', { size: 'Large', weight: 'Bolder' }),
    literal(card.labels.byline, { isSubtle: true }, { spacing: 'None' }),
  ];
  if (options.imageUrl) {
    body.push({ type: 'Image', url: options.imageUrl, altText: card.coverPhoto?.alt || card.title, size: 'Stretch' });
  }
  body.push(
    literal(card.labels.problem, { weight: 'Bolder' }),
    literal(shorten(card.problem, options.problemLimit), {}, { spacing: 'Small' }),
  );
  if (!card.bricolageId) {
    // The preview before publishing shows every step; the community post only counts them.
    for (const step of card.steps) {
      body.push({
        type: 'RichTextBlock',
        inlines: [
          { type: 'TextRun', text: `${step.position}. `, weight: 'Bolder' },
          { type: 'TextRun', text: shorten(step.text, options.stepLimit) },
        ],
      });
    }
    if (options.stepsSentApart) body.push(literal(card.labels.stepsShortened, { isSubtle: true, italic: true }));
  }
  body.push(
    {
      // The category comes from the configuration and the count from the catalogue, not from agents.
      type: 'FactSet',
      facts: [
        { title: card.labels.category, value: card.category },
        { title: card.labels.steps, value: card.labels.stepCount },
      ],
    },
    ...inputs,
  );
  const content = adaptiveCard(body, actions, { msteams: { width: 'Full' } });
  return { type: 'message', summary: card.title, attachments: [{ contentType: ADAPTIVE_CARD, content }] };
}
