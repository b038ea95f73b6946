import { describe, expect, it } from 'vitest';
import { daysLeft } from './countdown.js';

describe('days left in a défi', () => {
  const ends = '2026-12-15T23:00:00.000Z'; // after Tuesday 15 December, Paris time
  it('count Paris calendar days, 0 on the last one', () => {
    expect(daysLeft(ends, new Date('2026-12-04T17:00:00Z'))).toBe(11);
    expect(daysLeft(ends, new Date('2026-12-14T23:30:00Z'))).toBe(0);
    expect(daysLeft(ends, new Date('2026-12-14T22:30:00Z'))).toBe(1);
    expect(daysLeft(ends, new Date('2026-12-20T10:00:00Z'))).toBe(0);
  });
});
