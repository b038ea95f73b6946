/** The weekly digest lists the bricolages announced as proven in its week, with plural forms. */
import { describe, expect, it } from 'vitest';
import { digestMessage } from './digest-message.js';

const quiet = { newCount: 0, newBricolages: [], mostLiked: [], adoptionCount: 0, adoptions: [] };
const base = {
  publicUrl: 'http://gallery.test',
  from: new Date('2026-11-23T08:00:00Z'),
  to: new Date('2026-11-30T07:59:59Z'),
  openWorkshops: [],
  activity: quiet,
};

describe('digest: proven bricolages', () => {
  it('lists them in French and English, capped, with their reach', () => {
    const proven = {
      items: [
        { id: 4, title: 'Tickets', authorName: 'Camille', reach: 4 },
        { id: 9, title: 'Clés', authorName: 'Karim', reach: 1 },
      ],
      total: 3,
    };
    const fr = digestMessage({ ...base, locale: 'fr', proven }).text;
    expect(fr).toContain(
      '*3 bricolages ont fait leurs preuves*\n• n°4 « Tickets », par Camille — 4 autres mairies\n• n°9 « Clés », par Karim — 1 autre mairie\n… et 1 autre dans la galerie',
    );
    const en = digestMessage({ ...base, locale: 'en', proven: { items: proven.items.slice(0, 1), total: 1 } }).text;
    expect(en).toContain('*1 bricolage proved itself*\n• #4 "Tickets", by Camille — 4 other town halls');
  });

  it('says nothing of them in a week without any', () => {
    const text = digestMessage({ ...base, locale: 'fr', proven: { items: [], total: 0 } }).text;
    expect(text).not.toContain('preuves');
  });
});
