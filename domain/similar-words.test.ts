import { describe, expect, it } from 'vitest';
import { indexPrefix, queryStems, stemWord, textStems } from './similar-words.js';

describe('the words the similarity compares', () => {
  it('matches plural and feminine endings, and ignores accents and case', () => {
    expect(stemWord('étiquettes')).toBe(stemWord('étiquette'));
    expect(stemWord('réparée')).toBe(stemWord('réparé'));
    expect(stemWord('réparées')).toBe(stemWord('réparé'));
    expect(stemWord('usagers')).toBe(stemWord('usager'));
    expect(stemWord('triés')).toBe(stemWord('trier'));
    expect(textStems('ÉTIQUETTES Réparées')).toEqual(textStems('etiquette repare'));
  });

  it('drops French stop words, elided letters and bare numbers', () => {
    expect(textStems("Les étiquettes de l'accueil sont à 12 euros")).toEqual(['étiquettes', 'accueil', 'euros'].map(stemWord));
    expect(textStems('Il y a eu des')).toEqual([]);
  });

  it('asks the unstemmed index for a prefix that every form of the word begins with', () => {
    expect(indexPrefix('etiquet', 'etiquettes')).toBe('etiquet');
    expect(indexPrefix('journal', 'journaux')).toBe('journa');
    expect(queryStems('Journaux et journal')).toEqual([{ stem: 'journal', prefix: 'journa' }]);
  });
});
