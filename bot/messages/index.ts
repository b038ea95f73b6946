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

export function t(locale: Locale, key: MessageKey, vars: Vars = {}): string {
  let node: unknown = catalogues[locale];
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`missing message ${key}`);
  return node.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
