/**
 * Likely duplicates for the animateur's dashboard: pairs of bricolages from different mairies, both
 * published in the window, whose score reaches DUPLICATE_THRESHOLD. Each is a chance to link them or
 * to open a workshop on that problem. The newest SCANNED bricolages of the window are each compared
 * with the index (a few milliseconds each), so the dashboard stays quick whatever the window holds.
 */
import type { DbOrTrx } from '../db.js';
import { DUPLICATE_THRESHOLD, findSimilar } from './similar.js';

const SCANNED = 200;
const DAY = 86_400_000;

export interface DuplicatePair {
  a: { id: number; title: string };
  b: { id: number; title: string };
  score: number;
}

/** The likely duplicate pairs of the last `days` days, highest score first. */
export async function likelyDuplicates(db: DbOrTrx, options: { now?: Date; days?: number } = {}): Promise<DuplicatePair[]> {
  const since = new Date((options.now ?? new Date()).getTime() - (options.days ?? 30) * DAY).toISOString();
  const recent = await db
    .selectFrom('bricolages as b')
    .innerJoin('agents as a', 'a.id', 'b.author_id')
    .select(['b.id', 'b.title', 'b.problem', 'b.category', 'a.mairie'])
    .where('b.status', '=', 'published')
    .where('b.published_at', '>=', since)
    .where('a.mairie', 'is not', null)
    .orderBy('b.published_at', 'desc')
    .limit(SCANNED)
    .execute();
  const byId = new Map(recent.map((r) => [r.id, r]));
  const pairs = new Map<string, DuplicatePair>();
  for (const source of recent) {
    const matches = await findSimilar(db, source, { limit: 5, threshold: DUPLICATE_THRESHOLD, excludeIds: [source.id] });
    for (const m of matches) {
      const other = byId.get(m.id);
      if (!other || other.mairie === source.mairie) continue;
      const [a, b] = source.id < other.id ? [source, other] : [other, source];
      const key = `${a.id}-${b.id}`;
      if ((pairs.get(key)?.score ?? 0) >= m.score) continue;
      pairs.set(key, { a: { id: a.id, title: a.title }, b: { id: b.id, title: b.title }, score: m.score });
    }
  }
  return [...pairs.values()].sort((x, y) => y.score - x.score || y.b.id - x.b.id);
}
