/* Bot and agent text as DOM, built from text nodes only. */
import { el } from './dom.js';

/** Safe rich text: `*bold*`, http(s) links and line breaks only, built from text nodes. */
export function richText(text) {
  const frag = document.createDocumentFragment();
  text.split('\n').forEach((line, index) => {
    if (index > 0) frag.append(el('br'));
    const parts = line.split(/(\*[^*\n]+\*|https?:\/\/[^\s<>"]+)/g);
    for (const part of parts) {
      if (part.length > 2 && part.startsWith('*') && part.endsWith('*')) frag.append(el('strong', {}, part.slice(1, -1)));
      else if (/^https?:\/\//.test(part)) frag.append(el('a', { href: part, rel: 'noopener' }, part));
      else if (part) frag.append(document.createTextNode(part));
    }
  });
  return frag;
}
