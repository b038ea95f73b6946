import { describe, expect, it } from 'vitest';
import { animatorCommandOf } from './parse.js';

describe('proposal commands', () => {
  it.each([
    ['proposer 12 Adopté dans 4 mairies', { name: 'propose', id: 12, note: 'Adopté dans 4 mairies' }],
    ['Proposer n°12', { name: 'propose', id: 12, note: '' }],
    ['proposer', { name: 'propose', id: null, note: '' }],
    ['propose #7 Worth it', { name: 'propose', id: 7, note: 'Worth it' }],
    [
      "proposition 12 à l'étude Reçu par la DDCT",
      { name: 'proposalStatus', id: 12, status: 'studying', note: 'Reçu par la DDCT' },
    ],
    ['proposition 12 à l’étude : reçu', { name: 'proposalStatus', id: 12, status: 'studying', note: 'reçu' }],
    ['Proposition n°12 DÉPLOYÉ partout', { name: 'proposalStatus', id: 12, status: 'deployed', note: 'partout' }],
    ['proposition 12 non retenu Trop coûteux', { name: 'proposalStatus', id: 12, status: 'rejected', note: 'Trop coûteux' }],
    ['proposal 3 studying Received', { name: 'proposalStatus', id: 3, status: 'studying', note: 'Received' }],
    ['proposal 3 rejected', { name: 'proposalStatus', id: 3, status: 'rejected', note: '' }],
    ['proposition 12 peut-être', { name: 'proposalStatus', id: 12, status: null, note: 'peut-être' }],
  ])('%s', (text, expected) => expect(animatorCommandOf(text)).toEqual(expected));
});
