import { describe, expect, it } from 'vitest';
import { challengeCommandOf, challengeEnd } from './parse.js';

describe('défi commands', () => {
  it('read opening, closing, linking and listing, in French and English', () => {
    expect(challengeCommandOf('défi ouvrir Accueil du samedi jusqu’au 15/12')).toEqual({
      name: 'open',
      title: 'Accueil du samedi',
      day: { day: 15, month: 12, year: null },
    });
    expect(challengeCommandOf("Défi ouvrir Zéro papier jusqu'au 3/1/2027")).toMatchObject({
      title: 'Zéro papier',
      day: { year: 2027 },
    });
    expect(challengeCommandOf('challenge open Paperless until 20/12')).toMatchObject({
      title: 'Paperless',
      day: { day: 20, month: 12 },
    });
    expect(challengeCommandOf('défi ouvrir Sans date')).toEqual({ name: 'open', title: 'Sans date', day: null });
    expect(challengeCommandOf('défi fermer 4')).toEqual({ name: 'close', id: 4 });
    expect(challengeCommandOf('challenge close')).toEqual({ name: 'close', id: null });
    expect(challengeCommandOf('défi 12')).toEqual({ name: 'link', bricolageId: 12 });
    expect(challengeCommandOf('defi n°12')).toEqual({ name: 'link', bricolageId: 12 });
    expect(challengeCommandOf('défis')).toEqual({ name: 'list' });
    expect(challengeCommandOf('défi')).toEqual({ name: 'usage' });
    expect(challengeCommandOf('défis relevés hier')).toBeNull();
    expect(challengeCommandOf('atelier 3')).toBeNull();
  });

  it('end at midnight Paris time after the day, the next such day when no year is typed', () => {
    const now = new Date('2026-12-04T17:00:00Z');
    expect(challengeEnd({ day: 15, month: 12, year: null }, now)).toEqual({ endsAt: new Date('2026-12-15T23:00:00Z') });
    expect(challengeEnd({ day: 4, month: 12, year: null }, now)).toEqual({ endsAt: new Date('2026-12-04T23:00:00Z') });
    expect(challengeEnd({ day: 10, month: 1, year: null }, now)).toEqual({ endsAt: new Date('2027-01-10T23:00:00Z') });
    expect(challengeEnd({ day: 3, month: 12, year: 2026 }, now)).toEqual({ problem: 'past' });
    expect(challengeEnd({ day: 31, month: 2, year: 2027 }, now)).toEqual({ problem: 'invalid' });
    expect(challengeEnd({ day: 1, month: 1, year: 2029 }, now)).toEqual({ problem: 'tooFar' });
  });
});
