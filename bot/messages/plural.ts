/** Plural forms: a catalogue entry `{ one, other }` is picked by the language's own plural rule. */
import type { Locale } from '../../config.js';
import { type MessageKey, t, type Vars } from './index.js';

/** Keys whose value is a `{ one, other }` pair, e.g. `workshop.bricolageCount`. */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}.one` ? Base : never }[MessageKey];

const rules = new Map<Locale, Intl.PluralRules>();

/** `tp('fr', 'reminder.steps', 1)` → "1 étape", `… 3` → "3 étapes"; `{count}` is filled in. */
export function tp(locale: Locale, key: PluralKey, count: number, vars: Vars = {}): string {
  let rule = rules.get(locale);
  if (!rule) {
    rule = new Intl.PluralRules(locale);
    rules.set(locale, rule);
  }
  const form = rule.select(count) === 'one' ? 'one' : 'other';
  return t(locale, `${key}.${form}` as MessageKey, { count, ...vars });
}
