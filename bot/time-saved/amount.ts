/** "30 min", "1,5 h", "6 h": a time saved per week as the bot says it, rounded as the gallery rounds. */
import type { Locale } from '../../config.js';
import { roundedDuration } from '../../domain/time-saved.js';
import { t } from '../messages/index.js';

const NUMBERS: Record<Locale, Intl.NumberFormat> = { fr: new Intl.NumberFormat('fr-FR'), en: new Intl.NumberFormat('en-GB') };

export function amountText(locale: Locale, minutesPerWeek: number): string {
  const rounded = roundedDuration(minutesPerWeek);
  const value = NUMBERS[locale].format(rounded.value);
  return t(locale, rounded.unit === 'min' ? 'timeSaved.amountMinutes' : 'timeSaved.amountHours', { value });
}
