/** `t(locale, key, vars)`: the only way the core turns a message key into words. */
import type { Locale } from '../../config.js';
import { en } from './en.js';
import { type Catalogue, fr } from './fr.js';

const catalogues: Record<Locale, Catalogue> = { fr, en };

/** A message with plural forms: `t()` picks `one` or `other` by the language's rule for `vars.count`. */
type PluralPair = { one: string; other: string };
type Join<K, P> = K extends string ? (P extends string ? `${K}.${P}` : never) : never;
type Paths<T> = {
  [K in keyof T]: T[K] extends string ? K : T[K] extends PluralPair ? K : Join<K, Paths<T[K]>>;
}[keyof T];
/** Dotted message keys, e.g. `askTitle`, `button.publish`, or a plural pair like `reminder.steps`. */
export type MessageKey = Paths<Catalogue> & string;
export type Vars = Record<string, string | number>;

export function isLocale(value: unknown): value is Locale {
  return value === 'fr' || value === 'en';
}

const rules = new Map<Locale, Intl.PluralRules>();
function pluralRule(locale: Locale): Intl.PluralRules {
  let rule = rules.get(locale);
  if (!rule) {
    rule = new Intl.PluralRules(locale);
    rules.set(locale, rule);
  }
  return rule;
}

function isPluralPair(node: unknown): node is PluralPair {
  const pair = node as Partial<PluralPair> | null;
  return typeof pair === 'object' && pair !== null && typeof pair.one === 'string' && typeof pair.other === 'string';
}

/**
 * Plural forms are `{ one, other }` entries, picked by `vars.count` with the locale's rules
 * (French says "0 étape" and "1 étape", English "0 steps" and "1 step"); `{name}` fills a variable.
 */
export function t(locale: Locale, key: MessageKey, vars: Vars = {}): string {
  let node: unknown = catalogues[locale];
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  if (isPluralPair(node)) {
    if (!('count' in vars)) throw new Error(`message ${key} has plural forms and needs a count`);
    node = pluralRule(locale).select(Number(vars.count)) === 'one' ? node.one : node.other;
  }
  if (typeof node !== 'string') throw new Error(`missing message ${key}`);
  return node.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
