/** Calendar days in Paris time (daylight saving included), through Intl: a défi ends at midnight in Paris. */

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** The Paris wall clock of an instant, read as if it were UTC (milliseconds). */
function parisWallMs(ms: number): number {
  const p = Object.fromEntries(PARTS.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

/** The Paris calendar day an instant falls on. */
export function parisDayOf(instant: Date): CalendarDay {
  const wall = new Date(parisWallMs(instant.getTime()));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/** Whether year/month/day is a real date (no 31/02). */
export function isCalendarDay({ year, month, day }: CalendarDay): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** The instant the day ends in Paris: midnight, Paris time, at the start of the next day. */
export function parisEndOfDay({ year, month, day }: CalendarDay): Date {
  const wallMidnight = Date.UTC(year, month - 1, day + 1);
  // Paris is ahead of UTC: start from the offset at that wall time, then correct once around a change.
  let guess = wallMidnight - (parisWallMs(wallMidnight) - wallMidnight);
  guess = wallMidnight - (parisWallMs(guess) - guess);
  return new Date(guess);
}

/** The last day (Paris time) before an end instant made by `parisEndOfDay`. */
export function lastDayBefore(endsAt: Date): CalendarDay {
  return parisDayOf(new Date(endsAt.getTime() - 1));
}

/** The instant the current month began in Paris (midnight on the 1st, Paris time). */
export function parisMonthStart(now: Date): Date {
  const today = parisDayOf(now);
  // The end of "day 0" is midnight at the start of the 1st.
  return parisEndOfDay({ year: today.year, month: today.month, day: 0 });
}
