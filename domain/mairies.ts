/**
 * The one list of mairies: the 20 mairies d'arrondissement of Paris plus the Hôtel de Ville, each
 * with a stable slug (what is stored), its number and its French and English labels, and the one
 * parser that reads what agents type or what a chat profile holds. The bot, the gallery and the
 * migrations all go through here, so a mairie is spelled one way everywhere.
 */
import { foldText } from './text.js';

export interface Mairie {
  /** Stored form: `paris-1` … `paris-20`, or `hotel-de-ville`. */
  slug: string;
  /** The arrondissement number; null for the Hôtel de Ville. */
  number: number | null;
  /** "Mairie du 12e" / "Hôtel de Ville". */
  fr: string;
  /** "12th arrondissement town hall" / "Hôtel de Ville (city hall)". */
  en: string;
  /** The arrondissement as an ordinal, for sentences ("à la mairie du 12e", "the 12th"); null for the Hôtel de Ville. */
  ordinal: { fr: string; en: string } | null;
}

export const CENTRAL_MAIRIE_SLUG = 'hotel-de-ville';

function englishOrdinal(n: number): string {
  const rule = new Intl.PluralRules('en', { type: 'ordinal' }).select(n);
  const suffix = rule === 'one' ? 'st' : rule === 'two' ? 'nd' : rule === 'few' ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** In display order: the 20 arrondissements, then the Hôtel de Ville. */
export const MAIRIES: readonly Mairie[] = Object.freeze([
  ...Array.from({ length: 20 }, (_, i) => {
    const n = i + 1;
    return Object.freeze({
      slug: `paris-${n}`,
      number: n,
      fr: `Mairie du ${n === 1 ? '1er' : `${n}e`}`,
      en: `${englishOrdinal(n)} arrondissement town hall`,
      ordinal: Object.freeze({ fr: n === 1 ? '1er' : `${n}e`, en: englishOrdinal(n) }),
    });
  }),
  Object.freeze({
    slug: CENTRAL_MAIRIE_SLUG,
    number: null,
    fr: 'Hôtel de Ville',
    en: 'Hôtel de Ville (city hall)',
    ordinal: null,
  }),
]);

/** Every stored slug, for SQL filters (`where mairie in (…)`). */
export const MAIRIE_SLUGS: readonly string[] = Object.freeze(MAIRIES.map((m) => m.slug));

const BY_SLUG = new Map(MAIRIES.map((m) => [m.slug, m]));

/** The mairie a stored slug names, or undefined for anything else (legacy or unrecognised value). */
export function mairieBySlug(slug: string | null | undefined): Mairie | undefined {
  return slug ? BY_SLUG.get(slug) : undefined;
}

/** Ordinal words, folded, French then English: "douzième" → 12, "twelfth" → 12. */
const ORDINAL_WORDS: Record<string, number> = Object.fromEntries(
  [
    ['premier premiere first', 1],
    ['deuxieme second seconde second', 2],
    ['troisieme third', 3],
    ['quatrieme fourth', 4],
    ['cinquieme fifth', 5],
    ['sixieme sixth', 6],
    ['septieme seventh', 7],
    ['huitieme eighth', 8],
    ['neuvieme ninth', 9],
    ['dixieme tenth', 10],
    ['onzieme eleventh', 11],
    ['douzieme twelfth', 12],
    ['treizieme thirteenth', 13],
    ['quatorzieme fourteenth', 14],
    ['quinzieme fifteenth', 15],
    ['seizieme sixteenth', 16],
    ['dix-septieme dix septieme seventeenth', 17],
    ['dix-huitieme dix huitieme eighteenth', 18],
    ['dix-neuvieme dix neuvieme nineteenth', 19],
    ['vingtieme twentieth', 20],
  ].flatMap(([words, n]) =>
    String(words)
      .split(' ')
      .map((w) => [w, Number(n)]),
  ),
);

const CENTRAL = /\b(hotel de ville|hotel-de-ville|hdv|city hall|central|centrale)\b/;
/** A number 1–20 with an optional ordinal suffix, not part of a longer number. */
const NUMBER = /(?:^|[^\d])(\d{1,2})\s*(?:e|er|ere|re|eme|ieme|em|th|st|nd|rd)?(?![\d\p{L}])/u;

/**
 * Reads a mairie as people write it, ignoring case and accents: "12", "12e", "12ème", "douzième",
 * "Mairie du 12e", "Paris 12", "paris-12", "75012", "12th arrondissement", "Hôtel de Ville", "HdV".
 * Returns null when it names no mairie ("Lyon", "21", "").
 */
export function parseMairie(text: string | null | undefined): Mairie | null {
  if (!text) return null;
  const folded = foldText(text);
  if (!folded) return null;
  if (BY_SLUG.has(folded)) return BY_SLUG.get(folded)!;
  if (CENTRAL.test(folded)) return BY_SLUG.get(CENTRAL_MAIRIE_SLUG)!;
  // Postal codes: 75001 … 75020, and 75116 (the other half of the 16th).
  const withoutPostcode = folded.replace(/\b75(?:0(\d{2})|1(16))\b/, (_, a, b) => String(Number(a ?? b)));
  const match = NUMBER.exec(withoutPostcode);
  if (match) {
    const n = Number(match[1]);
    return n >= 1 && n <= 20 ? BY_SLUG.get(`paris-${n}`)! : null;
  }
  const dashed = withoutPostcode.replace(/-/g, ' ');
  for (const [word, n] of Object.entries(ORDINAL_WORDS).sort((a, b) => b[0].length - a[0].length)) {
    if (new RegExp(`(?:^|\\s)${word.replace(/-/g, ' ')}(?:\\s|$)`).test(dashed)) return BY_SLUG.get(`paris-${n}`)!;
  }
  return null;
}

/** The slug to store for what was typed or read from a profile; null when it names no mairie. */
export function canonicalMairie(text: string | null | undefined): string | null {
  return parseMairie(text)?.slug ?? null;
}

/**
 * How people read a stored mairie in `locale`: the label of a slug, or, for a legacy value the
 * migration could not recognise, the value as stored. Null when empty.
 */
export function mairieLabel(stored: string | null | undefined, locale: 'fr' | 'en'): string | null {
  if (!stored?.trim()) return null;
  const mairie = mairieBySlug(stored) ?? parseMairie(stored);
  return mairie ? mairie[locale] : stored.trim();
}
