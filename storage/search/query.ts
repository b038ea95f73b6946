/**
 * What both search engines share: the query's words (folded, stop words dropped), which of them match
 * as prefixes, the highlighted extracts cut from the matches' texts, the cap and the result's shape.
 */
import { foldLetters, foldText } from '../../domain/text.js';
import type { DbOrTrx } from '../db.js';
import { type SortKey, type SummaryRow, summariesByIds } from '../gallery/list.js';

/**
 * Matches counted, and browsable, at most: past it `total` is a lower bound and every sort orders the
 * MATCH_CAP newest matches. Counting, ranking or sorting all matches of "de" or "pour" (nearly every
 * bricolage) would cost tens of milliseconds at 100,000.
 */
export const MATCH_CAP = 1_000;
/** Markers around highlighted words in snippets; the gallery escapes the text, then turns them into <mark>. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

export type SearchSort = 'relevance' | SortKey;
export const SEARCH_SORTS: readonly SearchSort[] = ['relevance', 'recent', 'likes', 'comments', 'adoptions'];

export interface SearchOptions {
  q: string;
  category?: string;
  mairie?: string;
  workshopId?: number;
  sort?: SearchSort;
  limit: number;
  offset?: number;
}

export interface SearchItem extends SummaryRow {
  /** A short extract around the matched words, with MARK_START / MARK_END around each match. */
  snippet: string;
}

export interface SearchResult {
  items: SearchItem[];
  /** How many match; MATCH_CAP when more do (then `totalIsLowerBound`). */
  total: number;
  /** True when more than `total` bricolages match: counting stopped at MATCH_CAP. */
  totalIsLowerBound: boolean;
}

/**
 * French words found in nearly every bricolage, and the letters left by elisions ("l'accueil"): they
 * tell no bricolage apart, and each costs bm25 a read of nearly the whole index at 100,000.
 */
const STOP_WORDS = new Set(
  (
    'a au aux avec c ce ces d dans de des du elle en et il j l la le les leur leurs lui m ma mais me mes mon ' +
    'n ne ni nos notre nous on ou par pas pour qu que qui s sa se ses son sur t ta te tes ton tu un une vos votre vous y'
  ).split(' '),
);

/** Whether every word is a stop word: a query of words found in nearly every bricolage. */
export function onlyStopWords(words: string[]): boolean {
  return words.length > 0 && words.every((w) => STOP_WORDS.has(w));
}

/**
 * The words of a query as the index sees them (letters and digits, folded), without the stop words
 * when it has other words: "tampon pour passeport" looks for "tampon" and "passeport".
 */
export function queryWords(q: string): string[] {
  const words = foldText(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const meaningful = words.filter((w) => !STOP_WORDS.has(w));
  return (meaningful.length > 0 ? meaningful : words).slice(0, 12);
}

/** A query word and whether the index matches it as a prefix. */
interface QueryWord {
  word: string;
  prefix: boolean;
}

function queryRules(words: string[]): QueryWord[] {
  return words.map((word, i) => ({ word, prefix: isPrefix(word, i === words.length - 1) }));
}

/** Whether a token of the text matches a query word by the index's rule (exact, or prefix). */
function tokenMatches(token: string, rules: QueryWord[]): boolean {
  const folded = foldLetters(token);
  for (const { word, prefix } of rules) if (prefix ? folded.startsWith(word) : folded === word) return true;
  return false;
}

export function isPrefix(word: string, last: boolean): boolean {
  return last || [...word].length >= 4;
}

/**
 * About `size` words around the first match, from the first text that has one, with MARK_START /
 * MARK_END around each matching word and "…" where the text was cut. Tokens are read lazily: only
 * up to the window after the first match, keeping the few before it.
 */
export function cutSnippet(texts: string[], words: string[], size = 18): string {
  const before = Math.floor(size / 3);
  const rules = queryRules(words);
  for (const text of texts) {
    // A matching token is a substring of the folded text: most texts without a match are skipped
    // without cutting them into tokens.
    const folded = foldLetters(text);
    if (!words.some((w) => folded.includes(w))) continue;
    const token = /[\p{L}\p{N}]+/gu;
    // The window: up to `before` tokens before the first match, then the rest up to `size`.
    const window: { at: number; text: string; hit: boolean }[] = [];
    let cutBefore = false;
    let matched = false;
    let cutAfter = false;
    for (let m = token.exec(text); m; m = token.exec(text)) {
      if (matched && window.length === size) {
        cutAfter = true;
        break;
      }
      const hit = tokenMatches(m[0], rules);
      window.push({ at: m.index, text: m[0], hit });
      if (hit) matched = true;
      else if (!matched && window.length > before) {
        window.shift();
        cutBefore = true;
      }
    }
    if (!matched) continue;
    let out = cutBefore ? '…' : '';
    let cursor = cutBefore ? window[0].at : 0;
    for (const t of window) {
      out += text.slice(cursor, t.at);
      out += t.hit ? MARK_START + t.text + MARK_END : t.text;
      cursor = t.at + t.text.length;
    }
    if (!cutAfter) out += text.slice(cursor);
    return (out + (cutAfter ? '…' : '')).replace(/\s+/g, ' ').trim();
  }
  return '';
}

/**
 * A page of matches as items with their highlighted extracts, cut here rather than by the engine
 * (FTS5's snippet() would walk every match of a common word). The summaries hold the title,
 * problem, category and author; `stepsOf` gives the steps as the engine's index stores them.
 */
export async function itemsWithSnippets(
  db: DbOrTrx,
  ids: number[],
  stepsOf: Map<number, string>,
  words: string[],
): Promise<SearchItem[]> {
  const rows = await summariesByIds(db, ids);
  return rows.map((r) => ({
    ...r,
    snippet: cutSnippet([r.problem, stepsOf.get(r.id) ?? '', r.title, r.category, r.author.name], words),
  }));
}
