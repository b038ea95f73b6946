import { describe, expect, it } from 'vitest';
import { foldText } from './text.js';

describe('foldText', () => {
  it('folds accents, case and apostrophes', () => {
    expect(foldText('  ÉTAT   Civil — l’Accueil ')).toBe('etat civil — l accueil');
  });
});
