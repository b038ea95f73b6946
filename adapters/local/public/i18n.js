/* Looks up a page label in the current language, with {var} substitution and plural forms. */
import { state } from './state.js';
import { STRINGS } from './strings.js';

export function t(key, vars) {
  let value = STRINGS[state.lang][key];
  if (value && typeof value === 'object') value = vars && vars.n === 1 ? value.one : value.other;
  if (typeof value !== 'string') return key;
  return value.replace(/\{(\w+)\}/g, (_, name) => (vars && name in vars ? String(vars[name]) : ''));
}
