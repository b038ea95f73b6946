import { describe, expect, it } from 'vitest';
import { isCalendarDay, lastDayBefore, parisDayOf, parisEndOfDay, parisMonthStart } from './paris-time.js';

describe('Paris days', () => {
  it('end at midnight Paris time, summer and winter', () => {
    expect(parisEndOfDay({ year: 2026, month: 12, day: 15 }).toISOString()).toBe('2026-12-15T23:00:00.000Z');
    expect(parisEndOfDay({ year: 2026, month: 7, day: 1 }).toISOString()).toBe('2026-07-01T22:00:00.000Z');
    // The night the clocks go back (25 October 2026) and forward (29 March 2026).
    expect(parisEndOfDay({ year: 2026, month: 10, day: 24 }).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(parisEndOfDay({ year: 2026, month: 10, day: 25 }).toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(parisEndOfDay({ year: 2026, month: 3, day: 29 }).toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('read the day an instant falls on, and the last day of a défi', () => {
    expect(parisDayOf(new Date('2026-12-15T23:30:00Z'))).toEqual({ year: 2026, month: 12, day: 16 });
    expect(lastDayBefore(new Date('2026-12-15T23:00:00.000Z'))).toEqual({ year: 2026, month: 12, day: 15 });
    expect(isCalendarDay({ year: 2027, month: 2, day: 29 })).toBe(false);
    expect(isCalendarDay({ year: 2028, month: 2, day: 29 })).toBe(true);
  });

  it('start a month at midnight on the 1st, Paris time', () => {
    expect(parisMonthStart(new Date('2026-12-04T17:00:00Z')).toISOString()).toBe('2026-11-30T23:00:00.000Z');
    expect(parisMonthStart(new Date('2026-07-31T22:30:00Z')).toISOString()).toBe('2026-07-31T22:00:00.000Z');
  });
});
