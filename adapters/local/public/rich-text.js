/* Message text as DOM: the server sends runs (bold, link, break, text; see adapters/local/text.ts), built here from text nodes only. */
import { el } from './dom.js';

export function richText(runs) {
  const frag = document.createDocumentFragment();
  for (const run of runs) {
    if (run.kind === 'break') frag.append(el('br'));
    else if (run.kind === 'bold') frag.append(el('strong', {}, run.text));
    else if (run.kind === 'link' && /^https?:\/\//.test(run.url))
      frag.append(el('a', { href: run.url, rel: 'noopener' }, run.url));
    else if (run.kind === 'text') frag.append(document.createTextNode(run.text));
  }
  return frag;
}
