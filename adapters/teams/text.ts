/**
 * Renders the core's formatting contract (`OutboundMessage.text`, see `bot/ports.ts`) as the HTML
 * Teams shows for `textFormat: 'xml'` messages: `<b>` for bold, `<a href>` for links, `<br>` for line
 * breaks, and everything else escaped so agents' text is shown as typed, never as markup.
 */
import { parseRichText } from '../../bot/rich-text.js';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function renderTeamsText(text: string): string {
  return parseRichText(text)
    .map((run) => {
      if (run.kind === 'text') return escapeHtml(run.text);
      if (run.kind === 'bold') return `<b>${escapeHtml(run.text)}</b>`;
      if (run.kind === 'link') return `<a href="${escapeHtml(run.url)}">${escapeHtml(run.url)}</a>`;
      return '<br>';
    })
    .join('');
}
