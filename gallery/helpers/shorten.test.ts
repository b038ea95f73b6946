import { describe, expect, it } from 'vitest';
import { shorten } from './shorten.js';

describe('shorten', () => {
  it('keeps short texts, flattening whitespace', () => {
    expect(shorten('Imprimer\n  la fiche', 40)).toBe('Imprimer la fiche');
  });
  it('cuts long texts on a word boundary with an ellipsis', () => {
    const out = shorten('Découper les tickets de couleur et les ranger par guichet, puis afficher le plan', 40);
    expect(out.length).toBeLessThanOrEqual(40);
    expect(out).toBe('Découper les tickets de couleur et les…');
  });
});
