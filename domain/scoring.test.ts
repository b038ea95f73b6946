import { describe, expect, it } from 'vitest';
import {
  badgesOf,
  countedComments,
  dueAnnouncements,
  levelOf,
  NO_FACTS,
  pointsBreakdown,
  pointsOf,
  standingOf,
} from './scoring.js';

describe('points', () => {
  it('follow the Gamification rules of PRODUCT.md', () => {
    const facts = {
      ...NO_FACTS,
      published: 2,
      likesReceived: 7,
      commentsReceived: 3,
      adoptionsSameMairie: 1,
      adoptionsOtherMairie: 2,
      commentsWrittenPerDay: [9, 2],
      adoptionsWithFeedback: 1,
    };
    expect(pointsBreakdown(facts)).toEqual({
      publish: 10,
      likeReceived: 7,
      commentReceived: 3,
      adoptionSameMairie: 5,
      adoptionOtherMairie: 20,
      commentWritten: 7,
      adoptionFeedback: 2,
    });
    expect(pointsOf(facts)).toBe(54);
    expect(pointsOf(NO_FACTS)).toBe(0);
  });

  it('count at most 5 comments a day', () => {
    expect(countedComments([1, 5, 6, 40])).toBe(16);
  });
});

describe('levels', () => {
  it('start at Apprenti and show the way to the next one', () => {
    expect(levelOf(0)).toEqual({ level: 'apprenti', points: 0, next: { level: 'bricoleur', min: 25, missing: 25 }, progress: 0 });
    expect(levelOf(24).level).toBe('apprenti');
    expect(levelOf(25).level).toBe('bricoleur');
    expect(levelOf(175)).toMatchObject({ level: 'artisan', next: { level: 'compagnon', missing: 75 }, progress: 0.5 });
    expect(levelOf(250).level).toBe('compagnon');
    expect(levelOf(600)).toEqual({ level: 'maitre-bricoleur', points: 600, next: null, progress: 1 });
  });
});

describe('badges', () => {
  it('are earned from facts', () => {
    expect(badgesOf(NO_FACTS)).toEqual([]);
    expect(badgesOf({ ...NO_FACTS, published: 1, likesReceived: 10 })).toEqual(['premiere-astuce', 'dix-jaime']);
    expect(badgesOf({ ...NO_FACTS, likesReceived: 9, adoptedFromOtherMairies: 2 })).toEqual([]);
    expect(badgesOf({ ...NO_FACTS, adoptionsOtherMairie: 1, adoptedFromOtherMairies: 3, workshopContributions: 1 })).toEqual([
      'adopte-ailleurs',
      'voyageur',
      'atelier',
    ]);
  });

  it('"Gain de temps" at 10 h a week saved in all, by colleagues\' reports', () => {
    expect(badgesOf({ ...NO_FACTS, minutesSavedPerWeek: 599 })).toEqual([]);
    expect(badgesOf({ ...NO_FACTS, minutesSavedPerWeek: 600 })).toEqual(['gain-de-temps']);
  });
});

describe('announcements', () => {
  it('announce the highest new level and each new badge once', () => {
    const standing = standingOf({ ...NO_FACTS, published: 21 });
    expect(standing.level).toBe('artisan');
    const first = dueAnnouncements(standing, new Set());
    expect(first.announce).toEqual([
      { kind: 'level', key: 'artisan' },
      { kind: 'badge', key: 'premiere-astuce' },
    ]);
    expect(first.record).toHaveLength(3);
    const done = new Set(first.record.map((a) => `${a.kind}:${a.key}`));
    expect(dueAnnouncements(standing, done)).toEqual({ announce: [], record: [] });
  });
});
