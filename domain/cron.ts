/** Cron patterns of the scheduler's slots: evaluated in Paris time, daylight saving included. */
import { Cron } from 'croner';

export const SCHEDULER_TIMEZONE = 'Europe/Paris';

/** Validates a five-field cron pattern (config uses it to fail fast on `DIGEST_CRON`). */
export function isValidCron(pattern: string): boolean {
  try {
    new Cron(pattern, { timezone: SCHEDULER_TIMEZONE, paused: true });
    return pattern.trim().split(/\s+/).length === 5;
  } catch {
    return false;
  }
}
