import { describe, expect, it } from 'vitest';
import { animatorCommandOf } from './parse.js';

describe('animatorCommandOf', () => {
  it.each([
    ['à la une 12', { name: 'feature', id: 12, reason: '' }],
    ['A LA UNE n°12 Bravo !', { name: 'feature', id: 12, reason: 'Bravo !' }],
    ['une 12', { name: 'feature', id: 12, reason: '' }],
    ['feature #12', { name: 'feature', id: 12, reason: '' }],
    ['retirer de la une 12', { name: 'unfeature', id: 12, reason: '' }],
    ['Masquer 12 Doublon du n°8', { name: 'hide', id: 12, reason: 'Doublon du n°8' }],
    ['masquer', { name: 'hide', id: null, reason: '' }],
    ['rétablir 12', { name: 'restore', id: 12, reason: '' }],
    ['masquer commentaire 7 propos déplacés', { name: 'hideComment', id: 7, reason: 'propos déplacés' }],
    ['Rétablir le commentaire 7', { name: 'restoreComment', id: 7, reason: '' }],
    ['annonce  Atelier jeudi à 14 h !', { name: 'announce', text: 'Atelier jeudi à 14 h !' }],
    ['Journal', { name: 'journal' }],
    ['tableau de bord', { name: 'dashboard' }],
    ['Tableau de bord ?', { name: 'dashboard' }],
    ['animateur ajouter Camille Martin', { name: 'animatorAdd', who: 'Camille Martin' }],
    ['animator remove camille', { name: 'animatorRemove', who: 'camille' }],
  ])('%s', (text, expected) => expect(animatorCommandOf(text)).toEqual(expected));

  it('leaves ordinary messages alone', () => {
    for (const text of ['une question', 'journal de bord du 12', 'nouveau', 'bonjour', 'adopté 12', '']) {
      expect(animatorCommandOf(text)).toBeNull();
    }
  });
});
