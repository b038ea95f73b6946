/** Reading what agents type: keywords match ignoring case, accents and trailing punctuation. */

export type Keyword = 'new' | 'done' | 'publish' | 'edit' | 'cancel' | 'back' | 'help' | 'resume' | 'restart';

/** Accepted words per keyword, French first; both languages are always understood. */
const KEYWORDS: Record<Keyword, string[]> = {
  new: ['nouveau', 'nouvelle', 'new'],
  done: ['termine', 'terminee', 'fini', 'finie', 'done', 'finished'],
  publish: ['publier', 'publie', 'publish'],
  edit: ['modifier', 'edit'],
  cancel: ['annuler', 'cancel'],
  back: ['retour', 'back'],
  help: ['aide', 'help', '?'],
  resume: ['reprendre', 'resume'],
  restart: ['recommencer', 'restart', 'start again'],
};

/** Lower case, no accents, single spaces, no surrounding punctuation. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s.!…,;:«»"()]+|[\s.!…,;:«»"()]+$/g, '');
}

/** The keyword the whole message is, if any ("Terminé !" → done; "terminé le rangement" → none). */
export function keywordOf(text: string): Keyword | null {
  const n = normalize(text);
  if (n === '?' || text.trim() === '?') return 'help';
  for (const [keyword, words] of Object.entries(KEYWORDS) as [Keyword, string[]][]) {
    if (words.includes(n)) return keyword;
  }
  return null;
}

/** A DM command with an argument: `chercher courrier`, `adopté 12 super`, `langue en`. */
export type Command =
  | { name: 'search'; query: string }
  /** `timeSaved`: the words after `gain` (`adopté 12 gain 2 h par semaine`), when given. */
  | { name: 'adopt'; id: number | null; feedback: string; timeSaved?: string }
  | { name: 'language'; value: string }
  | { name: 'similar'; id: number | null }
  // Agents' own data.
  | { name: 'edit'; id: number | null }
  | { name: 'delete'; id: number | null }
  | { name: 'export' }
  | { name: 'forget' }
  | { name: 'profile' };

/** The words of the agents'-own-data commands (the help lists each of them). */
export const OWN_DATA_WORDS = {
  edit: ['modifier', 'edit'],
  delete: ['supprimer', 'delete'],
  export: ['mes donnees', 'my data'],
  forget: ['oublie-moi', 'oublie moi', 'oubliez-moi', 'oubliez moi', 'forget me', 'forget-me'],
} as const;

/** `12`, `n°12`, `#12` → 12; anything else → null. */
function bricolageNumber(text: string): number | null {
  const match = /^(?:n°|no|n|#)?\s*(\d{1,9})$/i.exec(text.trim());
  return match ? Number(match[1]) : null;
}

/**
 * `super outil gain 2 h par semaine` → feedback `super outil`, time saved `2 h par semaine`: the
 * last `gain` / `saves` followed by a digit or a number word starts the time saved (issue 20).
 */
function splitTimeSaved(text: string): { feedback: string; timeSaved?: string } {
  const match =
    /^([\s\S]*?)(?:^|\s)(?:gain(?:\s+de\s+temps)?|gagne|saves?|saved|time saved)\s*:?\s+((?:\d|une?\b|deux|trois|dix|vingt|trente|quinze|a\b|an\b|one|two|half|demi)[\s\S]*)$/i.exec(
      text,
    );
  return match ? { feedback: match[1].trim(), timeSaved: match[2].trim() } : { feedback: text };
}

export function commandOf(text: string): Command | null {
  const trimmed = text.trim();
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(trimmed);
  if (!match) return null;
  if (['mon profil', 'profil', 'profile', 'my profile'].includes(normalize(trimmed))) return { name: 'profile' };
  const head = normalize(match[1]);
  const rest = (match[2] ?? '').trim();
  if (['chercher', 'cherche', 'recherche', 'rechercher', 'search', 'find'].includes(head)) {
    return { name: 'search', query: rest };
  }
  if (['adopte', 'adoptee', 'adopted', 'adopt'].includes(head)) {
    const idMatch = /^(?:n°|no|n|#)?\s*(\d{1,9})\b\s*([\s\S]*)$/i.exec(rest);
    return idMatch
      ? { name: 'adopt', id: Number(idMatch[1]), ...splitTimeSaved(idMatch[2].trim()) }
      : { name: 'adopt', id: null, feedback: '' };
  }
  if (['langue', 'language', 'lang'].includes(head)) return { name: 'language', value: normalize(rest) };
  if (['similaires', 'similaire', 'similar'].includes(head)) return { name: 'similar', id: bricolageNumber(rest) };
  const whole = normalize(trimmed);
  if ((OWN_DATA_WORDS.export as readonly string[]).includes(whole)) return { name: 'export' };
  if ((OWN_DATA_WORDS.forget as readonly string[]).includes(whole)) return { name: 'forget' };
  if ((OWN_DATA_WORDS.edit as readonly string[]).includes(head)) return { name: 'edit', id: bricolageNumber(rest) };
  if ((OWN_DATA_WORDS.delete as readonly string[]).includes(head)) return { name: 'delete', id: bricolageNumber(rest) };
  return null;
}

/** A typed category: its number in the list, its name, or a word that picks exactly one. */
export function parseCategory(text: string, categories: readonly string[]): string | null {
  const n = normalize(text);
  if (!n) return null;
  if (/^\d+$/.test(n)) return categories[Number(n) - 1] ?? null;
  const normalized = categories.map((c) => normalize(c));
  const exact = normalized.indexOf(n);
  if (exact >= 0) return categories[exact];
  const partial = categories.filter(
    (_, i) => normalized[i].includes(n) || normalized[i].split(/[\s']+/).some((w) => w.length > 3 && n.includes(w)),
  );
  return partial.length === 1 ? partial[0] : null;
}
