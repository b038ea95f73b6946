/** Dates in the page's language, in Paris time, through Intl (never hand-written month names). */
import type { Locale } from '../../config.js';

const TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/** Building an Intl formatter costs far more than using one: one per language, made once. */
const FORMATTERS: Record<Locale, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat(TAGS.fr, { dateStyle: 'long', timeZone: 'Europe/Paris' }),
  en: new Intl.DateTimeFormat(TAGS.en, { dateStyle: 'long', timeZone: 'Europe/Paris' }),
};

/**
 * Formatting still costs some 15 µs (a list page shows 20 dates). Paris is a whole number of hours
 * from UTC, and changes at a whole UTC hour: every instant of one UTC hour has the same Paris date,
 * so the text is kept per language and UTC hour ("2026-03-05T23"), for UTC ("…Z") timestamps.
 */
const byHour = new Map<string, string>();
const BY_HOUR_MAX = 20_000;

export function formatDate(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  const hourKey = /^\d{4}-\d{2}-\d{2}T\d{2}:[\d:.]*Z$/.test(iso) ? `${locale}${iso.slice(0, 13)}` : null;
  const known = hourKey ? byHour.get(hourKey) : undefined;
  if (known !== undefined) return known;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const text = FORMATTERS[locale].format(date);
  if (hourKey) {
    if (byHour.size >= BY_HOUR_MAX) byHour.clear();
    byHour.set(hourKey, text);
  }
  return text;
}

/** The BCP 47 tag of a page language, for `lang` attributes and Intl. */
export function localeTag(locale: Locale): string {
  return TAGS[locale];
}
