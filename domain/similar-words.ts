/**
 * The words the similarity score compares: French stop words dropped, accents and case ignored,
 * and each word reduced to its stem (Snowball's French stemmer, `@orama/stemmers`), so that
 * "étiquette" and "étiquettes", "réparé" and "réparée", "trier" and "triés" are one word.
 * The search index is not stemmed (search keeps its own rules); a stem is looked up there as a
 * prefix (see `indexPrefix`), and the candidates' texts are stemmed here to be compared.
 */
import { stemmer } from '@orama/stemmers/french';
import stopword from 'stopword';
import { foldLetters as fold } from './text.js';

/** Snowball's French stop words (être, avoir and their forms, articles, pronouns…), accents folded. */
const STOP_WORDS = new Set([...stopword.fra, 'ni', 'plus', 'tout', 'tous', 'toute', 'toutes', 'tres'].map(fold));

/**
 * The stem of one lower-case word, accents folded. A final plural "s" is dropped first: the
 * stemmer treats some singulars and plurals apart ("usager" → "usag", "usagers" → "usager").
 */
export function stemWord(word: string): string {
  const singular = word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
  return fold(stemmer(singular));
}

/** Each lower-case word's stem, or '' for a word the score ignores: the same few thousand words come back in every text. */
const stems = new Map<string, string>();
const CACHE_SIZE = 20_000;

/** The stem of a lower-case word, or '' for a stop word, a number or a single letter. */
function stemOf(word: string): string {
  const known = stems.get(word);
  if (known !== undefined) return known;
  const stem = word.length > 1 && !STOP_WORDS.has(fold(word)) && !/^\d+$/.test(word) ? stemWord(word) : '';
  if (stems.size >= CACHE_SIZE) stems.clear();
  stems.set(word, stem);
  return stem;
}

/** The words of a text (letters and digits; "l'accueil" gives "accueil"), lower case, accents kept. */
function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u);
}

/** The distinct stems of a text's meaningful words, in order of first appearance. */
export function textStems(text: string): string[] {
  const found = new Set<string>();
  for (const word of words(text)) {
    const stem = stemOf(word);
    if (stem) found.add(stem);
  }
  return [...found];
}

/** A stem with the folded word it came from, for the index lookup. */
export interface QueryStem {
  stem: string;
  /** What the index is asked for, as a prefix: see `indexPrefix`. */
  prefix: string;
}

/** The distinct stems of a text with their index prefixes (the first word seen gives the prefix). */
export function queryStems(text: string): QueryStem[] {
  const seen = new Map<string, QueryStem>();
  for (const word of words(text)) {
    const stem = stemOf(word);
    if (stem && !seen.has(stem)) seen.set(stem, { stem, prefix: indexPrefix(stem, fold(word)) });
  }
  return [...seen.values()];
}

/**
 * What the index (unstemmed, accents folded) is searched for, as a prefix, to find the words of a
 * stem: the stem itself when it begins the word ("etiquet" for "étiquettes"), else the part they
 * share ("journa" for "journaux", stem "journal"), else the whole word.
 */
export function indexPrefix(stem: string, folded: string): string {
  if (folded.startsWith(stem)) return stem;
  let n = 0;
  while (n < stem.length && n < folded.length && stem[n] === folded[n]) n++;
  return n >= 3 ? folded.slice(0, n) : folded;
}
