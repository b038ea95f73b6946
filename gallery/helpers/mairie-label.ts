/**
 * Mairies are stored as agents type them ("11e", "1er", "Hôtel de Ville"). Arrondissement numbers
 * read better spelled out ("Mairie du 11e", "11th arrondissement town hall"); anything else is shown as given.
 */
import type { Locale } from '../../config.js';
import { localeTag } from './format-date.js';

const ARRONDISSEMENT =
  /^\s*(?:mairie\s+du\s+)?(\d{1,2})\s*(?:er|re|e|\u00e8me|eme|\u00e8|th|st|nd|rd)?\s*(?:arr(?:ondissement|\.)?)?\s*$/i;

export function arrondissementNumber(mairie: string): number | null {
  const match = ARRONDISSEMENT.exec(mairie);
  if (!match) return null;
  const n = Number(match[1]);
  return n >= 1 && n <= 20 ? n : null;
}

export function mairieLabel(
  mairie: string | null,
  locale: Locale,
  t: (key: string, vars?: Record<string, unknown>) => string,
): string | null {
  if (!mairie?.trim()) return null;
  const n = arrondissementNumber(mairie);
  if (n === null) return mairie.trim();
  const rule = new Intl.PluralRules(localeTag(locale), { type: 'ordinal' }).select(n);
  const ord = t(`mairie.ordinal.${rule === 'one' || rule === 'two' || rule === 'few' ? rule : 'other'}`, { n });
  return t('mairie.arrondissement', { ord });
}
