/**
 * Turns a search snippet (matches between storage's MARK_START / MARK_END markers) into safe HTML:
 * every piece of user text is escaped first, then only our own <mark> tags are added.
 */
import Handlebars from 'handlebars';
import { MARK_END, MARK_START } from '../../storage/search/search.js';

export function highlight(snippet: string): string {
  let out = '';
  let open = false;
  for (const part of snippet.split(new RegExp(`(${MARK_START}|${MARK_END})`))) {
    if (part === MARK_START) {
      if (!open) out += '<mark>';
      open = true;
    } else if (part === MARK_END) {
      if (open) out += '</mark>';
      open = false;
    } else out += Handlebars.escapeExpression(part);
  }
  return open ? `${out}</mark>` : out;
}

/** The snippet without its markers, for the JSON API. */
export function plainSnippet(snippet: string): string {
  return snippet.replaceAll(MARK_START, '').replaceAll(MARK_END, '');
}
