/** What every page needs to speak the visitor's language and build links that keep it. */
import type { Request } from 'express';
import type { Config, Locale } from '../config.js';
import { mairieLabel } from '../domain/mairies.js';
import { formatDate } from './helpers/format-date.js';
import { pickLocale } from './helpers/pick-locale.js';
import type { Translate } from './i18n.js';

export interface PageContext {
  locale: Locale;
  /** True when `?lang=` was given: internal links then carry it on. */
  explicitLang: boolean;
  t(key: string, vars?: Record<string, unknown>): string;
  /** An internal link with the given query (empty values dropped), keeping `?lang=` when it was explicit. */
  href(path: string, query?: Record<string, string | number | undefined>): string;
  /** The same path on the public URL, for JSON and shared links. */
  absolute(path: string): string;
  date(iso: string | null | undefined): string;
  /** A number as people read it in the page's language ("1 000", "1,000"). */
  number(n: number): string;
  /** A stored mairie as people read it ("Mairie du 11e"), or null. */
  mairie(raw: string | null): string | null;
  /** The current path with the language forced, for the FR/EN switch. */
  switchTo(locale: Locale): string;
  /** `PROVEN_MIN_MAIRIES`: the reach that makes a bricolage proven (`storage/proven.ts`). */
  provenMin: number;
}

const NUMBER_FORMATS: Record<Locale, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat('fr-FR'),
  en: new Intl.NumberFormat('en-GB'),
};

export function pageContext(req: Request, config: Config, translate: Translate): PageContext {
  const { locale, explicit } = pickLocale(req.query.lang, req.get('accept-language'), config.defaultLocale);
  const withQuery = (path: string, query: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
    const qs = params.toString();
    return qs ? `${path}?${qs}` : path;
  };
  return {
    locale,
    explicitLang: explicit,
    t: (key, vars) => translate(locale, key, vars),
    href: (path, query = {}) => withQuery(path, { ...query, lang: explicit ? locale : undefined }),
    absolute: (path) => config.publicUrl + path,
    date: (iso) => formatDate(iso, locale),
    number: (n) => NUMBER_FORMATS[locale].format(n),
    mairie: (raw) => mairieLabel(raw, locale),
    switchTo: (target) => {
      const current: Record<string, string> = {};
      for (const [key, value] of Object.entries(req.query)) if (typeof value === 'string' && key !== 'lang') current[key] = value;
      return withQuery(req.path, { ...current, lang: target });
    },
    provenMin: config.provenMinMairies,
  };
}
