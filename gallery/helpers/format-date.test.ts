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
  it('gives every instant of one UTC hour the same Paris date, across midnight and daylight saving', () => {
    for (const locale of ['fr', 'en'] as const) {
      // 22:xx UTC is the next day in summer (UTC+2) but not in winter (UTC+1); 23:xx is the next day in both.
      for (const iso of [
        '2026-07-05T21:59:59.999Z',
        '2026-07-05T22:00:00.000Z',
        '2026-01-05T22:59:00.000Z',
        '2026-01-05T23:00:00.000Z',
        '2026-03-29T00:30:00.000Z',
        '2026-03-29T01:30:00.000Z',
        '2026-10-25T00:30:00.000Z',
        '2026-10-25T01:30:00.000Z',
      ]) {
        const expected = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
          dateStyle: 'long',
          timeZone: 'Europe/Paris',
        }).format(new Date(iso));
        expect(formatDate(iso, locale)).toBe(expected);
        expect(formatDate(`${iso.slice(0, 14)}00:00.000Z`, locale)).toBe(expected);
        expect(formatDate(`${iso.slice(0, 14)}59:59.999Z`, locale)).toBe(expected);
      }
    }
    expect(formatDate('2026-07-05T21:59:59.999Z', 'fr')).toBe('5 juillet 2026');
    expect(formatDate('2026-07-05T22:00:00.000Z', 'fr')).toBe('6 juillet 2026');
  });
  it('gives an empty string for missing or broken dates', () => {
    expect(formatDate(null, 'fr')).toBe('');
    expect(formatDate('nope', 'en')).toBe('');
  });
});
