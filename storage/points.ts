/**
 * Points from stored facts. `loadAgentFacts` reads one agent's facts for `domain/scoring.ts`
 * (profiles, portraits, announcements); `leaderboard` computes the same rules in SQL, grouped and
 * paged in the database, so a ranking over 100,000 likes never loads rows into JS. A test proves the
 * two agree on a random history. The anonymous author `oublie-moi` leaves is nobody: it has no
 * facts, no points, no rank.
 */

import { type RawBuilder, sql } from 'kysely';
import {
  type AgentFacts,
  COMMENTS_COUNTED_PER_DAY,
  isOtherMairie,
  NO_FACTS,
  POINTS,
  PROVEN_MIN_MAIRIES_DEFAULT,
} from '../domain/scoring.js';
import { ANONYMOUS_AGENT } from './agents.js';
import { countChallengeWins } from './challenges.js';
import type { DbOrTrx } from './db.js';
import { countedLikes } from './likes.js';
import { countProvenByAuthor } from './proven.js';
import { authorImpact } from './time-saved.js';
import { countWorkshopContributions } from './workshops.js';

/** `all` is all time; `week` and `month` are the last 7 and 30 days before `now`. */
export type Period = 'week' | 'month' | 'all';

const PERIOD_DAYS: Record<Exclude<Period, 'all'>, number> = { week: 7, month: 30 };

/** The ISO instant a period starts at (`''` for all time: every stored timestamp is after it). */
export function periodStart(period: Period, now: Date = new Date()): string {
  if (period === 'all') return '';
  return new Date(now.getTime() - PERIOD_DAYS[period] * 86_400_000).toISOString();
}

/** One agent's facts since `since` (ISO; all time by default). The badge facts are always all time. */
export async function loadAgentFacts(
  db: DbOrTrx,
  agentId: number,
  since = '',
  provenMin = PROVEN_MIN_MAIRIES_DEFAULT,
): Promise<AgentFacts> {
  const agent = await db.selectFrom('agents').select('platform').where('id', '=', agentId).executeTakeFirst();
  if (agent?.platform === ANONYMOUS_AGENT.platform) return NO_FACTS;
  const published = await db
    .selectFrom('bricolages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('author_id', '=', agentId)
    .where('status', '=', 'published')
    .where('published_at', '>=', since)
    .executeTakeFirstOrThrow();

  const likes = await db
    .selectFrom(countedLikes(db).where('b.author_id', '=', agentId).where('b.status', '=', 'published').as('cl'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('cl.at', '>=', since)
    .executeTakeFirstOrThrow();

  const commentsReceived = await db
    .selectFrom('comments as c')
    .innerJoin('bricolages as b', 'b.id', 'c.bricolage_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('b.author_id', '=', agentId)
    .where('b.status', '=', 'published')
    .where('c.status', '=', 'visible')
    .where('c.author_id', '<>', agentId)
    .where('c.created_at', '>=', since)
    .executeTakeFirstOrThrow();

  const adoptionsReceived = await db
    .selectFrom('adoptions as ad')
    .innerJoin('bricolages as b', 'b.id', 'ad.bricolage_id')
    .innerJoin('agents as author', 'author.id', 'b.author_id')
    .select(['ad.mairie as adopter_mairie', 'author.mairie as author_mairie'])
    .where('b.author_id', '=', agentId)
    .where('b.status', '=', 'published')
    .where('ad.agent_id', '<>', agentId)
    .where('ad.created_at', '>=', since)
    .execute();
  const other = adoptionsReceived.filter((a) => isOtherMairie(a.adopter_mairie, a.author_mairie)).length;

  const perDay = await db
    .selectFrom('comments as c')
    .innerJoin('bricolages as b', 'b.id', 'c.bricolage_id')
    .select((eb) => [sql<string>`substr(c.created_at, 1, 10)`.as('day'), eb.fn.countAll<number>().as('n')])
    .where('c.author_id', '=', agentId)
    .where('b.author_id', '<>', agentId)
    .where('b.status', '=', 'published')
    .where('c.status', '=', 'visible')
    .where('c.created_at', '>=', since)
    .groupBy('day')
    .execute();

  const adoptedByAgent = await db
    .selectFrom('adoptions as ad')
    .innerJoin('bricolages as b', 'b.id', 'ad.bricolage_id')
    .innerJoin('agents as author', 'author.id', 'b.author_id')
    .select(['ad.feedback', 'ad.created_at', 'ad.mairie as adopter_mairie', 'author.mairie as author_mairie'])
    .where('ad.agent_id', '=', agentId)
    .where('b.author_id', '<>', agentId)
    .where('b.status', '=', 'published')
    .execute();

  return {
    published: Number(published.n),
    likesReceived: Number(likes.n),
    commentsReceived: Number(commentsReceived.n),
    adoptionsSameMairie: adoptionsReceived.length - other,
    adoptionsOtherMairie: other,
    commentsWrittenPerDay: perDay.map((d) => Number(d.n)),
    adoptionsWithFeedback: adoptedByAgent.filter((a) => a.created_at >= since && Boolean(a.feedback?.trim())).length,
    adoptedFromOtherMairies: adoptedByAgent.filter((a) => isOtherMairie(a.adopter_mairie, a.author_mairie)).length,
    workshopContributions: await countWorkshopContributions(db, agentId),
    provenBricolages: await countProvenByAuthor(db, agentId, provenMin),
    minutesSavedPerWeek: (await authorImpact(db, agentId)).minutesPerWeek,
    challengesWon: await countChallengeWins(db, agentId),
  };
}

/**
 * `(agent_id, points)` for every agent with facts since `since`: the rules of `scoring.ts` in SQL.
 * Each part is one grouped scan; nothing is loaded into JS.
 */
function pointsByAgent(db: DbOrTrx, since: string): RawBuilder<unknown> {
  const likes = countedLikes(db);
  return sql`
    b as (select id, author_id from bricolages where status = 'published'),
    parts as (
      select author_id as agent_id, count(*) * ${sql.lit(POINTS.publish)} as pts
        from bricolages where status = 'published' and published_at >= ${since} group by author_id
      union all
      select b.author_id, count(*) * ${sql.lit(POINTS.likeReceived)}
        from (${likes}) l join b on b.id = l.bricolage_id
        where l.at >= ${since} group by b.author_id
      union all
      select b.author_id, count(*) * ${sql.lit(POINTS.commentReceived)}
        from comments c join b on b.id = c.bricolage_id
        where c.status = 'visible' and c.author_id <> b.author_id and c.created_at >= ${since} group by b.author_id
      union all
      select b.author_id, sum(case when ad.mairie is not null and au.mairie is not null and ad.mairie <> au.mairie
                                   then ${sql.lit(POINTS.adoptionOtherMairie)} else ${sql.lit(POINTS.adoptionSameMairie)} end)
        from adoptions ad join b on b.id = ad.bricolage_id join agents au on au.id = b.author_id
        where ad.agent_id <> b.author_id and ad.created_at >= ${since} group by b.author_id
      union all
      select agent_id, sum(case when n < ${sql.lit(COMMENTS_COUNTED_PER_DAY)} then n else ${sql.lit(COMMENTS_COUNTED_PER_DAY)} end) * ${sql.lit(POINTS.commentWritten)}
        from (select c.author_id as agent_id, substr(c.created_at, 1, 10) as day, count(*) as n
                from comments c join b on b.id = c.bricolage_id
                where c.status = 'visible' and c.author_id <> b.author_id and c.created_at >= ${since}
                group by c.author_id, day) per_day
        group by agent_id
      union all
      select ad.agent_id, count(*) * ${sql.lit(POINTS.adoptionFeedback)}
        from adoptions ad join b on b.id = ad.bricolage_id
        where ad.feedback is not null and trim(ad.feedback) <> '' and ad.agent_id <> b.author_id
          and ad.created_at >= ${since}
        group by ad.agent_id
    ),
    totals as (
      select p.agent_id, sum(p.pts) as points from parts p join agents a on a.id = p.agent_id
        where a.platform <> ${ANONYMOUS_AGENT.platform} group by p.agent_id
    )`;
}

export interface LeaderboardQuery {
  period: Period;
  /** 1-based page. */
  page?: number;
  pageSize?: number;
  /** The end of the period (tests); now by default. */
  now?: Date;
}

export interface Page<T> {
  rows: T[];
  /** How many ranked entries exist in all pages. */
  total: number;
  page: number;
  pageSize: number;
}

export interface AgentRank {
  rank: number;
  agentId: number;
  name: string;
  /** The stored mairie (slug, or a legacy value); `mairieLabel` shows it. */
  mairie: string | null;
  points: number;
}

export interface MairieRank {
  rank: number;
  /** The stored mairie (slug, or a legacy value). */
  mairie: string;
  points: number;
  /** Agents of this mairie with points in the period. */
  agents: number;
}

function paging(query: LeaderboardQuery): { page: number; pageSize: number; offset: number } {
  const pageSize = Math.min(Math.max(Math.trunc(query.pageSize ?? 20), 1), 100);
  const page = Math.max(Math.trunc(query.page ?? 1), 1);
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** Agents ranked by points earned in the period (only those with points), best first, ties by id. */
export async function agentLeaderboard(db: DbOrTrx, query: LeaderboardQuery): Promise<Page<AgentRank>> {
  const { page, pageSize, offset } = paging(query);
  const since = periodStart(query.period, query.now);
  const result = await sql<{ id: number; display_name: string; mairie: string | null; points: number; total: number }>`
    with ${pointsByAgent(db, since)}
    select a.id, a.display_name, a.mairie, t.points, count(*) over () as total
      from totals t join agents a on a.id = t.agent_id
      where t.points > 0
      order by t.points desc, a.id
      limit ${pageSize} offset ${offset}`.execute(db);
  return {
    rows: result.rows.map((r, i) => ({
      rank: offset + i + 1,
      agentId: r.id,
      name: r.display_name,
      mairie: r.mairie,
      points: Number(r.points),
    })),
    total: Number(result.rows[0]?.total ?? (offset > 0 ? await countRanked(db, since, 'agent') : 0)),
    page,
    pageSize,
  };
}

/** Mairies ranked by the points their agents earned in the period, best first. */
export async function mairieLeaderboard(db: DbOrTrx, query: LeaderboardQuery): Promise<Page<MairieRank>> {
  const { page, pageSize, offset } = paging(query);
  const since = periodStart(query.period, query.now);
  const result = await sql<{ mairie: string; points: number; agents: number; total: number }>`
    with ${pointsByAgent(db, since)}
    select a.mairie, sum(t.points) as points, count(*) as agents, count(*) over () as total
      from totals t join agents a on a.id = t.agent_id
      where a.mairie is not null and t.points > 0
      group by a.mairie
      order by points desc, a.mairie
      limit ${pageSize} offset ${offset}`.execute(db);
  return {
    rows: result.rows.map((r, i) => ({
      rank: offset + i + 1,
      mairie: r.mairie,
      points: Number(r.points),
      agents: Number(r.agents),
    })),
    total: Number(result.rows[0]?.total ?? (offset > 0 ? await countRanked(db, since, 'mairie') : 0)),
    page,
    pageSize,
  };
}

/** The number of ranked entries, for a page past the end. */
async function countRanked(db: DbOrTrx, since: string, by: 'agent' | 'mairie'): Promise<number> {
  const result =
    by === 'agent'
      ? await sql<{ n: number }>`with ${pointsByAgent(db, since)} select count(*) as n from totals where points > 0`.execute(db)
      : await sql<{ n: number }>`
          with ${pointsByAgent(db, since)}
          select count(distinct a.mairie) as n from totals t join agents a on a.id = t.agent_id
          where a.mairie is not null and t.points > 0`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/** One agent's points in the period, computed by the same SQL as the leaderboards. */
export async function agentPointsSql(db: DbOrTrx, agentId: number, period: Period = 'all', now?: Date): Promise<number> {
  const result = await sql<{ points: number }>`
    with ${pointsByAgent(db, periodStart(period, now))}
    select points from totals where agent_id = ${agentId}`.execute(db);
  return Number(result.rows[0]?.points ?? 0);
}

/**
 * Agents whose points or badges may have changed since `since` (ISO): authors whose bricolages were
 * published, liked, commented or adopted, and agents who commented or adopted. One indexed query each.
 */
export async function agentsWithFactsSince(db: DbOrTrx, since: string): Promise<number[]> {
  const result = await sql<{ agent_id: number }>`
    select agent_id from (
    select author_id as agent_id from bricolages where status = 'published' and published_at >= ${since}
    union select b.author_id from likes l join bricolages b on b.id = l.bricolage_id where l.created_at >= ${since}
    union select b.author_id from comments c join bricolages b on b.id = c.bricolage_id where c.created_at >= ${since}
    union select author_id from comments where created_at >= ${since}
    union select b.author_id from adoptions ad join bricolages b on b.id = ad.bricolage_id where ad.created_at >= ${since}
    union select agent_id from adoptions where created_at >= ${since}
    union select b.author_id from workshop_bricolages wb join bricolages b on b.id = wb.bricolage_id where wb.linked_at >= ${since}
    ) facts where agent_id not in (select id from agents where platform = ${ANONYMOUS_AGENT.platform})`.execute(db);
  return result.rows.map((r) => r.agent_id);
}
