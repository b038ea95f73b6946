import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES } from '../../config.js';
import { commandOf, keywordOf, normalize, parseCategory } from './parse.js';

describe('keywords', () => {
  it('match ignoring case, accents and trailing punctuation', () => {
    expect(keywordOf('Terminé !')).toBe('done');
    expect(keywordOf('TERMINE')).toBe('done');
    expect(keywordOf('  annuler. ')).toBe('cancel');
    expect(keywordOf('Publier')).toBe('publish');
    expect(keywordOf('retour')).toBe('back');
    expect(keywordOf('?')).toBe('help');
    expect(keywordOf('done')).toBe('done');
  });
  it('do not fire inside a sentence', () => {
    expect(keywordOf('terminé le rangement des flyers')).toBeNull();
    expect(keywordOf('Nouveau ticket coloré')).toBeNull();
  });
  it('normalize folds accents and spaces', () => {
    expect(normalize('  État   Civil ')).toBe('etat civil');
  });
});

describe('commands', () => {
  it('read search, adoption with feedback and language', () => {
    expect(commandOf('chercher courrier entrant')).toEqual({ name: 'search', query: 'courrier entrant' });
    expect(commandOf('Adopté 12 très pratique à l’accueil')).toEqual({
      name: 'adopt',
      id: 12,
      feedback: 'très pratique à l’accueil',
    });
    expect(commandOf('adopté n°7')).toEqual({ name: 'adopt', id: 7, feedback: '' });
    expect(commandOf('adopté')).toEqual({ name: 'adopt', id: null, feedback: '' });
    // The time saved after `gain` (issue 20); "gain" in the feedback without a number stays there.
    expect(commandOf('adopté 12 gain 2 h par semaine')).toEqual({
      name: 'adopt',
      id: 12,
      feedback: '',
      timeSaved: '2 h par semaine',
    });
    expect(commandOf('adopté 12 super outil gain de temps : une demi-heure par jour')).toEqual({
      name: 'adopt',
      id: 12,
      feedback: 'super outil',
      timeSaved: 'une demi-heure par jour',
    });
    expect(commandOf('adopted 5 saves 30 min a week')).toEqual({
      name: 'adopt',
      id: 5,
      feedback: '',
      timeSaved: '30 min a week',
    });
    expect(commandOf('adopté 12 un vrai gain pour l’accueil')).toEqual({
      name: 'adopt',
      id: 12,
      feedback: 'un vrai gain pour l’accueil',
    });
    expect(commandOf('langue EN')).toEqual({ name: 'language', value: 'en' });
    expect(commandOf('bonjour à tous')).toBeNull();
  });
});

describe('parseCategory', () => {
  it('accepts a number, a name without accents, or a distinctive word', () => {
    expect(parseCategory('2', DEFAULT_CATEGORIES)).toBe('Courrier et documents');
    expect(parseCategory('etat civil', DEFAULT_CATEGORIES)).toBe('État civil');
    expect(parseCategory('Élections', DEFAULT_CATEGORIES)).toBe('Élections');
    expect(parseCategory('courrier', DEFAULT_CATEGORIES)).toBe('Courrier et documents');
    expect(parseCategory('tableurs', DEFAULT_CATEGORIES)).toBe('Tableurs et outils numériques');
  });
  it('refuses unknown or ambiguous answers', () => {
    expect(parseCategory('9', DEFAULT_CATEGORIES)).toBeNull();
    expect(parseCategory('cuisine', DEFAULT_CATEGORIES)).toBeNull();
    expect(parseCategory('et', DEFAULT_CATEGORIES)).toBeNull();
  });
});
