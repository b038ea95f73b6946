import { describe, expect, it } from 'vitest';
import { createTranslator, loadCatalogues } from '../i18n.js';
import { arrondissementNumber, mairieLabel } from './mairie-label.js';

const translate = createTranslator(loadCatalogues());
const fr = (m: string | null) => mairieLabel(m, 'fr', (k, v) => translate('fr', k, v));
const en = (m: string | null) => mairieLabel(m, 'en', (k, v) => translate('en', k, v));

describe('mairieLabel', () => {
  it('spells arrondissements out in French', () => {
    expect(fr('11e')).toBe('Mairie du 11e');
    expect(fr('1er')).toBe('Mairie du 1er');
    expect(fr('20ème')).toBe('Mairie du 20e');
  });
  it('spells arrondissements out in English with ordinals', () => {
    expect(en('1er')).toBe('1st arrondissement town hall');
    expect(en('2e')).toBe('2nd arrondissement town hall');
    expect(en('3e')).toBe('3rd arrondissement town hall');
    expect(en('11e')).toBe('11th arrondissement town hall');
  });
  it('keeps other names and drops empty ones', () => {
    expect(fr('Hôtel de Ville')).toBe('Hôtel de Ville');
    expect(fr('  ')).toBeNull();
    expect(en(null)).toBeNull();
  });
});

describe('arrondissementNumber', () => {
  it('reads common spellings and refuses out-of-range numbers', () => {
    expect(arrondissementNumber('Mairie du 5e')).toBe(5);
    expect(arrondissementNumber('18e arr.')).toBe(18);
    expect(arrondissementNumber('21e')).toBeNull();
    expect(arrondissementNumber('Centre')).toBeNull();
  });
});
