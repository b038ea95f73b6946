import { describe, expect, it } from 'vitest';
import { choiceButtons, describeChoices } from './choices.js';

describe('lists of choices', () => {
  it('builds one button per option sharing the action id, and names the list with menu labels in the reader’s language', () => {
    const buttons = [
      ...choiceButtons('defi.pick', [
        { value: '1', label: 'Défi 1' },
        { value: '2', label: 'Défi 2' },
      ]),
      { actionId: 'defi.none', value: 'no', label: 'Aucun' },
      { actionId: 'open', value: 'x', label: 'Galerie', url: 'https://g.example' },
    ];
    expect(buttons.slice(0, 2)).toEqual([
      { actionId: 'defi.pick', value: '1', label: 'Défi 1' },
      { actionId: 'defi.pick', value: '2', label: 'Défi 2' },
    ]);
    expect(describeChoices('fr', { text: 'Lequel ?', buttons }).choices).toEqual({
      actionId: 'defi.pick',
      placeholder: 'Choisissez dans la liste…',
      submit: 'Valider',
    });
    expect(describeChoices('en', { text: 'Which?', buttons }).choices).toMatchObject({ submit: 'Confirm' });
  });

  it('leaves messages without a list as they are', () => {
    const single = { text: 'x', buttons: [{ actionId: 'a', value: '1', label: 'A' }] };
    expect(describeChoices('fr', single)).toBe(single);
    const distinct = {
      text: 'x',
      buttons: [
        { actionId: 'a', value: '1', label: 'A' },
        { actionId: 'b', value: '1', label: 'B' },
      ],
    };
    expect(describeChoices('fr', distinct).choices).toBeUndefined();
    const links = { text: 'x', buttons: ['1', '2'].map((v) => ({ actionId: 'l', value: v, label: v, url: `https://g/${v}` })) };
    expect(describeChoices('fr', links).choices).toBeUndefined();
  });
});
