import { describe, expect, it } from 'vitest';
import { OWN_DATA_WORDS } from '../wizard/parse.js';
import { t } from './index.js';

describe('catalogues', () => {
  it('choose plural forms by the locale’s rules', () => {
    expect(t('fr', 'card.stepCount', { count: 1 })).toBe('1 étape');
    expect(t('fr', 'card.stepCount', { count: 3 })).toBe('3 étapes');
    expect(t('fr', 'card.stepCount', { count: 0 })).toBe('0 étape');
    expect(t('en', 'card.stepCount', { count: 1 })).toBe('1 step');
    expect(t('en', 'card.stepCount', { count: 0 })).toBe('0 steps');
    expect(t('fr', 'stepSavedWithPhotos', { n: 2, count: 2 })).toBe('Étape 2 enregistrée avec 2 photos.');
    expect(t('fr', 'photosAddedToStep', { n: 1, count: 1 })).toBe('1 photo ajoutée à l’étape 1.');
    expect(t('en', 'photosAddedToStep', { n: 1, count: 2 })).toBe('2 photos added to step 1.');
    expect(t('fr', 'reminder.steps', { count: 1 })).toBe('1 étape');
    expect(t('fr', 'workshop.bricolageCount', { count: 0 })).toBe('0 bricolage');
    expect(t('en', 'workshop.bricolageCount', { count: 0 })).toBe('0 bricolages');
    expect(t('en', 'digest.likes', { count: 2 })).toBe('2 likes');
    expect(t('fr', 'forgetChoose', { count: 2 })).toContain('publié 2 bricolages : tapez *supprimer* pour les supprimer');
    expect(t('en', 'forgetChoose', { count: 1 })).toContain('published 1 bricolage: type *delete* to delete it');
  });

  it('fill the other variables of a plural message too', () => {
    expect(t('fr', 'workshop.offer', { count: 2, id: 7 })).toContain('2 ateliers de débogage sont en cours');
    expect(t('fr', 'workshop.offer', { count: 1, id: 7 })).toBe(
      'Un atelier de débogage est en cours. Votre bricolage n°7 y contribue-t-il ?',
    );
  });

  it('refuse a plural message without a count rather than print a wrong form', () => {
    expect(() => t('fr', 'reminder.steps')).toThrow(/count/);
  });

  it('never re-read a value as a template', () => {
    expect(t('fr', 'searchNone', { query: '{count} {query}', count: 2 })).toContain('« {count} {query} »');
  });

  it('list every command in the help, in both languages', () => {
    const fr = t('fr', 'help');
    for (const word of ['nouveau', 'chercher', 'adopté', 'langue', 'modifier', 'supprimer', 'mes données', 'oublie-moi']) {
      expect(fr).toContain(`*${word}`);
    }
    const en = t('en', 'help');
    for (const word of ['new', 'search', 'adopted', 'language', 'edit', 'delete', 'my data', 'forget me']) {
      expect(en).toContain(`*${word}`);
    }
    // Every own-data command word the parser knows is spelled in one of the helps (accents aside).
    const both = `${fr} ${en}`.normalize('NFD').replace(/\p{Diacritic}/gu, '');
    for (const words of Object.values(OWN_DATA_WORDS)) expect(words.some((w) => both.includes(w))).toBe(true);
  });
});
