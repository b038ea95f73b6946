/**
 * Renders the core's formatting contract (`OutboundMessage.text`, see `bot/ports.ts`) for the local
 * page: the API sends runs, and the page (`public/rich-text.js`) only turns them into DOM nodes built
 * from text nodes, so it never parses markup itself and nothing an agent typed becomes HTML.
 */
import { parseRichText, type RichRun } from '../../bot/rich-text.js';

/** What the page receives for one message's text; links are http(s) only by construction. */
export type LocalRun = RichRun;

export function renderLocalText(text: string): LocalRun[] {
  return parseRichText(text);
}
