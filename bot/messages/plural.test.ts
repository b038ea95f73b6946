import { describe, expect, it } from 'vitest';
import { tp } from './plural.js';

describe('plural forms', () => {
  it('follow each language: French 0 and 1 are singular, English only 1', () => {
    expect(tp('fr', 'reminder.steps', 1)).toBe('1 étape');
    expect(tp('fr', 'reminder.steps', 3)).toBe('3 étapes');
    expect(tp('fr', 'workshop.bricolageCount', 0)).toBe('0 bricolage');
    expect(tp('en', 'workshop.bricolageCount', 0)).toBe('0 bricolages');
    expect(tp('en', 'reminder.steps', 1)).toBe('1 step');
    expect(tp('en', 'digest.likes', 2)).toBe('2 likes');
  });

  it('fill the other variables too', () => {
    expect(tp('fr', 'workshop.offer', 2, { id: 7 })).toContain('2 ateliers de débogage sont en cours');
    expect(tp('fr', 'workshop.offer', 1, { id: 7 })).toContain('bricolage n°7');
  });
});
