/** Text folding for matching what agents type: one rule for search, names and mairies. */
/** Folds case and accents so that "etat civil" finds "État civil". */
export function foldText(text: string): string {
  return foldLetters(text).replace(/[’']/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The case and accent part of foldText: all that a single word (letters and digits) needs. */
export function foldLetters(text: string): string {
  // Plain ASCII has no accent: lower-casing is enough (most tokens of the snippets).
  return /^[\t\n\r\x20-\x7e]*$/.test(text)
    ? text.toLowerCase()
    : text
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase();
}
