/**
 * Reading "how much time does it save you?" answers, in French or English, into one figure:
 * minutes per week. The one rule (README, "Time saved"): a day counts as 5 working days a week,
 * a month as 52/12 weeks, a year as 52 weeks; a duration without a period is not read (a period
 * is what makes figures comparable). Typos in unit and period words are forgiven (edit distance);
 * words the reader does not know ("environ", "je dirais") are ignored, numbers never are.
 * Pure: no I/O; imports only `domain/text.ts` (the one text folding).
 */
import { distance } from 'fastest-levenshtein';
import { foldText } from './text.js';

export const WORKING_DAYS_PER_WEEK = 5;
export const WEEKS_PER_MONTH = 52 / 12;
export const WEEKS_PER_YEAR = 52;
/** Above this a report is refused kindly: a full-time week is 35 to 40 hours. */
export const MAX_MINUTES_PER_WEEK = 40 * 60;

export type TimeSavedReading =
  | { kind: 'ok'; minutesPerWeek: number }
  /** Read, but above `MAX_MINUTES_PER_WEEK`. */
  | { kind: 'tooMuch'; minutesPerWeek: number }
  | { kind: 'unreadable' };

type Period = 'day' | 'week' | 'month' | 'year';
type Unit = 'minute' | 'hour';

/** Weeks in one period, by the rule above. */
const WEEKS: Record<Period, number> = {
  day: 1 / WORKING_DAYS_PER_WEEK,
  week: 1,
  month: WEEKS_PER_MONTH,
  year: WEEKS_PER_YEAR,
};

const UNITS: Record<string, Unit> = {
  m: 'minute',
  mn: 'minute',
  min: 'minute',
  mins: 'minute',
  minute: 'minute',
  minutes: 'minute',
  h: 'hour',
  hr: 'hour',
  hrs: 'hour',
  heure: 'hour',
  heures: 'hour',
  hour: 'hour',
  hours: 'hour',
};

const PERIODS: Record<string, Period> = {
  jr: 'day',
  jrs: 'day',
  jour: 'day',
  jours: 'day',
  journee: 'day',
  quotidien: 'day',
  quotidienne: 'day',
  quotidiennement: 'day',
  journalier: 'day',
  day: 'day',
  days: 'day',
  daily: 'day',
  sem: 'week',
  semaine: 'week',
  semaines: 'week',
  hebdo: 'week',
  hebdomadaire: 'week',
  wk: 'week',
  week: 'week',
  weeks: 'week',
  weekly: 'week',
  mois: 'month',
  mensuel: 'month',
  mensuellement: 'month',
  month: 'month',
  months: 'month',
  monthly: 'month',
  mo: 'month',
  annee: 'year',
  ans: 'year',
  year: 'year',
  years: 'year',
  yearly: 'year',
  yr: 'year',
  annuel: 'year',
};

const NUMBER_WORDS: Record<string, number> = {
  zero: 0,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  quinze: 15,
  vingt: 20,
  trente: 30,
  quarante: 40,
  cinquante: 50,
  soixante: 60,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  ten: 10,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
};

/** Fractions that stand for a number: "une demi-heure", "trois quarts d'heure", "half an hour". */
const FRACTIONS: Record<string, number> = { demi: 0.5, demie: 0.5, half: 0.5, quart: 0.25, quarts: 0.25, quarter: 0.25 };
const ARTICLES = new Set(['a', 'an', 'un', 'une']);
/** "1 à 2 h", "1-2 h", "entre 1 et 2 heures": the middle is taken. */
const RANGE_WORDS = new Set(['a', '-', 'ou', 'to', 'or', 'et', 'and']);
/** "une heure et demie", "an hour and a half". */
const AND_WORDS = new Set(['et', 'and']);
/** Between a fraction and its unit: "quart d'heure", "half an hour", "quarter of an hour". */
const FRACTION_LINKS = new Set(['d', 'de', 'of', 'an', 'a']);
const TIMES_WORDS = new Set(['fois', 'times', 'x']);
/** Words one typo away from a unit or a period that must stay themselves ("pour" is not "jour"). */
const KNOWN_OTHER = new Set(['pour', 'your', 'tour', 'cour', 'cours', 'moins', 'mais', 'fois', 'near', 'nearly', 'plus', 'pres']);

type Term = { unit: Unit } | { period: Period };

const VOCABULARY: [string, Term][] = [
  ...Object.entries(UNITS).map(([w, unit]): [string, Term] => [w, { unit }]),
  ...Object.entries(PERIODS).map(([w, period]): [string, Term] => [w, { period }]),
];
const EXACT = new Map(VOCABULARY);

/**
 * A unit or period word, exactly or with the typos forgiven for its length (one edit from 4
 * letters, two from 6); a word equally close to a unit and a period is neither.
 */
function termOf(word: string | undefined): Term | undefined {
  if (word === undefined) return undefined;
  const exact = EXACT.get(word);
  if (exact || word.length < 4 || KNOWN_OTHER.has(word)) return exact;
  const allowed = word.length >= 6 ? 2 : 1;
  let best: { d: number; term: Term; ambiguous: boolean } | undefined;
  for (const [candidate, term] of VOCABULARY) {
    if (candidate.length < 4) continue;
    const d = distance(word, candidate);
    if (d > allowed || (best && d > best.d)) continue;
    if (best && d === best.d) best.ambiguous ||= 'unit' in term !== 'unit' in best.term;
    else best = { d, term, ambiguous: false };
  }
  return best && !best.ambiguous ? best.term : undefined;
}

function unitOf(word: string | undefined): Unit | undefined {
  const term = termOf(word);
  return term && 'unit' in term ? term.unit : undefined;
}

function periodOf(word: string): Period | undefined {
  const term = termOf(word);
  return term && 'period' in term ? term.period : undefined;
}

/** Lower case, no accents, digits apart from letters, "1h30" → "1 h 30", "/" read as "par". */
function tokenize(text: string): string[] {
  return (
    foldText(text)
      .replace(/(\d),(\d)/g, '$1.$2')
      .replace(/(\d+):(\d\d)\b/g, '$1 h $2')
      .replace(/(\d)([a-z])/g, '$1 $2')
      .replace(/([a-z])(\d)/g, '$1 $2')
      .replace(/(\d)\s*-\s*(?=\d)/g, '$1 - ')
      // "10 min/j": a lone "j" is a day only after "par" or "/" ("j'économise" is not a period).
      .replace(/(\/|\bpar)\s*j\b/g, ' par jour ')
      .replace(/\//g, ' par ')
      .replace(/~/g, ' ')
      .replace(/-(?=[a-z])|(?<=[a-z])-/g, ' ')
      .replace(/[^a-z0-9.\s-]/g, ' ')
      .split(/\s+/)
      .map((w) => w.replace(/^\.+|\.+$/g, ''))
      .filter((w) => w !== '')
  );
}

/** A number in digits or words ("vingt cinq" → 25; articles are not numbers here). */
function numberAt(words: string[], i: number): { value: number; next: number } | undefined {
  const w = words[i];
  if (w === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(w)) return { value: Number(w), next: i + 1 };
  const value = NUMBER_WORDS[w];
  if (value === undefined) return undefined;
  // "vingt cinq", "forty five": a tens word followed by a units word.
  const unitsWord = NUMBER_WORDS[words[i + 1] ?? ''];
  if (value >= 20 && value % 10 === 0 && unitsWord !== undefined && unitsWord < 10 && !ARTICLES.has(words[i + 1] as string)) {
    return { value: value + unitsWord, next: i + 2 };
  }
  return { value, next: i + 1 };
}

/** Reads an answer; see the module comment for the rule. */
export function parseTimeSaved(text: string): TimeSavedReading {
  const words = tokenize(text);
  let minutes = 0;
  let durations = 0;
  let times = 1;
  const periods = new Set<Period>();
  let i = 0;
  while (i < words.length) {
    const word = words[i] as string;
    const duration = durationAt(words, i);
    if (duration) {
      minutes += duration.minutes;
      durations += 1;
      i = duration.next;
      continue;
    }
    const count = numberAt(words, i);
    if (count && TIMES_WORDS.has(words[count.next] ?? '')) {
      times *= count.value;
      i = count.next + 1;
      continue;
    }
    // A number that is neither a duration nor a count ("30 par semaine"): its meaning is unknown.
    if (count && !ARTICLES.has(word)) return { kind: 'unreadable' };
    // "par an" is a year; "an" before a unit is an article, read by durationAt.
    const period = word === 'an' ? 'year' : periodOf(word);
    if (period) periods.add(period);
    i += 1;
  }
  if (durations === 0 || periods.size !== 1) return { kind: 'unreadable' };
  const [period] = [...periods] as [Period];
  const minutesPerWeek = Math.round((minutes * times) / WEEKS[period]);
  if (!Number.isFinite(minutesPerWeek)) return { kind: 'unreadable' };
  return minutesPerWeek > MAX_MINUTES_PER_WEEK ? { kind: 'tooMuch', minutesPerWeek } : { kind: 'ok', minutesPerWeek };
}

/**
 * The duration that starts at `i`, if one does: "30 min", "1 h 30", "2.5 h", "1 à 2 h",
 * "une demi-heure", "trois quarts d'heure", "une heure et demie", "half an hour", "an hour".
 */
function durationAt(words: string[], i: number): { minutes: number; next: number } | undefined {
  const first = words[i] as string;
  const leading = numberAt(words, i);
  let amount: number;
  let next: number;
  if (FRACTIONS[first] !== undefined) {
    amount = FRACTIONS[first] as number;
    next = i + 1;
  } else if ((leading || ARTICLES.has(first)) && FRACTIONS[words[i + 1] as string] !== undefined) {
    // "une demi-heure", "a quarter of an hour" (one), "trois quarts d'heure" (three).
    amount = (leading && !ARTICLES.has(first) ? leading.value : 1) * (FRACTIONS[words[i + 1] as string] as number);
    next = i + 2;
  } else if (leading) {
    amount = leading.value;
    next = leading.next;
    const upper = RANGE_WORDS.has(words[next] as string) ? numberAt(words, next + 1) : undefined;
    if (upper && unitOf(words[upper.next]) !== undefined) {
      amount = (amount + upper.value) / 2;
      next = upper.next;
    }
  } else if (ARTICLES.has(first)) {
    amount = 1;
    next = i + 1;
  } else {
    return undefined;
  }
  if (FRACTIONS[first] !== undefined || FRACTIONS[words[i + 1] as string] !== undefined) {
    while (FRACTION_LINKS.has(words[next] as string) && unitOf(words[next]) === undefined) next += 1;
  }
  const unit = unitOf(words[next]);
  if (unit === undefined) return undefined;
  next += 1;
  let minutes = unit === 'hour' ? amount * 60 : amount;
  if (unit === 'hour') {
    // "1 h 30", "une heure et demie", "an hour and a half", "2 h et quart".
    const afterAnd = AND_WORDS.has(words[next] as string) ? next + 1 : next;
    const fractionAt = ARTICLES.has(words[afterAnd] as string) ? afterAnd + 1 : afterAnd;
    const fraction = FRACTIONS[words[fractionAt] as string];
    const rest = numberAt(words, next);
    if (fraction !== undefined && afterAnd !== next && unitOf(words[fractionAt + 1]) === undefined) {
      minutes += fraction * 60;
      next = fractionAt + 1;
    } else if (rest && rest.value < 60 && !TIMES_WORDS.has(words[rest.next] as string) && unitOf(words[rest.next]) !== 'hour') {
      minutes += rest.value;
      next = unitOf(words[rest.next]) === 'minute' ? rest.next + 1 : rest.next;
    }
  }
  return { minutes, next };
}

/**
 * A figure as people say it: under an hour, minutes rounded to 5 (at least 1); then hours, to the
 * half hour under 10 h, whole above. `minutes` is what the catalogues show as "min", else `hours`.
 */
export function roundedDuration(minutesPerWeek: number): { unit: 'min'; value: number } | { unit: 'h'; value: number } {
  if (minutesPerWeek < 57.5)
    return { unit: 'min', value: Math.max(minutesPerWeek > 0 ? 1 : 0, Math.round(minutesPerWeek / 5) * 5) };
  const hours = minutesPerWeek / 60;
  return { unit: 'h', value: hours < 10 ? Math.round(hours * 2) / 2 : Math.round(hours) };
}
