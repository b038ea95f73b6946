/**
 * Renders the core's formatting contract (`OutboundMessage.text`, see `bot/ports.ts`) as Slack
 * mrkdwn: `*bold*` stays, URLs become `<url>` links, line breaks stay, and every other character
 * Slack gives meaning to (`&`, `<`, `>`) is escaped so agents' text is shown as typed.
 */
import { parseRichText } from '../../bot/rich-text.js';

/** Escapes the three characters Slack's mrkdwn gives meaning to, so user text is shown as typed. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderSlackText(text: string): string {
  return parseRichText(text)
    .map((run) => {
      switch (run.kind) {
        case 'text':
          return escapeMrkdwn(run.text);
        case 'bold':
          return `*${escapeMrkdwn(run.text)}*`;
        case 'link':
          // `|` would start a link label: percent-encode it, as a browser would.
          return `<${escapeMrkdwn(run.url).replace(/\|/g, '%7C')}>`;
        default:
          return '\n';
      }
    })
    .join('');
}
