import { describe, expect, it } from 'vitest';
import { categorySlug } from './category-slug.js';

describe('categorySlug', () => {
  it('folds accents and case and joins words with dashes', () => {
    expect(categorySlug('État civil')).toBe('etat-civil');
    expect(categorySlug("Accueil et files d'attente")).toBe('accueil-et-files-d-attente');
    expect(categorySlug('  Autre ')).toBe('autre');
  });
});
