/** Dates in the page's language, in Paris time, through Intl (never hand-written month names). */
import type { Locale } from '../../config.js';

const TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/** Building an Intl formatter costs far more than using one: one per language, made once. */
const FORMATTERS: Record<Locale, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat(TAGS.fr, { dateStyle: 'long', timeZone: 'Europe/Paris' }),
  en: new Intl.DateTimeFormat(TAGS.en, { dateStyle: 'long', timeZone: 'Europe/Paris' }),
};

export function formatDate(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return FORMATTERS[locale].format(date);
}

/** The BCP 47 tag of a page language, for `lang` attributes and Intl. */
export function localeTag(locale: Locale): string {
  return TAGS[locale];
}
