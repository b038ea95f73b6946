import { describe, expect, it } from 'vitest';
import { digestWindow } from './digest.js';
import { digestMessage } from './digest-message.js';

describe('digest window', () => {
  it('runs from the previous slot, in Paris time across the daylight-saving change', () => {
    // Monday 9:00 CEST (07:00Z) after the change; the previous Monday 9:00 was CET (08:00Z).
    expect(digestWindow('0 9 * * 1', new Date('2026-03-30T07:00:00Z'))).toEqual({
      from: new Date('2026-03-23T08:00:00Z'),
      to: new Date('2026-03-30T07:00:00Z'),
    });
    expect(digestWindow('0 18 * * 5', new Date('2026-11-27T17:00:00Z')).from).toEqual(new Date('2026-11-20T17:00:00Z'));
  });
});

describe('digest message', () => {
  const base = {
    publicUrl: 'http://gallery.test',
    from: new Date('2026-11-23T08:00:00Z'),
    to: new Date('2026-11-30T07:59:59Z'),
    openWorkshops: [],
  };

  it('says in English what happened, with plural forms, caps and mairie labels', () => {
    const { text } = digestMessage({
      ...base,
      locale: 'en',
      activity: {
        newCount: 7,
        newBricolages: [{ id: 4, title: 'Tickets', authorName: 'Camille', mairie: 'paris-11' }],
        mostLiked: [{ id: 4, title: 'Tickets', likes: 1 }],
        adoptionCount: 1,
        adoptions: [{ bricolageId: 4, title: 'Tickets', adopterMairie: null, originMairie: 'hotel-de-ville' }],
      },
    });
    expect(text).toContain('*The bricoleurs’ week* (23 November to 30 November)');
    expect(text).toContain(
      '*7 new bricolages*\n• n°4 "Tickets", by Camille, 11th arrondissement town hall — http://gallery.test/bricolages/4',
    );
    expect(text).toContain('… and 6 more in the gallery');
    expect(text).toContain('• n°4 "Tickets" — 1 like');
    expect(text).toContain('*1 new adoption*\n• a town hall adopted "Tickets" (n°4), from Hôtel de Ville (city hall)');
    expect(text).toContain('Everything is in the gallery: http://gallery.test/');
  });

  it('leaves out the sections with nothing to tell', () => {
    const { text } = digestMessage({
      ...base,
      locale: 'fr',
      activity: {
        newCount: 0,
        newBricolages: [],
        mostLiked: [{ id: 2, title: 'Bacs', likes: 3 }],
        adoptionCount: 0,
        adoptions: [],
      },
      openWorkshops: [
        {
          id: 1,
          title: 'Files',
          description: '',
          status: 'open',
          openedAt: '',
          closedAt: null,
          summary: null,
          bricolageCount: 2,
        },
      ],
    });
    expect(text).not.toContain('nouveau');
    expect(text).not.toContain('adoption');
    expect(text).toContain('• n°2 « Bacs » — 3 j’aime');
    expect(text).toContain('*Ateliers ouverts*\n• n°1 Files — 2 bricolages');
  });

  it("tells the time saved reported in the week and in all, as agents' own estimates", () => {
    const impact = (minutesPerWeek: number, reports: number) => ({
      minutesPerWeek,
      medianMinutesPerWeek: 0,
      reports,
      mairies: 1,
    });
    const activity = { newCount: 0, newBricolages: [], mostLiked: [], adoptionCount: 0, adoptions: [] };
    const fr = digestMessage({ ...base, locale: 'fr', activity, timeSaved: { week: impact(90, 2), total: impact(540, 5) } });
    expect(fr.text).toContain(
      '⏱️ *Temps gagné* : 2 agents ont indiqué cette semaine environ 1,5 h par semaine gagnées ; au total, environ 9 h par semaine (estimations déclarées par les agents).',
    );
    const en = digestMessage({ ...base, locale: 'en', activity, timeSaved: { week: impact(30, 1), total: impact(30, 1) } });
    expect(en.text).toContain('1 agent reported about 30 min a week saved this week');
    const none = digestMessage({ ...base, locale: 'fr', activity, timeSaved: { week: impact(0, 0), total: impact(540, 5) } });
    expect(none.text).not.toContain('Temps gagné');
  });
});
