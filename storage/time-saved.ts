/**
 * Time saved (issue 20), the one place it is stored and added up. Each adoption may carry its
 * agent's estimate in minutes per week (`domain/time-saved.ts` reads the answer); a later report
 * replaces the earlier. A report *counts* when its bricolage is published and its agent is not the
 * author; every figure below is a sum or median of counted reports, given with their number so
 * pages can say they are agents' own estimates ("estimations déclarées par les agents").
 */
import { type RawBuilder, sql } from 'kysely';
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';

export interface Impact {
  /** Sum of the counted reports, minutes per week. */
  minutesPerWeek: number;
  /** Median of one report, minutes per week (the middle two averaged, rounded). */
  medianMinutesPerWeek: number;
  reports: number;
  /** Distinct known mairies the reports come from. */
  mairies: number;
}

export const NO_IMPACT: Impact = Object.freeze({ minutesPerWeek: 0, medianMinutesPerWeek: 0, reports: 0, mairies: 0 });

/** The median of minutes, rounded to the minute (0 for none). */
export function medianOf(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : Math.round(((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2);
}

/** Counted reports as rows `(bricolage_id, agent_id, mairie, minutes, created_at, author_id, author_mairie)`. */
const COUNTED = sql`
  SELECT ad.bricolage_id, ad.agent_id, ad.mairie, ad.minutes_per_week AS minutes, ad.created_at,
         b.author_id, au.mairie AS author_mairie
  FROM adoptions ad
  JOIN bricolages b ON b.id = ad.bricolage_id AND b.status = 'published'
  JOIN agents au ON au.id = b.author_id
  WHERE ad.minutes_per_week IS NOT NULL AND ad.agent_id <> b.author_id`;

/** `(bricolage_id, minutes)` for every bricolage with a counted report: what orders lists by time saved. */
export function minutesByBricolageSql(): RawBuilder<{ bricolage_id: number; minutes: number }> {
  return sql`SELECT r.bricolage_id, sum(r.minutes) AS minutes FROM (${COUNTED}) r GROUP BY r.bricolage_id`;
}

interface CountedRow {
  bricolage_id: number;
  agent_id: number;
  mairie: string | null;
  minutes: number;
  created_at: string;
  author_id: number;
  author_mairie: string | null;
}

function impactOf(rows: readonly { mairie: string | null; minutes: number }[]): Impact {
  if (rows.length === 0) return NO_IMPACT;
  const minutes = rows.map((r) => Number(r.minutes));
  return {
    minutesPerWeek: minutes.reduce((a, b) => a + b, 0),
    medianMinutesPerWeek: medianOf(minutes),
    reports: rows.length,
    mairies: new Set(rows.map((r) => r.mairie).filter((m) => m !== null)).size,
  };
}

export type ReportOutcome = 'saved' | 'noAdoption' | 'own';

/**
 * Records (or replaces) an agent's estimate for their adoption of a bricolage. The author cannot
 * report on their own bricolage; without an adoption there is nothing to attach it to.
 */
export async function reportTimeSaved(
  db: DbOrTrx,
  input: { bricolageId: number; agentId: number; minutesPerWeek: number; at?: string },
): Promise<ReportOutcome> {
  const bricolage = await db.selectFrom('bricolages').select('author_id').where('id', '=', input.bricolageId).executeTakeFirst();
  if (bricolage?.author_id === input.agentId) return 'own';
  const result = await db
    .updateTable('adoptions')
    .set({ minutes_per_week: Math.round(input.minutesPerWeek), time_reported_at: input.at ?? nowIso() })
    .where('bricolage_id', '=', input.bricolageId)
    .where('agent_id', '=', input.agentId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0 ? 'saved' : 'noAdoption';
}

/** The agent's own report on one bricolage, if any (minutes per week). */
export async function reportedMinutes(db: DbOrTrx, bricolageId: number, agentId: number): Promise<number | null> {
  const row = await db
    .selectFrom('adoptions')
    .select('minutes_per_week')
    .where('bricolage_id', '=', bricolageId)
    .where('agent_id', '=', agentId)
    .executeTakeFirst();
  return row?.minutes_per_week ?? null;
}

/** One bricolage's impact (NO_IMPACT without counted reports). */
export async function bricolageImpact(db: DbOrTrx, bricolageId: number): Promise<Impact> {
  const rows = await sql<CountedRow>`SELECT * FROM (${COUNTED}) r WHERE r.bricolage_id = ${bricolageId}`.execute(db);
  return impactOf(rows.rows);
}

/** The impact of several bricolages at once (lists, `/preuves`), by id; missing ids have none. */
export async function impactByBricolage(db: DbOrTrx, ids?: readonly number[]): Promise<Map<number, Impact>> {
  if (ids && ids.length === 0) return new Map();
  const filter = ids ? sql`WHERE r.bricolage_id IN (${sql.join(ids.map((id) => sql`${id}`))})` : sql``;
  const rows = await sql<CountedRow>`SELECT * FROM (${COUNTED}) r ${filter}`.execute(db);
  const grouped = new Map<number, CountedRow[]>();
  for (const row of rows.rows) {
    const list = grouped.get(Number(row.bricolage_id)) ?? [];
    list.push(row);
    grouped.set(Number(row.bricolage_id), list);
  }
  return new Map([...grouped].map(([id, list]) => [id, impactOf(list)]));
}

export interface MairieImpact {
  /** What the mairie's agents report for the bricolages they adopted. */
  adopted: Impact;
  /** What agents of other (known) mairies report for bricolages authored in this mairie. */
  elsewhere: Impact;
}

export async function mairieImpact(db: DbOrTrx, mairie: string): Promise<MairieImpact> {
  const adopted = await sql<CountedRow>`SELECT * FROM (${COUNTED}) r WHERE r.mairie = ${mairie}`.execute(db);
  const elsewhere = await sql<CountedRow>`
    SELECT * FROM (${COUNTED}) r WHERE r.author_mairie = ${mairie} AND r.mairie IS NOT NULL AND r.mairie <> ${mairie}`.execute(
    db,
  );
  return { adopted: impactOf(adopted.rows), elsewhere: impactOf(elsewhere.rows) };
}

/** What an author's bricolages save their colleagues (all their published bricolages). */
export async function authorImpact(db: DbOrTrx, authorId: number): Promise<Impact> {
  const rows = await sql<CountedRow>`SELECT * FROM (${COUNTED}) r WHERE r.author_id = ${authorId}`.execute(db);
  return impactOf(rows.rows);
}

export interface OverallImpact extends Impact {
  /** Bricolages with at least one counted report. */
  bricolages: number;
}

export async function overallImpact(db: DbOrTrx): Promise<OverallImpact> {
  const rows = await sql<CountedRow>`SELECT * FROM (${COUNTED}) r`.execute(db);
  return { ...impactOf(rows.rows), bricolages: new Set(rows.rows.map((r) => Number(r.bricolage_id))).size };
}

export interface MonthImpact {
  /** `YYYY-MM` (UTC). */
  month: string;
  /** Time saved per week by the adoptions made up to the end of the month (current reports). */
  minutesPerWeek: number;
  /** Reports behind it. */
  reports: number;
  /** Of which, adoptions made in this month. */
  newReports: number;
}

/**
 * Month by month, from the first adoption with a report to `now`: the weekly time saved by every
 * adoption made by the end of the month, as its agent reports it today (a report is dated by its
 * adoption, since that is when the time started to be saved).
 */
export async function impactByMonth(db: DbOrTrx, now: Date = new Date()): Promise<MonthImpact[]> {
  const rows = await sql<{ month: string; minutes: number; reports: number }>`
    SELECT substr(r.created_at, 1, 7) AS month, sum(r.minutes) AS minutes, count(*) AS reports
    FROM (${COUNTED}) r GROUP BY month ORDER BY month`.execute(db);
  const first = rows.rows[0];
  if (!first) return [];
  const byMonth = new Map(rows.rows.map((r) => [r.month, r]));
  const months: MonthImpact[] = [];
  let [year, month] = first.month.split('-').map(Number) as [number, number];
  const last = now.toISOString().slice(0, 7);
  let minutes = 0;
  let reports = 0;
  for (let key = first.month; key <= last || months.length === 0; ) {
    const row = byMonth.get(key);
    minutes += Number(row?.minutes ?? 0);
    reports += Number(row?.reports ?? 0);
    months.push({ month: key, minutesPerWeek: minutes, reports, newReports: Number(row?.reports ?? 0) });
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
    key = `${year}-${String(month).padStart(2, '0')}`;
  }
  return months;
}

/** Reports made (or replaced) in `[from, to)`: what the weekly digest tells. */
export async function impactReportedBetween(db: DbOrTrx, from: string, to: string): Promise<Impact> {
  const rows = await sql<CountedRow>`
    SELECT r.* FROM (${COUNTED}) r JOIN adoptions ad ON ad.bricolage_id = r.bricolage_id AND ad.agent_id = r.agent_id
    WHERE ad.time_reported_at >= ${from} AND ad.time_reported_at < ${to}`.execute(db);
  return impactOf(rows.rows);
}
