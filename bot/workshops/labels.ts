/** "Camille Martin, Mairie du 11e": an author as the community posts name them. */
import type { Locale } from '../../config.js';

export function authorLabel(_locale: Locale, name: string, mairie: string | null): string {
  return mairie ? `${name}, ${mairie}` : name;
}
