/** Aggregates behind the gallery's `/stats` page, each one grouped in SQL. */
import { sql } from 'kysely';
import type { DbOrTrx } from '../db.js';

export interface MonthlyStats {
  /** "2026-11", oldest first, the last `months` months (months without activity included). */
  months: string[];
  bricolages: number[];
  likes: number[];
  comments: number[];
}

function lastMonths(count: number, now: Date): string[] {
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (count - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

export async function monthlyStats(db: DbOrTrx, months = 12, now = new Date()): Promise<MonthlyStats> {
  const keys = lastMonths(months, now);
  const since = `${keys[0]}-01`;
  const grouped = async (query: Promise<{ rows: { m: string; n: number }[] }>) => {
    const byMonth = new Map((await query).rows.map((r) => [r.m, Number(r.n)]));
    return keys.map((k) => byMonth.get(k) ?? 0);
  };
  const [bricolages, likes, comments] = await Promise.all([
    grouped(
      sql<{ m: string; n: number }>`SELECT substr(published_at, 1, 7) AS m, count(*) AS n FROM bricolages
        WHERE status = 'published' AND published_at >= ${since} GROUP BY m`.execute(db),
    ),
    grouped(
      sql<{ m: string; n: number }>`SELECT substr(created_at, 1, 7) AS m, count(*) AS n FROM likes
        WHERE created_at >= ${since} GROUP BY m`.execute(db),
    ),
    grouped(
      sql<{ m: string; n: number }>`SELECT substr(created_at, 1, 7) AS m, count(*) AS n FROM comments
        WHERE status = 'visible' AND created_at >= ${since} GROUP BY m`.execute(db),
    ),
  ]);
  return { months: keys, bricolages, likes, comments };
}

/** Published bricolages per author mairie (stored slug; null for agents without one). */
export async function contributionsByMairie(db: DbOrTrx): Promise<{ mairie: string | null; count: number }[]> {
  const rows = await sql<{ mairie: string | null; n: number }>`
    SELECT a.mairie AS mairie, count(*) AS n FROM bricolages b JOIN agents a ON a.id = b.author_id
    WHERE b.status = 'published' GROUP BY a.mairie`.execute(db);
  return rows.rows.map((r) => ({ mairie: r.mairie, count: Number(r.n) }));
}

/** Adoptions between mairies: from the author's mairie to the adopting one. */
export async function adoptionFlows(db: DbOrTrx): Promise<{ from: string | null; to: string | null; count: number }[]> {
  const rows = await sql<{ from_mairie: string | null; to_mairie: string | null; n: number }>`
    SELECT a.mairie AS from_mairie, ad.mairie AS to_mairie, count(*) AS n
    FROM adoptions ad JOIN bricolages b ON b.id = ad.bricolage_id JOIN agents a ON a.id = b.author_id
    WHERE b.status = 'published' GROUP BY a.mairie, ad.mairie`.execute(db);
  return rows.rows.map((r) => ({ from: r.from_mairie, to: r.to_mairie, count: Number(r.n) }));
}
