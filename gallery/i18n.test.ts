import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTranslator, loadCatalogues } from './i18n.js';
import { projectRoot } from './project-root.js';

const catalogues = loadCatalogues();
const t = createTranslator(catalogues);
const galleryDir = path.join(projectRoot(), 'gallery');

function filesUnder(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, ext);
    return entry.name.endsWith(ext) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('gallery strings', () => {
  it('has the same keys in French and English', () => {
    expect(Object.keys(catalogues.en).sort()).toEqual(Object.keys(catalogues.fr).sort());
  });

  it('fills placeholders and picks plurals per language', () => {
    expect(t('fr', 'card.comments', { count: 0 })).toBe('0 commentaire');
    expect(t('fr', 'card.comments', { count: 2 })).toBe('2 commentaires');
    expect(t('en', 'card.comments', { count: 1 })).toBe('1 comment');
    expect(t('en', 'card.comments', { count: 0 })).toBe('0 comments');
    expect(t('fr', 'bricolage.stepPhotoAlt', { step: 2, n: 1, text: 'Imprimer' })).toBe('Étape 2 — photo 1\u00a0: Imprimer');
  });

  it('fails loudly on an unknown key', () => {
    expect(() => t('fr', 'nope.missing')).toThrow(/nope\.missing/);
  });

  it('knows every key the templates and pages use', () => {
    const used = new Set<string>();
    for (const file of filesUnder(path.join(galleryDir, 'views'), '.hbs')) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/\{\{t "([\w.]+)"/g)) used.add(m[1]);
    }
    for (const file of filesUnder(galleryDir, '.ts')) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bt\('([\w.]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(20);
    const missing = [...used].filter((key) => !(key in catalogues.fr));
    expect(missing).toEqual([]);
  });

  it('keeps French out of the code: no accented letters in gallery sources', () => {
    const offenders = filesUnder(galleryDir, '.ts').filter((file) =>
      /[À-ÿŒœ«»]/.test(fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')),
    );
    expect(offenders.map((f) => path.relative(galleryDir, f))).toEqual([]);
  });
});
