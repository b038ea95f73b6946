import { describe, expect, it } from 'vitest';
import { formatDate } from './format-date.js';

describe('formatDate', () => {
  it('writes the date in French by default style', () => {
    expect(formatDate('2026-03-05T10:00:00Z', 'fr')).toBe('5 mars 2026');
  });
  it('writes the date in English', () => {
    expect(formatDate('2026-03-05T10:00:00Z', 'en')).toBe('5 March 2026');
  });
  it('uses Paris time around midnight', () => {
    expect(formatDate('2026-03-05T23:30:00Z', 'fr')).toBe('6 mars 2026');
  });
  it('gives an empty string for missing or broken dates', () => {
    expect(formatDate(null, 'fr')).toBe('');
    expect(formatDate('nope', 'en')).toBe('');
  });
});
