import { describe, expect, it } from 'vitest';
import { avatarTone, initials } from './initials.js';

describe('initials', () => {
  it('takes the first and last words, accents kept', () => {
    expect(initials('Aïcha Diallo')).toBe('AD');
    expect(initials('Jean-Pierre de la Fontaine')).toBe('JF');
    expect(initials('élodie')).toBe('É');
    expect(initials('  ')).toBe('?');
    expect(initials('Camille <Martin>')).toBe('CM');
  });
  it('gives a stable tone', () => {
    expect(avatarTone(7)).toBe(avatarTone(7));
    expect(avatarTone(7)).toBeLessThan(6);
  });
});
