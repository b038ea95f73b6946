/** Days left in a défi, counted in Paris calendar days: 0 on its last day. */
import { lastDayBefore, parisDayOf } from '../../domain/paris-time.js';

export function daysLeft(endsAt: string, now: Date): number {
  const last = lastDayBefore(new Date(endsAt));
  const today = parisDayOf(now);
  const diff = (Date.UTC(last.year, last.month - 1, last.day) - Date.UTC(today.year, today.month - 1, today.day)) / 86_400_000;
  return Math.max(0, Math.round(diff));
}
