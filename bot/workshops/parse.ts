/** Reading the workshop commands: `atelier ouvrir <titre>`, `atelier fermer <n°> [résumé]`, `atelier <n°>`, `ateliers`. */
import { normalize } from '../wizard/parse.js';

export type WorkshopCommand =
  | { name: 'list' }
  | { name: 'open'; title: string }
  | { name: 'close'; id: number | null; summary: string }
  /** Link bricolage n° `bricolageId` to an open workshop (the only one, or the one picked). */
  | { name: 'link'; bricolageId: number }
  | { name: 'usage' };

const LIST_WORDS = ['ateliers', 'workshops'];
const HEAD_WORDS = ['atelier', 'workshop'];
const OPEN_WORDS = ['ouvrir', 'ouvre', 'open'];
const CLOSE_WORDS = ['fermer', 'ferme', 'clore', 'close'];
const NUMBER = /^(?:n°|no|n|#)?\s*(\d{1,9})\b\s*([\s\S]*)$/i;

/** The workshop command the text is, or null when it is not one (other commands get their turn). */
export function workshopCommandOf(text: string): WorkshopCommand | null {
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return null;
  const head = normalize(match[1]);
  const rest = (match[2] ?? '').trim();
  if (LIST_WORDS.includes(head)) return { name: 'list' };
  if (!HEAD_WORDS.includes(head)) return null;
  const sub = /^(\S+)(?:\s+([\s\S]*))?$/.exec(rest);
  const verb = sub ? normalize(sub[1]) : '';
  const args = (sub?.[2] ?? '').trim();
  if (OPEN_WORDS.includes(verb)) return { name: 'open', title: args };
  if (CLOSE_WORDS.includes(verb)) {
    const n = NUMBER.exec(args);
    return n ? { name: 'close', id: Number(n[1]), summary: n[2].trim() } : { name: 'close', id: null, summary: '' };
  }
  const n = NUMBER.exec(rest);
  if (n && !n[2].trim()) return { name: 'link', bricolageId: Number(n[1]) };
  return { name: 'usage' };
}
