/**
 * The referent's list behind `/preuves` (page, JSON, CSV, printable report): proven bricolages and
 * proposals, filtered, ordered by reach and paged in SQL; then, for the page's rows only, the
 * adopting mairies with dates, feedback quotes and the proposal's dated notes.
 */
import { sql } from 'kysely';
import type { DbOrTrx } from '../db.js';
import { type ProposalEvent, proposalEvents } from '../proposals.js';
import { countedAdoptionSql, reachByBricolageSql } from '../proven.js';
import type { ProposalStatus } from '../schema.js';
import { type Impact, impactByBricolage, minutesByBricolageSql, NO_IMPACT } from '../time-saved.js';

/** `unproposed`: proven, not proposed yet. */
export type ProvenStatusFilter = 'unproposed' | ProposalStatus;
/** `reach`: widest reach first (the default); `timeSaved`: most time saved per week first (issue 20). */
export type ProvenSort = 'reach' | 'timeSaved';
export const PROVEN_SORTS: readonly ProvenSort[] = ['reach', 'timeSaved'];

export const PROVEN_STATUS_FILTERS: readonly ProvenStatusFilter[] = [
  'unproposed',
  'proposed',
  'studying',
  'deployed',
  'rejected',
];

export interface ProvenQuery {
  /** `PROVEN_MIN_MAIRIES`. */
  min: number;
  category?: string;
  status?: ProvenStatusFilter;
  /** Proven ones only (the home page's row), leaving out proposals that are not proven. */
  provenOnly?: boolean;
  sort?: ProvenSort;
  limit: number;
  offset?: number;
}

export interface ProvenRow {
  id: number;
  title: string;
  category: string;
  author: { id: number; name: string; mairie: string | null };
  /** Distinct other mairies that adopted it (0 while none left feedback). */
  reach: number;
  proven: boolean;
  likeCount: number;
  commentCount: number;
  adoptionCount: number;
  proposal: { status: ProposalStatus; updatedAt: string; events: ProposalEvent[] } | null;
  /** The counted mairies, first adoption first. */
  mairies: { mairie: string; firstAt: string; agents: number }[];
  /** Feedback left with adoptions (any mairie), oldest first, at most `QUOTES` per bricolage. */
  quotes: { agentName: string; mairie: string | null; text: string; at: string }[];
  /** Time saved as the adopting agents report it (`storage/time-saved.ts`). */
  impact: Impact;
}

const QUOTES = 5;

export async function listProven(db: DbOrTrx, query: ProvenQuery): Promise<{ rows: ProvenRow[]; total: number }> {
  const category = query.category ? sql`AND b.category = ${query.category}` : sql``;
  const status =
    query.status === 'unproposed' ? sql`AND p.bricolage_id IS NULL` : query.status ? sql`AND p.status = ${query.status}` : sql``;
  const result = await sql<{
    id: number;
    title: string;
    category: string;
    author_id: number;
    display_name: string;
    mairie: string | null;
    reach: number;
    like_count: number;
    comment_count: number;
    adoption_count: number;
    p_status: ProposalStatus | null;
    p_updated: string | null;
    total: number;
  }>`
    WITH reach AS (${reachByBricolageSql()}),
    r AS (
      SELECT bricolage_id AS id, reach FROM reach WHERE reach >= ${query.min}
      UNION
      SELECT p.bricolage_id, coalesce((SELECT reach FROM reach WHERE reach.bricolage_id = p.bricolage_id), 0) FROM proposals p
    )
    SELECT b.id, b.title, b.category, b.author_id, a.display_name, a.mairie, r.reach,
      s.like_count, s.comment_count, s.adoption_count, p.status AS p_status, p.updated_at AS p_updated,
      count(*) OVER () AS total
    FROM r JOIN bricolages b ON b.id = r.id JOIN agents a ON a.id = b.author_id
      JOIN bricolage_stats s ON s.bricolage_id = b.id LEFT JOIN proposals p ON p.bricolage_id = b.id
      ${query.sort === 'timeSaved' ? sql`LEFT JOIN (${minutesByBricolageSql()}) ts ON ts.bricolage_id = b.id` : sql``}
    WHERE b.status = 'published' ${category} AND (r.reach >= ${query.min} OR p.bricolage_id IS NOT NULL) ${status}
      ${query.provenOnly ? sql`AND r.reach >= ${query.min}` : sql``}
    ORDER BY ${query.sort === 'timeSaved' ? sql`coalesce(ts.minutes, 0) DESC,` : sql``} r.reach DESC, s.adoption_count DESC, s.like_count DESC, b.id DESC
    LIMIT ${query.limit} OFFSET ${query.offset ?? 0}`.execute(db);
  const ids = result.rows.map((r) => r.id);
  const [mairies, quotes, events, impacts] = await Promise.all([
    adoptingMairies(db, ids),
    feedbackQuotes(db, ids),
    proposalEvents(db, ids),
    impactByBricolage(db, ids),
  ]);
  return {
    rows: result.rows.map((r) => ({
      id: r.id,
      title: r.title,
      category: r.category,
      author: { id: r.author_id, name: r.display_name, mairie: r.mairie },
      reach: Number(r.reach),
      proven: Number(r.reach) >= query.min,
      likeCount: Number(r.like_count),
      commentCount: Number(r.comment_count),
      adoptionCount: Number(r.adoption_count),
      proposal:
        r.p_status && r.p_updated
          ? { status: r.p_status, updatedAt: r.p_updated, events: events.filter((e) => e.bricolageId === r.id) }
          : null,
      mairies: mairies.filter((m) => m.bricolageId === r.id).map(({ bricolageId: _, ...m }) => m),
      quotes: quotes.filter((q) => q.bricolageId === r.id).map(({ bricolageId: _, ...q }) => q),
      impact: impacts.get(r.id) ?? NO_IMPACT,
    })),
    total: Number(result.rows[0]?.total ?? (query.offset ? await countProven(db, query) : 0)),
  };
}

/** How many rows the query has in all (a page past the end still says how many there are). */
async function countProven(db: DbOrTrx, query: ProvenQuery): Promise<number> {
  const first = await listProven(db, { ...query, limit: 1, offset: 0 });
  return first.total;
}

async function adoptingMairies(db: DbOrTrx, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await sql<{ bricolage_id: number; mairie: string; first_at: string; agents: number }>`
    SELECT ad.bricolage_id, ad.mairie, min(ad.created_at) AS first_at, count(DISTINCT ad.agent_id) AS agents
    FROM adoptions ad JOIN bricolages b ON b.id = ad.bricolage_id JOIN agents au ON au.id = b.author_id
    WHERE ad.bricolage_id IN (${sql.join(ids)}) AND ${countedAdoptionSql('ad', 'au', 'b')}
    GROUP BY ad.bricolage_id, ad.mairie
    ORDER BY ad.bricolage_id, first_at, ad.mairie`.execute(db);
  return rows.rows.map((r) => ({ bricolageId: r.bricolage_id, mairie: r.mairie, firstAt: r.first_at, agents: Number(r.agents) }));
}

async function feedbackQuotes(db: DbOrTrx, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await sql<{
    bricolage_id: number;
    display_name: string;
    mairie: string | null;
    feedback: string;
    created_at: string;
  }>`
    SELECT bricolage_id, display_name, mairie, feedback, created_at FROM (
      SELECT ad.bricolage_id, a.display_name, ad.mairie, ad.feedback, ad.created_at,
        row_number() OVER (PARTITION BY ad.bricolage_id ORDER BY ad.created_at, ad.id) AS n
      FROM adoptions ad JOIN agents a ON a.id = ad.agent_id
      WHERE ad.bricolage_id IN (${sql.join(ids)}) AND trim(coalesce(ad.feedback, '')) <> ''
    ) q WHERE n <= ${QUOTES}
    ORDER BY bricolage_id, created_at`.execute(db);
  return rows.rows.map((r) => ({
    bricolageId: r.bricolage_id,
    agentName: r.display_name,
    mairie: r.mairie,
    text: r.feedback.trim(),
    at: r.created_at,
  }));
}
