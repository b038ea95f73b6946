/**
 * The gallery's user-visible strings live in `locales/{fr,en}.json`; code only knows keys.
 * A value is a string with `{name}` placeholders, or `{ one, other }` chosen by Intl plural rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locale } from '../config.js';
import { projectRoot } from './project-root.js';

type Entry = string | { one: string; other: string };
type Catalogue = Record<string, Entry>;

export const LOCALES: readonly Locale[] = ['fr', 'en'];

function flatten(value: unknown, prefix: string, out: Catalogue): Catalogue {
  if (typeof value === 'string') out[prefix] = value;
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.one === 'string' && typeof record.other === 'string' && Object.keys(record).length === 2) {
      out[prefix] = { one: record.one, other: record.other };
    } else {
      for (const [key, child] of Object.entries(record)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
    }
  }
  return out;
}

/** Reads both catalogues once; a key missing in one language is an error at start, not a blank on a page. */
export function loadCatalogues(dir = path.join(projectRoot(), 'gallery', 'locales')): Record<Locale, Catalogue> {
  const result = {} as Record<Locale, Catalogue>;
  for (const locale of LOCALES) {
    result[locale] = flatten(JSON.parse(fs.readFileSync(path.join(dir, `${locale}.json`), 'utf8')), '', {});
  }
  const missing = Object.keys(result.fr)
    .filter((k) => !(k in result.en))
    .concat(Object.keys(result.en).filter((k) => !(k in result.fr)));
  if (missing.length > 0) throw new Error(`gallery locales differ on: ${missing.join(', ')}`);
  return result;
}

export type Translate = (locale: Locale, key: string, vars?: Record<string, unknown>) => string;

export function createTranslator(catalogues: Record<Locale, Catalogue>): Translate {
  const plurals = { fr: new Intl.PluralRules('fr-FR'), en: new Intl.PluralRules('en-GB') };
  return (locale, key, vars = {}) => {
    const entry = catalogues[locale][key];
    if (entry === undefined) throw new Error(`missing gallery string "${key}"`);
    const template =
      typeof entry === 'string' ? entry : plurals[locale].select(Number(vars.count ?? 0)) === 'one' ? entry.one : entry.other;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}
