/**
 * The Gamification rules of PRODUCT.md, in one place: pure functions from an agent's stored facts
 * to points, level and badges. Nothing here counts or stores anything: `storage/points.ts` loads
 * the facts (and computes the same points in SQL for leaderboards), the bot and the gallery show them.
 * Reward impact over volume: being adopted elsewhere counts far more than posting a lot.
 */

/** Points per fact. */
export const POINTS = Object.freeze({
  /** Each published bricolage. */
  publish: 5,
  /** Each distinct agent other than the author who likes one of your bricolages. */
  likeReceived: 1,
  /** Each comment someone else writes on one of your bricolages. */
  commentReceived: 1,
  /** Each adoption of your bricolage from your own mairie (or an unknown one). */
  adoptionSameMairie: 5,
  /** Each adoption of your bricolage from another mairie. */
  adoptionOtherMairie: 10,
  /** Each comment you write on someone else's bricolage, at most `COMMENTS_COUNTED_PER_DAY` a day. */
  commentWritten: 1,
  /** Each adoption you report with a feedback message. */
  adoptionFeedback: 2,
});

/** Comments written beyond this many in one (UTC) day earn nothing. */
export const COMMENTS_COUNTED_PER_DAY = 5;

/** Levels by points, lowest first. `key` is stable; labels live in the catalogues. */
export const LEVELS = Object.freeze([
  { key: 'apprenti', min: 0 },
  { key: 'bricoleur', min: 25 },
  { key: 'artisan', min: 100 },
  { key: 'compagnon', min: 250 },
  { key: 'maitre-bricoleur', min: 600 },
] as const);
export type LevelKey = (typeof LEVELS)[number]['key'];

/** Badges in display order. `key` is stable; labels live in the catalogues. */
export const BADGES = Object.freeze([
  'premiere-astuce',
  'dix-jaime',
  'adopte-ailleurs',
  'voyageur',
  'atelier',
  'fait-ses-preuves',
  'gain-de-temps',
  'defi',
] as const);
export type BadgeKey = (typeof BADGES)[number];

/** Likes received (in total) for the "10 j'aime" badge. */
export const LIKES_FOR_BADGE = 10;
/** Bricolages from other mairies an agent must adopt for the "Voyageur" badge. */
export const ADOPTIONS_FOR_TRAVELLER = 3;
/**
 * Other mairies than the author's that must adopt a bricolage, one of them with feedback, for it to
 * have "fait ses preuves" (`PROVEN_MIN_MAIRIES` overrides it; `storage/proven.ts` derives it in SQL).
 */
export const PROVEN_MIN_MAIRIES_DEFAULT = 3;
/** Time one's bricolages save colleagues in all (their reports, `storage/time-saved.ts`) for "Gain de temps". */
export const MINUTES_PER_WEEK_FOR_TIME_SAVER = 10 * 60;

/**
 * What is stored about one agent, as counts. Only published bricolages and visible comments count,
 * never the agent's own reactions, comments or adoptions on their own bricolages, and a like is a
 * distinct agent (whatever the emoji, however often they react, remove and react again).
 */
export interface AgentFacts {
  published: number;
  likesReceived: number;
  commentsReceived: number;
  adoptionsSameMairie: number;
  adoptionsOtherMairie: number;
  /** Comments written on others' bricolages, one entry per day that had any. */
  commentsWrittenPerDay: readonly number[];
  adoptionsWithFeedback: number;
  /** Bricolages this agent adopted whose author works in another mairie. */
  adoptedFromOtherMairies: number;
  /** Bricolages of this agent attached to an atelier de débogage. */
  workshopContributions: number;
  /** Published bricolages of this agent that have "fait ses preuves" (`storage/proven.ts`). */
  provenBricolages: number;
  /** Minutes per week colleagues report saving with this agent's published bricolages. */
  minutesSavedPerWeek: number;
  /** Défis won by the agent's mairie while they belonged to it (`storage/challenges.ts`). */
  challengesWon: number;
}

export const NO_FACTS: AgentFacts = Object.freeze({
  published: 0,
  likesReceived: 0,
  commentsReceived: 0,
  adoptionsSameMairie: 0,
  adoptionsOtherMairie: 0,
  commentsWrittenPerDay: [],
  adoptionsWithFeedback: 0,
  adoptedFromOtherMairies: 0,
  workshopContributions: 0,
  provenBricolages: 0,
  minutesSavedPerWeek: 0,
  challengesWon: 0,
});

/** Whether an adoption comes from another mairie than the author's: both must be known and differ. */
export function isOtherMairie(adopterMairie: string | null, authorMairie: string | null): boolean {
  return adopterMairie !== null && authorMairie !== null && adopterMairie !== authorMairie;
}

/** Comments written that earn points: each day counts at most `COMMENTS_COUNTED_PER_DAY`. */
export function countedComments(perDay: readonly number[]): number {
  return perDay.reduce((sum, n) => sum + Math.min(Math.max(n, 0), COMMENTS_COUNTED_PER_DAY), 0);
}

/** Points by rule, for an explanation ("5 × publication …"). */
export function pointsBreakdown(facts: AgentFacts): Record<keyof typeof POINTS, number> {
  return {
    publish: facts.published * POINTS.publish,
    likeReceived: facts.likesReceived * POINTS.likeReceived,
    commentReceived: facts.commentsReceived * POINTS.commentReceived,
    adoptionSameMairie: facts.adoptionsSameMairie * POINTS.adoptionSameMairie,
    adoptionOtherMairie: facts.adoptionsOtherMairie * POINTS.adoptionOtherMairie,
    commentWritten: countedComments(facts.commentsWrittenPerDay) * POINTS.commentWritten,
    adoptionFeedback: facts.adoptionsWithFeedback * POINTS.adoptionFeedback,
  };
}

/** Total points of the facts. */
export function pointsOf(facts: AgentFacts): number {
  return Object.values(pointsBreakdown(facts)).reduce((a, b) => a + b, 0);
}

export interface LevelProgress {
  level: LevelKey;
  points: number;
  /** The next level and what it takes; null at the top. */
  next: { level: LevelKey; min: number; missing: number } | null;
  /** From 0 to 1 between the current level's threshold and the next one's (1 at the top). */
  progress: number;
}

/** The level reached with `points`, and the way to the next one. */
export function levelOf(points: number): LevelProgress {
  let index = 0;
  for (let i = 0; i < LEVELS.length; i++) if (points >= LEVELS[i].min) index = i;
  const current = LEVELS[index];
  const following = LEVELS[index + 1];
  if (!following) return { level: current.key, points, next: null, progress: 1 };
  return {
    level: current.key,
    points,
    next: { level: following.key, min: following.min, missing: following.min - points },
    progress: (points - current.min) / (following.min - current.min),
  };
}

/** The badges the facts earn, in display order. */
export function badgesOf(facts: AgentFacts): BadgeKey[] {
  const earned: Record<BadgeKey, boolean> = {
    'premiere-astuce': facts.published >= 1,
    'dix-jaime': facts.likesReceived >= LIKES_FOR_BADGE,
    'adopte-ailleurs': facts.adoptionsOtherMairie >= 1,
    voyageur: facts.adoptedFromOtherMairies >= ADOPTIONS_FOR_TRAVELLER,
    atelier: facts.workshopContributions >= 1,
    'fait-ses-preuves': facts.provenBricolages >= 1,
    'gain-de-temps': facts.minutesSavedPerWeek >= MINUTES_PER_WEEK_FOR_TIME_SAVER,
    defi: facts.challengesWon >= 1,
  };
  return BADGES.filter((badge) => earned[badge]);
}

/** Everything a profile shows. */
export interface Standing extends LevelProgress {
  badges: BadgeKey[];
}

export function standingOf(facts: AgentFacts): Standing {
  return { ...levelOf(pointsOf(facts)), badges: badgesOf(facts) };
}

/** An announcement an agent is owed: a level above Apprenti reached, or a badge earned. */
export type Announcement = { kind: 'level'; key: LevelKey } | { kind: 'badge'; key: BadgeKey };

/**
 * What to announce given the standing and what was already announced (`"level:artisan"`,
 * `"badge:voyageur"`). Only the highest new level is announced; lower ones are recorded silently.
 */
export function dueAnnouncements(
  standing: Standing,
  announced: ReadonlySet<string>,
): { announce: Announcement[]; record: Announcement[] } {
  const reached = LEVELS.filter((l) => l.min > 0 && standing.points >= l.min).map((l) => l.key);
  const newLevels = reached.filter((key) => !announced.has(`level:${key}`));
  const newBadges = standing.badges.filter((key) => !announced.has(`badge:${key}`));
  const levels: Announcement[] = newLevels.map((key) => ({ kind: 'level', key }));
  const badges: Announcement[] = newBadges.map((key) => ({ kind: 'badge', key }));
  const top = levels.at(-1);
  return { announce: [...(top ? [top] : []), ...badges], record: [...levels, ...badges] };
}
