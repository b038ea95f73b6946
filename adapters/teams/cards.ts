/**
 * OutboundMessage → Teams message activity. Pure: what Teams shows is decided here and unit-tested.
 * Plain messages are HTML text (`text.ts`); buttons become an Adaptive Card of `Action.Submit`
 * (whose `data` comes back as the `value` of a message activity, see `inbound.ts`) or
 * `Action.OpenUrl`; a bricolage card is an Adaptive Card with title, author, mairie, problem, photo.
 */
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import type { Button, OutboundMessage } from '../../bot/ports.js';
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
}

/** Adaptive Card TextBlocks read a little markdown: neutralise it in agents' text. */
function plain(text: string): string {
  return text
    .replace(/([\\*_[\]`#~])/g, '\\$1')
    .replace(/^(\s*)>/gm, '$1\\>')
    .replace(/^(\s*)(\d+)\./gm, '$1$2\\.');
}

function actionsOf(buttons: Button[] | undefined): Record<string, unknown>[] {
  const seen = new Set<string>();
  const actions: Record<string, unknown>[] = [];
  for (const b of buttons ?? []) {
    const key = `${b.actionId}\u0000${b.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    actions.push(
      b.url
        ? { type: 'Action.OpenUrl', title: b.label, url: b.url }
        : {
            type: 'Action.Submit',
            title: b.label,
            ...(b.style === 'primary' ? { style: 'positive' } : b.style === 'danger' ? { style: 'destructive' } : {}),
            data: { actionId: b.actionId, value: b.value },
          },
    );
  }
  return actions;
}

export function renderMessage(message: OutboundMessage, options: RenderOptions): TeamsMessage {
  const card = message.card;
  const actions = actionsOf(message.buttons);
  if (!card) {
    const text = renderTeamsText(message.text);
    if (actions.length === 0) return { type: 'message', textFormat: 'xml', text };
    // The text stays the message's own HTML; the card under it only carries the buttons.
    return {
      type: 'message',
      textFormat: 'xml',
      text,
      attachments: [
        {
          contentType: ADAPTIVE_CARD,
          content: { type: 'AdaptiveCard', version: '1.5', body: [], actions } as unknown as IAdaptiveCard,
        },
      ],
    };
  }
  const body: Record<string, unknown>[] = [
    { type: 'TextBlock', text: plain(card.title || '…'), size: 'Large', weight: 'Bolder', wrap: true },
    { type: 'TextBlock', text: plain(card.labels.byline), isSubtle: true, spacing: 'None', wrap: true },
  ];
  if (options.imageUrl) {
    body.push({ type: 'Image', url: options.imageUrl, altText: card.coverPhoto?.alt || card.title, size: 'Stretch' });
  }
  body.push(
    { type: 'TextBlock', text: plain(card.labels.problem), weight: 'Bolder', wrap: true },
    { type: 'TextBlock', text: plain(card.problem), wrap: true, spacing: 'Small' },
  );
  if (!card.bricolageId) {
    // The preview before publishing shows every step; the community post only counts them.
    for (const step of card.steps) {
      body.push({ type: 'TextBlock', text: `**${step.position}.** ${plain(step.text)}`, wrap: true });
    }
  }
  body.push({
    type: 'FactSet',
    facts: [
      { title: card.labels.category, value: plain(card.category) },
      { title: card.labels.steps, value: plain(card.labels.stepCount) },
    ],
  });
  const content = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    actions,
    msteams: { width: 'Full' },
  } as unknown as IAdaptiveCard;
  return { type: 'message', summary: card.title, attachments: [{ contentType: ADAPTIVE_CARD, content }] };
}
