/** Words shared by the défi messages: the last day of a défi, in the reader's language and Paris time. */
import type { Locale } from '../../config.js';

const LAST_DAY: Record<Locale, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }),
};

/** "15 décembre 2026": the last day of a défi ending at `endsAt` (midnight after that day). */
export function lastDayText(locale: Locale, endsAt: string | Date): string {
  return LAST_DAY[locale].format(new Date(new Date(endsAt).getTime() - 1));
}

/** The gallery page of a défi. */
export function challengeUrl(publicUrl: string, id: number): string {
  return `${publicUrl}/defis/${id}`;
}
