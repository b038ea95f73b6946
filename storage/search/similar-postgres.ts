/**
 * The two index reads of the similarity score (`similar.ts`) on PostgreSQL's text search: each stem's
 * share of the indexed bricolages, and the candidates holding the rarer stems, best first. The
 * document (`bricolage_search`) is already stemmed by the French stemmer, so a stem is looked up as
 * a prefix of the document's lexemes, in the title (A), problem (B) and steps (D) only, as FTS5's
 * `{title problem steps}` column filter does.
 */
import { sql } from 'kysely';
import type { DbOrTrx } from '../db.js';

/** As FTS5's `termShares`: exact up to this many matches, estimated from their id span past it. */
const SHARE_SAMPLE = 100;
/** ts_rank's weights in its order D (steps), C (category, author), B (problem), A (title): bm25's 1, 0, 3, 3. */
const WEIGHTS = '{0.33, 0, 1.0, 1.0}';

/**
 * A stem as a `to_tsquery` prefix term restricted to title, problem and steps. Stems are letters and
 * digits only (`domain/similar-words.ts`); anything else is dropped, so no operator can be injected.
 */
function tsTerm(stem: string): string {
  const word = stem.replace(/[^\p{L}\p{N}]/gu, '');
  return word ? `'${word}':*ABD` : '';
}

/** Each stem's share of the indexed bricolages and the index's id span (see fts5.ts's `termShares`). */
export async function stemSharesPostgres(db: DbOrTrx, stems: string[]): Promise<{ rowids: number; shares: number[] }> {
  if (stems.length === 0) return { rowids: 0, shares: [] };
  const samples = stems.map(
    (stem) => sql`(SELECT json_build_array(count(*), max(id)) FROM (
      SELECT bricolage_id AS id FROM bricolage_search WHERE document @@ to_tsquery('bricoleur_fr', ${tsTerm(stem) || "''"})
      ORDER BY bricolage_id LIMIT ${SHARE_SAMPLE + 1}) s)`,
  );
  const result = await sql<{ first: number | null; last: number | null; samples: [number, number | null][] }>`
    SELECT (SELECT min(bricolage_id) FROM bricolage_search) AS first, (SELECT max(bricolage_id) FROM bricolage_search) AS last,
      json_build_array(${sql.join(samples)}) AS samples`.execute(db);
  const row = result.rows[0];
  const first = Number(row?.first ?? 0);
  const rowids = row?.last == null ? 0 : Math.max(1, Number(row.last) - first + 1);
  const shares = (row?.samples ?? []).map(([n, last]) =>
    n <= SHARE_SAMPLE ? n / Math.max(1, rowids) : n / Math.max(n, Number(last ?? first) - first + 1),
  );
  return { rowids, shares };
}

/**
 * The candidates: with `ranked`, the bricolages holding any of them, best first by ts_rank; else
 * (only common stems) the newest holding all of them.
 */
export async function similarCandidatesPostgres(
  db: DbOrTrx,
  stems: string[],
  ranked: boolean,
  limit: number,
): Promise<{ id: number; steps: string }[]> {
  const terms = stems.map(tsTerm).filter(Boolean);
  if (terms.length === 0) return [];
  const query = terms.join(ranked ? ' | ' : ' & ');
  const rows = ranked
    ? await sql<{ id: number; steps: string }>`
      SELECT bricolage_id AS id, steps FROM bricolage_search
      WHERE document @@ to_tsquery('bricoleur_fr', ${query})
      ORDER BY ts_rank(${WEIGHTS}, document, to_tsquery('bricoleur_fr', ${query}), 1) DESC, bricolage_id DESC
      LIMIT ${limit}`.execute(db)
    : await sql<{ id: number; steps: string }>`
      SELECT bricolage_id AS id, steps FROM bricolage_search
      WHERE document @@ to_tsquery('bricoleur_fr', ${query})
      ORDER BY bricolage_id DESC LIMIT ${limit}`.execute(db);
  return rows.rows;
}
