import { describe, expect, it } from 'vitest';
import { matchesQuery, normalizeText } from './normalize-text.js';

describe('normalizeText', () => {
  it('folds accents, case and apostrophes', () => {
    expect(normalizeText('  ÉTAT   Civil — l’Accueil ')).toBe('etat civil — l accueil');
  });
});

describe('matchesQuery', () => {
  it('finds accented words typed without accents, in any order', () => {
    expect(matchesQuery("Ticket spécial pour la file d'attente", 'FILE special')).toBe(true);
  });
  it('needs every word', () => {
    expect(matchesQuery('Courrier entrant', 'courrier sortant')).toBe(false);
  });
  it('matches everything on an empty query', () => {
    expect(matchesQuery('anything', '   ')).toBe(true);
  });
});
