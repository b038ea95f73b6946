/** Chooses the page language: an explicit `?lang=` wins, then the browser's preference, then the default. */
import type { Locale } from '../../config.js';

export interface LocaleChoice {
  locale: Locale;
  /** True when `?lang=` chose it: links then carry it on. */
  explicit: boolean;
}

export function pickLocale(langParam: unknown, acceptLanguage: string | undefined, fallback: Locale): LocaleChoice {
  if (langParam === 'fr' || langParam === 'en') return { locale: langParam, explicit: true };
  return { locale: preferredLanguage(acceptLanguage) ?? fallback, explicit: false };
}

/** The first of fr/en in the Accept-Language header by quality, or null when neither is listed. */
export function preferredLanguage(header: string | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { base: tag.split('-')[0], quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0 && (entry.base === 'fr' || entry.base === 'en'))
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.length > 0 ? (ranked[0].base as Locale) : null;
}
