/**
 * The animateurs' commands as typed: `à la une 12`, `retirer de la une 12`, `masquer 12 doublon`,
 * `rétablir 12`, `masquer commentaire 7 hors sujet`, `rétablir commentaire 7`, `annonce <texte>`,
 * `journal`, `tableau de bord`, `animateur ajouter|retirer <agent>` (and their English words).
 * Keywords ignore case and accents; the reason or announcement keeps what was typed.
 */
import type { ProposalStatus } from '../../storage/schema.js';
import { normalize } from '../wizard/parse.js';

export type AnimatorCommand =
  | { name: 'feature' | 'unfeature' | 'hide' | 'restore'; id: number | null; reason: string }
  | { name: 'hideComment' | 'restoreComment'; id: number | null; reason: string }
  | { name: 'announce'; text: string }
  | { name: 'journal' }
  | { name: 'dashboard' }
  | { name: 'animatorAdd' | 'animatorRemove'; who: string }
  // proven: proposals to the central administration
  | { name: 'propose'; id: number | null; note: string }
  | { name: 'proposalStatus'; id: number | null; status: ProposalStatus | null; note: string };

type Name = AnimatorCommand['name'];

/** Leading words (folded) per command; longest first wins. `whole`: the message is only these words. */
const PREFIXES: { words: string[]; name: Name; whole?: boolean; needsNumber?: boolean }[] = [
  { words: ['retirer', 'de', 'la', 'une'], name: 'unfeature' },
  { words: ['retirer', 'la', 'une'], name: 'unfeature' },
  { words: ['unfeature'], name: 'unfeature' },
  { words: ['a', 'la', 'une'], name: 'feature' },
  { words: ['une'], name: 'feature', needsNumber: true },
  { words: ['feature'], name: 'feature' },
  { words: ['masquer', 'le', 'commentaire'], name: 'hideComment' },
  { words: ['masquer', 'commentaire'], name: 'hideComment' },
  { words: ['hide', 'comment'], name: 'hideComment' },
  { words: ['masquer'], name: 'hide' },
  { words: ['hide'], name: 'hide' },
  { words: ['retablir', 'le', 'commentaire'], name: 'restoreComment' },
  { words: ['retablir', 'commentaire'], name: 'restoreComment' },
  { words: ['restaurer', 'commentaire'], name: 'restoreComment' },
  { words: ['restore', 'comment'], name: 'restoreComment' },
  { words: ['retablir'], name: 'restore' },
  { words: ['restaurer'], name: 'restore' },
  { words: ['restore'], name: 'restore' },
  { words: ['annonce'], name: 'announce' },
  { words: ['annoncer'], name: 'announce' },
  { words: ['announce'], name: 'announce' },
  { words: ['journal'], name: 'journal', whole: true },
  { words: ['audit'], name: 'journal', whole: true },
  { words: ['tableau', 'de', 'bord'], name: 'dashboard', whole: true },
  { words: ['dashboard'], name: 'dashboard', whole: true },
  { words: ['animateur', 'ajouter'], name: 'animatorAdd' },
  { words: ['animateurs', 'ajouter'], name: 'animatorAdd' },
  { words: ['animator', 'add'], name: 'animatorAdd' },
  { words: ['animateur', 'retirer'], name: 'animatorRemove' },
  { words: ['animateurs', 'retirer'], name: 'animatorRemove' },
  { words: ['animator', 'remove'], name: 'animatorRemove' },
  { words: ['proposer'], name: 'propose' },
  { words: ['propose'], name: 'propose' },
  { words: ['proposition'], name: 'proposalStatus' },
  { words: ['proposal'], name: 'proposalStatus' },
];

const NUMBER = /^(?:n°|n°\s*|no\.?\s*|n\s*|#)?(\d{1,9})\b\s*([\s\S]*)$/i;

/** The animateur command the message is, or null when it is none of them. */
export function animatorCommandOf(text: string): AnimatorCommand | null {
  const tokens = [...text.matchAll(/\S+/g)];
  if (tokens.length === 0) return null;
  const folded = tokens.map((m) => normalize(m[0]).replace(/^[^\p{L}\p{N}#]+|[^\p{L}\p{N}]+$/gu, ''));
  for (const prefix of PREFIXES) {
    if (prefix.words.length > folded.length) continue;
    if (!prefix.words.every((w, i) => folded[i] === w)) continue;
    const next = tokens[prefix.words.length];
    const rest = next ? text.slice(next.index).trim() : '';
    if (prefix.whole && /[\p{L}\p{N}]/u.test(rest)) continue;
    const number = NUMBER.exec(rest);
    if (prefix.needsNumber && !number) continue;
    switch (prefix.name) {
      case 'journal':
      case 'dashboard':
        return { name: prefix.name };
      case 'announce':
        return { name: 'announce', text: rest };
      case 'animatorAdd':
      case 'animatorRemove':
        return { name: prefix.name, who: rest };
      case 'propose':
        return { name: 'propose', id: number ? Number(number[1]) : null, note: number ? number[2].trim() : '' };
      case 'proposalStatus':
        return { name: 'proposalStatus', id: number ? Number(number[1]) : null, ...proposalStatusOf(number ? number[2] : '') };
      default:
        return { name: prefix.name, id: number ? Number(number[1]) : null, reason: number ? number[2].trim() : '' };
    }
  }
  return null;
}

/** Status words (folded) after `proposition <n°>`, longest first; the note is what follows. */
const STATUS_WORDS: { words: string[]; status: ProposalStatus }[] = [
  { words: ['a', "l'etude"], status: 'studying' },
  { words: ['a', 'l', 'etude'], status: 'studying' },
  { words: ['en', 'etude'], status: 'studying' },
  { words: ['under', 'study'], status: 'studying' },
  { words: ["l'etude"], status: 'studying' },
  { words: ['etude'], status: 'studying' },
  { words: ['studying'], status: 'studying' },
  { words: ['non', 'retenu'], status: 'rejected' },
  { words: ['non', 'retenue'], status: 'rejected' },
  { words: ['not', 'retained'], status: 'rejected' },
  { words: ['non-retenu'], status: 'rejected' },
  { words: ['rejete'], status: 'rejected' },
  { words: ['rejected'], status: 'rejected' },
  { words: ['deploye'], status: 'deployed' },
  { words: ['deployee'], status: 'deployed' },
  { words: ['deployed'], status: 'deployed' },
];

/** `à l'étude Reçu par la DDCT` → studying with the note "Reçu par la DDCT"; unknown words → null. */
export function proposalStatusOf(text: string): { status: ProposalStatus | null; note: string } {
  const tokens = [...text.matchAll(/\S+/g)];
  const folded = tokens.map((m) => normalize(m[0]).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));
  for (const entry of STATUS_WORDS) {
    if (!entry.words.every((w, i) => folded[i] === w)) continue;
    const next = tokens[entry.words.length];
    return {
      status: entry.status,
      note: next
        ? text
            .slice(next.index)
            .trim()
            .replace(/^[:—–-]\s*/, '')
        : '',
    };
  }
  return { status: null, note: text.trim() };
}
