/**
 * Défis between mairies: open / close, the bricolages linked to them, and the reads the bot and the
 * gallery share. The scoreboard's facts are loaded here in SQL; the rule that turns them into scores
 * and ranks is `challenge-scoring.ts`. Closing claims the défi (an update from open to closed), so
 * the scheduler on two instances, or a command racing it, closes and announces it once.
 */
import { sql } from 'kysely';
import {
  ACTIVE_DAYS,
  type MairieChallengeFacts,
  type ScoreboardRow,
  scoreboardOf,
  winnersOf,
} from '../domain/challenge-scoring.js';
import { MAIRIE_SLUGS } from '../domain/mairies.js';
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';
import * as linked from './linked-bricolages.js';
import type { Challenge, ChallengeStatus } from './schema.js';

const DAY_MS = 86_400_000;

export interface ChallengeSummary {
  id: number;
  title: string;
  description: string;
  status: ChallengeStatus;
  openedAt: string;
  endsAt: string;
  closedAt: string | null;
  /** Published bricolages linked to it. */
  bricolageCount: number;
  result: ChallengeResult | null;
}

/** What was announced at close, kept as it was said. */
export interface ChallengeResult {
  /** Mairies ranked 1 to 3 (more on ties). */
  podium: { mairie: string; score: number; rank: number }[];
  /** The mairies ranked first, whose agents earned the "Défi" badge. */
  winners: string[];
  topBricolage: { id: number; title: string; authorName: string; mairie: string | null; adoptions: number } | null;
  /** Distinct agents who linked a bricolage published during the défi. */
  participants: number;
  bricolages: number;
}

/** A published bricolage linked to a défi (the shape every gathering's links have). */
export type ChallengeBricolage = linked.LinkedBricolage;

/** The time the défi counts: from its opening to its end date, or to its closing when closed earlier. */
export function challengeWindow(c: Pick<Challenge, 'opened_at' | 'ends_at' | 'closed_at'>): { from: string; to: string } {
  const to = c.closed_at && c.closed_at < c.ends_at ? c.closed_at : c.ends_at;
  return { from: c.opened_at, to };
}

export async function openChallenge(
  db: DbOrTrx,
  input: { title: string; description: string; endsAt: string; openedBy: number; at?: string },
): Promise<number> {
  const { id } = await db
    .insertInto('challenges')
    .values({
      title: input.title,
      description: input.description,
      status: 'open',
      opened_by: input.openedBy,
      opened_at: input.at ?? nowIso(),
      ends_at: input.endsAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function getChallenge(db: DbOrTrx, id: number): Promise<Challenge | undefined> {
  return db.selectFrom('challenges').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Links the défi's announcement to the chat message it was posted as (links are told in its thread). */
export async function linkChallengeMessage(
  db: DbOrTrx,
  id: number,
  loc: { platform: string; channelId: string; messageId: string },
): Promise<void> {
  await linked.linkAnnouncement(db, 'challenge', id, loc);
}

function summaryOf(r: Challenge & { bricolage_count: number | bigint }): ChallengeSummary {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    status: r.status,
    openedAt: r.opened_at,
    endsAt: r.ends_at,
    closedAt: r.closed_at,
    bricolageCount: Number(r.bricolage_count),
    result: parseResult(r.result),
  };
}

/** A stored result (JSON); null when there is none or it cannot be read. */
export function parseResult(json: string | null): ChallengeResult | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as ChallengeResult;
  } catch {
    return null;
  }
}

/** Défis with a status, a page at a time: open ones ending soonest first, closed ones latest closed first. */
export async function listChallenges(
  db: DbOrTrx,
  status: ChallengeStatus,
  page: linked.Page = { limit: 20 },
): Promise<ChallengeSummary[]> {
  const rows = await db
    .selectFrom('challenges')
    .selectAll('challenges')
    .select(linked.linkedCount(db, 'challenge', 'challenges.id').as('bricolage_count'))
    .where('status', '=', status)
    .orderBy(status === 'open' ? 'ends_at' : 'closed_at', status === 'open' ? 'asc' : 'desc')
    .orderBy('id', status === 'open' ? 'asc' : 'desc')
    .limit(page.limit)
    .offset(page.offset ?? 0)
    .execute();
  return rows.map((r) => summaryOf({ ...r, bricolage_count: r.bricolage_count ?? 0 }));
}

export async function countChallenges(db: DbOrTrx, status: ChallengeStatus): Promise<number> {
  return linked.countGatherings(db, 'challenge', status);
}

/** Open défis whose end date has come (the scheduler closes them). */
export async function dueChallenges(db: DbOrTrx, now: string): Promise<number[]> {
  const rows = await db
    .selectFrom('challenges')
    .select('id')
    .where('status', '=', 'open')
    .where('ends_at', '<=', now)
    .orderBy('ends_at')
    .execute();
  return rows.map((r) => r.id);
}

/** Links a bricolage to a défi; false when it already was (linking twice changes nothing). */
export async function linkBricolageToChallenge(
  db: DbOrTrx,
  input: { challengeId: number; bricolageId: number; linkedBy: number; at?: string },
): Promise<boolean> {
  return linked.linkBricolageTo(db, 'challenge', {
    id: input.challengeId,
    bricolageId: input.bricolageId,
    linkedBy: input.linkedBy,
    at: input.at,
  });
}

/** The linked bricolages that count: published, and published during the défi. */
function countedBricolages(db: DbOrTrx, challenge: Challenge) {
  const { from, to } = challengeWindow(challenge);
  return db
    .selectFrom('challenge_bricolages as cb')
    .innerJoin('bricolages as b', 'b.id', 'cb.bricolage_id')
    .innerJoin('agents as a', 'a.id', 'b.author_id')
    .where('cb.challenge_id', '=', challenge.id)
    .where('b.status', '=', 'published')
    .where('b.published_at', '>=', from)
    .where('b.published_at', '<', to);
}

/**
 * The same bricolages as `countedBricolages`, as FROM and WHERE clauses (`cb`, `b`, `a`) whose CROSS JOINs
 * keep that order: joined to adoptions, SQLite would otherwise start from every adoption of the
 * period (the date index) instead of the défi's few links.
 */
function countedSql(challenge: Challenge) {
  const { from, to } = challengeWindow(challenge);
  return {
    from: sql`challenge_bricolages cb CROSS JOIN bricolages b CROSS JOIN agents a`,
    where: sql`b.id = cb.bricolage_id AND a.id = b.author_id AND cb.challenge_id = ${challenge.id} AND b.status = 'published'
      AND b.published_at >= ${from} AND b.published_at < ${to}`,
  };
}

/**
 * Each mairie's facts during the défi (see `MairieChallengeFacts`). Agents without a mairie take part
 * but rank no mairie; adoptions count when the adopter's mairie is known and is not the author's.
 */
export async function loadChallengeFacts(db: DbOrTrx, challenge: Challenge): Promise<MairieChallengeFacts[]> {
  const { from, to } = challengeWindow(challenge);
  const perMairie = await countedBricolages(db, challenge)
    .select((eb) => [
      'a.mairie',
      eb.fn.count<number>('b.author_id').distinct().as('agents'),
      eb.fn.countAll<number>().as('bricolages'),
    ])
    .where('a.mairie', 'is not', null)
    .groupBy('a.mairie')
    .execute();
  if (perMairie.length === 0) return [];
  const counted = countedSql(challenge);
  const adoptions = (
    await sql<{ mairie: string; n: number }>`
      SELECT a.mairie AS mairie, count(*) AS n
      FROM ${counted.from} CROSS JOIN adoptions ad
      WHERE ${counted.where} AND ad.bricolage_id = b.id AND a.mairie IS NOT NULL AND ad.mairie IS NOT NULL AND ad.mairie != a.mairie
        AND ad.created_at >= ${from} AND ad.created_at < ${to}
      GROUP BY a.mairie`.execute(db)
  ).rows;
  const since = new Date(Date.parse(to) - ACTIVE_DAYS * DAY_MS).toISOString();
  const mairies = perMairie.map((r) => r.mairie as string);
  // Active agents: any trace in the window before the end, and the participants themselves. The
  // commonest traces are probed first (comments, then likes), so most agents stop at the first
  // probe: at 10,000 bricolages, 0.8 ms instead of 1.3 ms with bricolages first.
  const active = await sql<{ mairie: string; n: number }>`
    SELECT a.mairie AS mairie, count(*) AS n FROM agents a
    WHERE a.mairie IN (${sql.join(mairies)}) AND (
      EXISTS (SELECT 1 FROM comments x WHERE x.author_id = a.id AND x.created_at >= ${since} AND x.created_at < ${to})
      OR EXISTS (SELECT 1 FROM likes x WHERE x.agent_id = a.id AND x.created_at >= ${since} AND x.created_at < ${to})
      OR EXISTS (SELECT 1 FROM bricolages x WHERE x.author_id = a.id AND x.status = 'published' AND x.published_at >= ${since} AND x.published_at < ${to})
      OR EXISTS (SELECT 1 FROM adoptions x WHERE x.agent_id = a.id AND x.created_at >= ${since} AND x.created_at < ${to})
      OR EXISTS (SELECT 1 FROM challenge_bricolages cb JOIN bricolages x ON x.id = cb.bricolage_id
                 WHERE cb.challenge_id = ${challenge.id} AND x.author_id = a.id AND x.status = 'published'
                   AND x.published_at >= ${from} AND x.published_at < ${to})
    )
    GROUP BY a.mairie`.execute(db);
  const adoptionsOf = new Map(adoptions.map((r) => [r.mairie, Number(r.n)]));
  const activeOf = new Map(active.rows.map((r) => [r.mairie, Number(r.n)]));
  // The order of MAIRIE_SLUGS breaks the last ties (1er before 2e), then unknown slugs by name.
  const order = (m: string) => {
    const i = MAIRIE_SLUGS.indexOf(m);
    return i === -1 ? MAIRIE_SLUGS.length : i;
  };
  return perMairie
    .map((r) => ({
      mairie: r.mairie as string,
      agents: Number(r.agents),
      activeAgents: activeOf.get(r.mairie as string) ?? 0,
      bricolages: Number(r.bricolages),
      adoptions: adoptionsOf.get(r.mairie as string) ?? 0,
    }))
    .sort((x, y) => order(x.mairie) - order(y.mairie) || x.mairie.localeCompare(y.mairie));
}

export async function challengeScoreboard(db: DbOrTrx, challenge: Challenge): Promise<ScoreboardRow[]> {
  return scoreboardOf(await loadChallengeFacts(db, challenge));
}

/** The agents who took part (authors of counted bricolages), to tell them the result. */
export async function challengeParticipants(
  db: DbOrTrx,
  challenge: Challenge,
): Promise<{ id: number; platform: string; platformUserId: string; locale: string | null; mairie: string | null }[]> {
  const rows = await countedBricolages(db, challenge)
    .select(['a.id', 'a.platform', 'a.platform_user_id', 'a.locale', 'a.mairie'])
    .distinct()
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    platform: r.platform,
    platformUserId: r.platform_user_id,
    locale: r.locale,
    mairie: r.mairie,
  }));
}

/** The counted bricolage most adopted during the défi (by any other agent), or null when none was adopted. */
export async function mostAdoptedOfChallenge(db: DbOrTrx, challenge: Challenge): Promise<ChallengeResult['topBricolage']> {
  const { from, to } = challengeWindow(challenge);
  const counted = countedSql(challenge);
  const row = (
    await sql<{ id: number; title: string; display_name: string; mairie: string | null; n: number }>`
      SELECT b.id AS id, b.title AS title, a.display_name AS display_name, a.mairie AS mairie, count(*) AS n
      FROM ${counted.from} CROSS JOIN adoptions ad
      WHERE ${counted.where} AND ad.bricolage_id = b.id AND ad.agent_id != b.author_id AND ad.created_at >= ${from} AND ad.created_at < ${to}
      GROUP BY b.id, b.title, a.display_name, a.mairie
      ORDER BY n DESC, b.id
      LIMIT 1`.execute(db)
  ).rows[0];
  return row
    ? { id: row.id, title: row.title, authorName: row.display_name, mairie: row.mairie, adoptions: Number(row.n) }
    : null;
}

/**
 * Closes an open défi: claims it (open → closed), freezes its result and records the agents of the
 * winning mairie(s). Null when it was not open (already closed by another instance, unknown).
 * Run it in a transaction: the claim, the result and the winners belong together.
 */
export async function closeChallenge(
  db: DbOrTrx,
  input: { id: number; closedBy: number | null; at?: string },
): Promise<{ challenge: Challenge; result: ChallengeResult; scoreboard: ScoreboardRow[] } | null> {
  const at = input.at ?? nowIso();
  const claimed = await db
    .updateTable('challenges')
    .set({ status: 'closed', closed_by: input.closedBy, closed_at: at })
    .where('id', '=', input.id)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst();
  if (!claimed) return null;
  const scoreboard = await challengeScoreboard(db, claimed);
  const counted = await countedBricolages(db, claimed)
    .select((eb) => [eb.fn.count<number>('b.author_id').distinct().as('agents'), eb.fn.countAll<number>().as('bricolages')])
    .executeTakeFirstOrThrow();
  const winners = winnersOf(scoreboard);
  const result: ChallengeResult = {
    podium: scoreboard.filter((r) => r.rank <= 3).map((r) => ({ mairie: r.mairie, score: r.score, rank: r.rank })),
    winners,
    topBricolage: await mostAdoptedOfChallenge(db, claimed),
    participants: Number(counted.agents),
    bricolages: Number(counted.bricolages),
  };
  await db
    .updateTable('challenges')
    .set({ result: JSON.stringify(result) })
    .where('id', '=', claimed.id)
    .execute();
  if (winners.length > 0) {
    await db
      .insertInto('challenge_winners')
      .columns(['challenge_id', 'agent_id', 'mairie'])
      .expression((eb) =>
        eb
          .selectFrom('agents')
          .select([eb.val(claimed.id).as('challenge_id'), 'id', 'mairie'])
          .where('mairie', 'in', winners),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return { challenge: { ...claimed, result: JSON.stringify(result) }, result, scoreboard };
}

/** The linked published bricolages of a défi, in the order they were linked, a page at a time. */
export async function challengeBricolages(
  db: DbOrTrx,
  challengeId: number,
  page: linked.Page = { limit: 50 },
): Promise<ChallengeBricolage[]> {
  return linked.linkedBricolages(db, 'challenge', challengeId, page);
}

/** One défi as its page shows it: who opened it, its scoreboard, its bricolages (a page of them). */
export interface ChallengeDetail extends ChallengeSummary {
  openedBy: string | null;
  scoreboard: ScoreboardRow[];
  bricolages: ChallengeBricolage[];
}

export async function challengeDetail(
  db: DbOrTrx,
  id: number,
  page: linked.Page = { limit: 50 },
): Promise<ChallengeDetail | undefined> {
  const challenge = await getChallenge(db, id);
  if (!challenge) return undefined;
  const detail = await linked.gatheringDetail(db, 'challenge', id, page);
  return {
    ...summaryOf({ ...challenge, bricolage_count: detail.bricolageCount }),
    openedBy: detail.openedBy,
    scoreboard: await challengeScoreboard(db, challenge),
    bricolages: detail.bricolages,
  };
}

/** The défis a mairie took part in (one of its agents linked a bricolage), latest first. */
export async function challengesOfMairie(
  db: DbOrTrx,
  mairie: string,
  limit = 20,
): Promise<
  { id: number; title: string; status: ChallengeStatus; endsAt: string; closedAt: string | null; rank: number | null }[]
> {
  const rows = await db
    .selectFrom('challenges as c')
    .select(['c.id', 'c.title', 'c.status', 'c.ends_at', 'c.closed_at', 'c.result'])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('challenge_bricolages as cb')
          .innerJoin('bricolages as b', 'b.id', 'cb.bricolage_id')
          .innerJoin('agents as a', 'a.id', 'b.author_id')
          .select('cb.bricolage_id')
          .whereRef('cb.challenge_id', '=', 'c.id')
          .where('b.status', '=', 'published')
          .where('a.mairie', '=', mairie),
      ),
    )
    .orderBy('c.opened_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    endsAt: r.ends_at,
    closedAt: r.closed_at,
    rank: parseResult(r.result)?.podium.find((p) => p.mairie === mairie)?.rank ?? null,
  }));
}

/** Défis closed in a window (the weekly digest tells their results). */
export async function challengesClosedBetween(db: DbOrTrx, window: { from: string; to: string }): Promise<ChallengeSummary[]> {
  const rows = await db
    .selectFrom('challenges')
    .selectAll()
    .where('status', '=', 'closed')
    .where('closed_at', '>=', window.from)
    .where('closed_at', '<', window.to)
    .orderBy('closed_at')
    .execute();
  return rows.map((r) => summaryOf({ ...r, bricolage_count: parseResult(r.result)?.bricolages ?? 0 }));
}

/** The fact behind the "Défi" badge: défis an agent's mairie won while they belonged to it. */
export async function countChallengeWins(db: DbOrTrx, agentId: number): Promise<number> {
  const row = await db
    .selectFrom('challenge_winners')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agent_id', '=', agentId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The défis a bricolage is linked to, whatever their status. */
export async function challengesOfBricolage(
  db: DbOrTrx,
  bricolageId: number,
): Promise<{ id: number; title: string; status: ChallengeStatus }[]> {
  return linked.gatheringsOfBricolage(db, 'challenge', bricolageId);
}
