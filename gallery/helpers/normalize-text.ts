import { foldText } from '../../storage/search.js';

/** Folds case and accents so that a search for "etat civil" finds "État civil" (one rule with the bot's search). */
export const normalizeText = foldText;

/** True when every word of `query` appears in `haystack` (both folded); an empty query matches. */
export function matchesQuery(haystack: string, query: string): boolean {
  const words = normalizeText(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const text = normalizeText(haystack);
  return words.every((word) => text.includes(word));
}
