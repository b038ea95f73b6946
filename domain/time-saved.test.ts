import { describe, expect, it } from 'vitest';
import { MAX_MINUTES_PER_WEEK, parseTimeSaved, roundedDuration } from './time-saved.js';

/** Answer → expected minutes per week (a day is 1/5 week, a month 52/12 weeks). */
const READ: [string, number][] = [
  // French
  ['30 min par semaine', 30],
  ['2 h par mois', 28], // 120 × 12 / 52 = 27.7
  ['10 min par jour', 50],
  ['1h30 par semaine', 90],
  ['1 h 30 par semaine', 90],
  ['une demi-heure par jour', 150],
  ['une demi heure par semaine', 30],
  ['2,5 h par mois', 35], // 150 × 12 / 52 = 34.6
  ['2.5 h/semaine', 150],
  ["un quart d'heure par jour", 75],
  ['trois quarts d’heure par semaine', 45],
  ['une heure et demie par semaine', 90],
  ['deux heures par semaine', 120],
  ['environ 20 minutes par jour', 100],
  ['à peu près 3 h par mois', 42], // 180 × 12 / 52 = 41.5
  ['30min/jour', 150],
  ['1 heure par jour', 300],
  ['5 minutes chaque jour', 25],
  ['tous les jours 15 min', 75],
  ['1 à 2 h par semaine', 90],
  ['entre 1 et 2 heures par mois', 21], // 90 × 12 / 52 = 20.8
  ['10 min 3 fois par semaine', 30],
  ['2 fois 1 h par mois', 28],
  ['vingt-cinq minutes par semaine', 25],
  ['4 h par an', 5], // 240 / 52 = 4.6
  ['1 h hebdo', 60],
  ['45 min quotidiennes', 225],
  ['1 h 15 par jour', 375],
  ['1 h et 15 min par semaine', 75],
  ['2 h et quart par mois', 31], // 135 × 12 / 52 = 31.2
  // French with typos, accents, capitals
  ['30 minuts par semiane', 30],
  ['2 heurs par smaine', 120],
  ['2 h par moiss', 28],
  ['Une demi-heure par journée', 150],
  ['2 H PAR SEMAINE', 120],
  ['Ça me fait gagner 1 h par semaine', 60],
  ["J'économise 15 min par jour", 75],
  ['10 mn/j', 50],
  ['1:30 par semaine', 90],
  ['15min par jour environ', 75],
  ['0 min par semaine', 0],
  ['40 h par semaine', MAX_MINUTES_PER_WEEK],
  // English
  ['30 minutes a week', 30],
  ['2 hours per month', 28],
  ['10 min a day', 50],
  ['half an hour a day', 150],
  ['an hour and a half per week', 90],
  ['1.5 hours weekly', 90],
  ['a quarter of an hour daily', 75],
  ['about 20 mins every day', 100],
  ['2 hrs/month', 28],
  ['one hour a week', 60],
  ['3 times 10 minutes per week', 30],
  ['45 minuts per weeek', 45],
  ['2h a month', 28],
  ['1-2 hours a week', 90],
  ['around forty five minutes a week', 45],
];

describe('parseTimeSaved', () => {
  it.each(READ)('reads %j as %i minutes per week', (text, minutes) => {
    expect(parseTimeSaved(text)).toEqual({ kind: 'ok', minutesPerWeek: minutes });
  });

  it('has at least 40 phrasings', () => {
    expect(READ.length).toBeGreaterThanOrEqual(40);
  });

  it.each([
    ['10 h par jour', 3000],
    ['50 hours a week', 3000],
    ['200 h par mois', 2769],
  ])('refuses %j above 40 h per week', (text, minutes) => {
    expect(parseTimeSaved(text)).toEqual({ kind: 'tooMuch', minutesPerWeek: minutes });
  });

  it.each([
    'beaucoup',
    '30 min',
    '2 h',
    '30 par semaine',
    'pas mal de temps par semaine',
    '10 min par jour et 1 h par semaine',
    '',
    'une demi-journée par semaine',
    'a lot every week',
  ])('does not read %j', (text) => {
    expect(parseTimeSaved(text)).toEqual({ kind: 'unreadable' });
  });
});

describe('roundedDuration', () => {
  it.each([
    [0, { unit: 'min', value: 0 }],
    [2, { unit: 'min', value: 1 }],
    [28, { unit: 'min', value: 30 }],
    [57, { unit: 'min', value: 55 }],
    [58, { unit: 'h', value: 1 }],
    [100, { unit: 'h', value: 1.5 }],
    [360, { unit: 'h', value: 6 }],
    [545, { unit: 'h', value: 9 }],
    [1290, { unit: 'h', value: 22 }],
  ] as const)('says %i minutes as %j', (minutes, expected) => {
    expect(roundedDuration(minutes)).toEqual(expected);
  });
});
