/** `t(locale, key, vars)`: the only way the core turns a message key into words. */
import type { Locale } from '../../config.js';
import { en } from './en.js';
import { type Catalogue, fr } from './fr.js';

const catalogues: Record<Locale, Catalogue> = { fr, en };

type Join<K, P> = K extends string ? (P extends string ? `${K}.${P}` : never) : never;
type Paths<T> = { [K in keyof T]: T[K] extends string ? K : Join<K, Paths<T[K]>> }[keyof T];
/** Dotted message keys, e.g. `askTitle` or `button.publish`. */
export type MessageKey = Paths<Catalogue> & string;
export type Vars = Record<string, string | number>;

export function isLocale(value: unknown): value is Locale {
  return value === 'fr' || value === 'en';
}

/**
 * Plural forms: `{count|étape|étapes}` picks the singular or the plural by the locale's rules
 * (French says "0 étape" and "1 étape", English "0 steps" and "1 step"); write `{count} {count|…}`.
 */
const PLURAL = /\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g;

export function t(locale: Locale, key: MessageKey, vars: Vars = {}): string {
  let node: unknown = catalogues[locale];
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`missing message ${key}`);
  const rules = new Intl.PluralRules(locale);
  return node
    .replace(PLURAL, (whole, name: string, one: string, other: string) =>
      name in vars ? (rules.select(Number(vars[name])) === 'one' ? one : other) : whole,
    )
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
