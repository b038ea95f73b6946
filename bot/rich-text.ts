/**
 * The one reading of the chat formatting contract (see `OutboundMessage.text` in `ports.ts`): text
 * becomes a flat list of runs that every adapter renders for its platform (Slack mrkdwn, Teams
 * HTML, the local page's DOM). Adapters never parse `*bold*` themselves.
 */

export type RichRun =
  | { kind: 'text'; text: string }
  | { kind: 'bold'; text: string }
  | { kind: 'link'; url: string }
  | { kind: 'break' };

/** `*bold*` (on one line, not empty), bare http(s) URLs; everything else is plain text. */
const TOKEN = /(\*[^*\n]+\*|https?:\/\/[^\s<>"]+)/g;

/** Splits contract text into runs; `\r\n` and `\n` are line breaks. Pure and total: any string is valid. */
export function parseRichText(text: string): RichRun[] {
  const runs: RichRun[] = [];
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((line, index) => {
      if (index > 0) runs.push({ kind: 'break' });
      for (const part of line.split(TOKEN)) {
        if (!part) continue;
        if (part.length > 2 && part.startsWith('*') && part.endsWith('*')) runs.push({ kind: 'bold', text: part.slice(1, -1) });
        else if (/^https?:\/\//.test(part)) runs.push({ kind: 'link', url: part });
        else runs.push({ kind: 'text', text: part });
      }
    });
  return runs;
}
