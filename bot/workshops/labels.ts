/** "Camille Martin, Mairie du 11e": an author as community posts name them, mairie in the reader's language. */
import type { Locale } from '../../config.js';
import { mairieLabel } from '../../domain/mairies.js';

export function authorLabel(locale: Locale, name: string, storedMairie: string | null): string {
  const mairie = mairieLabel(storedMairie, locale);
  return mairie ? `${name}, ${mairie}` : name;
}
