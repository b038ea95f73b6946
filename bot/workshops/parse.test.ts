import { describe, expect, it } from 'vitest';
import { workshopCommandOf } from './parse.js';

describe('workshop commands', () => {
  it('read the list, open, close and link forms in French and English, ignoring case and accents', () => {
    expect(workshopCommandOf('ateliers')).toEqual({ name: 'list' });
    expect(workshopCommandOf('Workshops')).toEqual({ name: 'list' });
    expect(workshopCommandOf('atelier ouvrir Files du samedi')).toEqual({ name: 'open', title: 'Files du samedi' });
    expect(workshopCommandOf('ATELIER open  Queues')).toEqual({ name: 'open', title: 'Queues' });
    expect(workshopCommandOf('atelier fermer 3 On a trouvé deux astuces')).toEqual({
      name: 'close',
      id: 3,
      summary: 'On a trouvé deux astuces',
    });
    expect(workshopCommandOf('atelier fermer n°4')).toEqual({ name: 'close', id: 4, summary: '' });
    expect(workshopCommandOf('atelier fermer')).toEqual({ name: 'close', id: null, summary: '' });
    expect(workshopCommandOf('atelier 12')).toEqual({ name: 'link', bricolageId: 12 });
    expect(workshopCommandOf('Atelier #12')).toEqual({ name: 'link', bricolageId: 12 });
  });

  it('answer usage for an incomplete one and leave other commands alone', () => {
    expect(workshopCommandOf('atelier')).toEqual({ name: 'usage' });
    expect(workshopCommandOf('atelier 12 et 13')).toEqual({ name: 'usage' });
    expect(workshopCommandOf('atelier ouvrir')).toEqual({ name: 'open', title: '' });
    expect(workshopCommandOf('adopté 12')).toBeNull();
    expect(workshopCommandOf('ateliersss')).toBeNull();
  });
});
