/**
 * The scoreboard rule of a défi between mairies, in one place (as `scoring.ts` is for points): a
 * pure function from each mairie's facts during the défi to its score and rank. `challenges.ts`
 * loads the facts in SQL; the bot announces the result and the gallery draws it.
 *
 * It rewards breadth and reuse, not volume, so a small mairie can win:
 * - breadth: the share of the mairie's active agents (active in the 90 days before the défi's end)
 *   who took part, 0 to 1;
 * - reuse: adoptions by other mairies per linked bricolage, against `REUSE_TARGET`, capped at 1;
 * - score = round(100 × (BREADTH_WEIGHT × breadth + REUSE_WEIGHT × reuse)), 0 to 100.
 * Posting ten bricolages instead of one raises neither ratio.
 */

/** Weight of breadth (share of active agents who took part) in the score. */
export const BREADTH_WEIGHT = 0.6;
/** Weight of reuse (adoptions by other mairies per bricolage) in the score. */
export const REUSE_WEIGHT = 0.4;
/** Adoptions by other mairies per linked bricolage that make full reuse. */
export const REUSE_TARGET = 2;
/** An agent is active when they published, liked, commented or adopted within this many days before the end. */
export const ACTIVE_DAYS = 90;

/** What one mairie did during a défi. */
export interface MairieChallengeFacts {
  mairie: string;
  /** Distinct agents of the mairie who linked a bricolage published during the défi. */
  agents: number;
  /** The mairie's agents active in the `ACTIVE_DAYS` before the end (participants included). */
  activeAgents: number;
  /** Linked bricolages of the mairie's agents, published during the défi. */
  bricolages: number;
  /** Adoptions of those bricolages by agents of other mairies, recorded during the défi. */
  adoptions: number;
}

export interface ScoreboardRow extends MairieChallengeFacts {
  breadth: number;
  reuse: number;
  score: number;
  /** 1 for the best; mairies with the same score share a rank (1, 1, 3…). */
  rank: number;
}

export function breadthOf(facts: MairieChallengeFacts): number {
  if (facts.agents <= 0) return 0;
  return facts.agents / Math.max(facts.activeAgents, facts.agents);
}

export function reuseOf(facts: MairieChallengeFacts): number {
  if (facts.bricolages <= 0) return 0;
  return Math.min(1, facts.adoptions / (REUSE_TARGET * facts.bricolages));
}

export function scoreOf(facts: MairieChallengeFacts): number {
  return Math.round(100 * (BREADTH_WEIGHT * breadthOf(facts) + REUSE_WEIGHT * reuseOf(facts)));
}

/**
 * The scoreboard: mairies that took part, best first (ties: more adoptions, then more agents, then
 * the order given), each with its score and rank.
 */
export function scoreboardOf(facts: readonly MairieChallengeFacts[]): ScoreboardRow[] {
  const rows = facts
    .filter((f) => f.agents > 0 && f.bricolages > 0)
    .map((f, index) => ({ ...f, breadth: breadthOf(f), reuse: reuseOf(f), score: scoreOf(f), rank: 0, index }));
  rows.sort((a, b) => b.score - a.score || b.adoptions - a.adoptions || b.agents - a.agents || a.index - b.index);
  return rows.map(({ index: _index, ...row }) => ({ ...row, rank: 1 + rows.filter((r) => r.score > row.score).length }));
}

/** The mairies ranked first (several on a tie): their agents earn the "Défi" badge. */
export function winnersOf(scoreboard: readonly ScoreboardRow[]): string[] {
  return scoreboard.filter((r) => r.rank === 1).map((r) => r.mairie);
}
