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
  | { name: 'adopt'; id: number | null; feedback: string }
  | { name: 'language'; value: string };

export function commandOf(text: string): Command | null {
  const trimmed = text.trim();
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(trimmed);
  if (!match) return null;
  const head = normalize(match[1]);
  const rest = (match[2] ?? '').trim();
  if (['chercher', 'cherche', 'recherche', 'rechercher', 'search', 'find'].includes(head)) {
    return { name: 'search', query: rest };
  }
  if (['adopte', 'adoptee', 'adopted', 'adopt'].includes(head)) {
    const idMatch = /^(?:n°|no|n|#)?\s*(\d{1,9})\b\s*([\s\S]*)$/i.exec(rest);
    return idMatch
      ? { name: 'adopt', id: Number(idMatch[1]), feedback: idMatch[2].trim() }
      : { name: 'adopt', id: null, feedback: '' };
  }
  if (['langue', 'language', 'lang'].includes(head)) return { name: 'language', value: normalize(rest) };
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
