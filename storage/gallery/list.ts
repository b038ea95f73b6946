/**
 * Read-only lists behind the gallery: every list is filtered, sorted, paged and counted in SQL, with
 * counts read from `bricolage_stats` (kept by triggers), never by loading every row.
 */
import type { SelectQueryBuilder } from 'kysely';
import type { DbOrTrx } from '../db.js';
import { unindexed } from '../dialect.js';
import { countedLikes } from '../likes.js';
import { provenReachSql } from '../proven.js';
import type { Database } from '../schema.js';

export interface StoredPhoto {
  hash: string;
  width: number;
  height: number;
  widths: number[];
}

export interface SummaryRow {
  id: number;
  title: string;
  problem: string;
  category: string;
  featured: boolean;
  createdAt: string;
  publishedAt: string;
  author: { id: number; name: string; mairie: string | null };
  likeCount: number;
  commentCount: number;
  adoptionCount: number;
  /** Other mairies that adopted it, with feedback (`storage/proven.ts`): proven from a threshold on. */
  provenReach: number;
  cover: StoredPhoto | null;
}

export type SortKey = 'recent' | 'likes' | 'comments' | 'adoptions';
export const SORT_KEYS: readonly SortKey[] = ['recent', 'likes', 'comments', 'adoptions'];

export interface ListFilter {
  category?: string;
  /** The author's mairie as stored. */
  mairie?: string;
  authorId?: number;
  featuredOnly?: boolean;
  /** Only these ids (a search result page), in any order. */
  ids?: number[];
  /** Only bricolages linked to this atelier de débogage. */
  workshopId?: number;
}

/** A stored widths column ("[400,800]") as numbers, narrowest first; [] when unreadable. */
export function parseWidths(raw: string): number[] {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return [...new Set(parsed.filter((w): w is number => Number.isInteger(w) && w > 0))].sort((a, b) => a - b);
  } catch {
    return [];
  }
}

export function toPhoto(row: { hash: string; width: number; height: number; widths: string }): StoredPhoto | null {
  const widths = parseWidths(row.widths);
  return widths.length > 0 ? { hash: row.hash, width: row.width, height: row.height, widths } : null;
}

type Joined = SelectQueryBuilder<
  Database & { b: Database['bricolages']; a: Database['agents']; s: Database['bricolage_stats'] },
  'b' | 'a' | 's',
  object
>;

function published(db: DbOrTrx, filter: ListFilter, sort: SortKey = 'recent'): Joined {
  const narrow = Boolean(
    filter.category || filter.mairie || filter.authorId !== undefined || filter.featuredOnly || filter.ids || filter.workshopId,
  );
  let q = db
    .selectFrom('bricolages as b')
    .innerJoin('agents as a', 'a.id', 'b.author_id')
    .innerJoin('bricolage_stats as s', 's.bricolage_id', 'b.id') as unknown as Joined;
  // "+b.status" keeps SQLite off the status index when another path is better: walking a count index
  // in order (sorted by a count over everything, stopping after one page), or looking up a few ids
  // or one author's rows (left alone, the planner would scan every published row).
  const selective = Boolean(filter.ids || filter.authorId !== undefined);
  q =
    selective || (sort !== 'recent' && !narrow)
      ? q.where(unindexed(db, 'b.status'), '=', 'published')
      : q.where('b.status', '=', 'published');
  if (filter.category) q = q.where('b.category', '=', filter.category);
  if (filter.mairie) q = q.where('a.mairie', '=', filter.mairie);
  if (filter.authorId !== undefined) q = q.where('b.author_id', '=', filter.authorId);
  if (filter.featuredOnly) q = q.where('b.featured', '=', 1);
  if (filter.ids) q = q.where('b.id', 'in', filter.ids.length > 0 ? filter.ids : [0]);
  if (filter.workshopId !== undefined) q = q.where('b.id', 'in', inWorkshop(db, filter.workshopId));
  return q;
}

function inWorkshop(db: DbOrTrx, workshopId: number) {
  return db.selectFrom('workshop_bricolages').select('bricolage_id').where('workshop_id', '=', workshopId);
}

function sorted(q: Joined, sort: SortKey): Joined {
  switch (sort) {
    case 'likes':
      return q.orderBy('s.like_count', 'desc').orderBy('s.bricolage_id', 'desc');
    case 'comments':
      return q.orderBy('s.comment_count', 'desc').orderBy('s.bricolage_id', 'desc');
    case 'adoptions':
      return q.orderBy('s.adoption_count', 'desc').orderBy('s.bricolage_id', 'desc');
    default:
      return q.orderBy('b.published_at', 'desc').orderBy('b.id', 'desc');
  }
}

/** `ids`: the bricolages asked for, when known, so that their covers are read alongside (one round trip less). */
async function summaries(db: DbOrTrx, q: Joined, ids?: number[]): Promise<SummaryRow[]> {
  const selected = q
    .select([
      'b.id',
      'b.title',
      'b.problem',
      'b.category',
      'b.featured',
      'b.created_at',
      'b.published_at',
      'a.id as author_id',
      'a.display_name',
      'a.mairie',
      's.like_count',
      's.comment_count',
      's.adoption_count',
      provenReachSql('b').as('proven_reach'),
    ])
    .execute();
  const [rows, early] = await Promise.all([selected, ids ? coverPhotos(db, ids) : null]);
  const covers =
    early ??
    (await coverPhotos(
      db,
      rows.map((r) => r.id),
    ));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    problem: r.problem,
    category: r.category,
    featured: Number(r.featured) === 1,
    createdAt: r.created_at,
    publishedAt: r.published_at ?? r.created_at,
    author: { id: r.author_id, name: r.display_name, mairie: r.mairie },
    likeCount: Number(r.like_count),
    commentCount: Number(r.comment_count),
    adoptionCount: Number(r.adoption_count),
    provenReach: Number(r.proven_reach),
    cover: covers.get(r.id) ?? null,
  }));
}

/** One page of published bricolages and how many match in all. */
export async function listBricolages(
  db: DbOrTrx,
  options: ListFilter & { sort?: SortKey; limit: number; offset?: number },
): Promise<{ items: SummaryRow[]; total: number }> {
  const sort = options.sort ?? 'recent';
  const [items, total] = await Promise.all([
    summaries(
      db,
      sorted(published(db, options, sort), sort)
        .limit(options.limit)
        .offset(options.offset ?? 0),
    ),
    countBricolages(db, options),
  ]);
  return { items, total };
}

/**
 * The ids of one page of published bricolages, in order, without counting them all: a page that
 * shows several lists (the home page) then reads all their cards in one `summariesByIds`.
 */
export async function pageOfIds(
  db: DbOrTrx,
  options: ListFilter & { sort?: SortKey; limit: number; offset?: number },
): Promise<number[]> {
  const sort = options.sort ?? 'recent';
  const rows = await sorted(published(db, options, sort), sort)
    .select('b.id')
    .limit(options.limit)
    .offset(options.offset ?? 0)
    .execute();
  return rows.map((r) => Number(r.id));
}

export async function countBricolages(db: DbOrTrx, filter: ListFilter = {}): Promise<number> {
  // Joins only what the filter needs: counting stays on the covering status/category index.
  let q =
    filter.ids || filter.authorId !== undefined
      ? db.selectFrom('bricolages as b').where(unindexed(db, 'b.status'), '=', 'published')
      : db.selectFrom('bricolages as b').where('b.status', '=', 'published');
  if (filter.category) q = q.where('b.category', '=', filter.category);
  if (filter.mairie)
    q = q.where('b.author_id', 'in', (eb) =>
      eb
        .selectFrom('agents')
        .select('id')
        .where('mairie', '=', filter.mairie ?? ''),
    );
  if (filter.authorId !== undefined) q = q.where('b.author_id', '=', filter.authorId);
  if (filter.featuredOnly) q = q.where('b.featured', '=', 1);
  if (filter.ids) q = q.where('b.id', 'in', filter.ids.length > 0 ? filter.ids : [0]);
  if (filter.workshopId !== undefined) q = q.where('b.id', 'in', inWorkshop(db, filter.workshopId));
  const row = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Summaries of the given ids, in the order given (a search page). */
export async function summariesByIds(db: DbOrTrx, ids: number[]): Promise<SummaryRow[]> {
  if (ids.length === 0) return [];
  const rows = await summaries(db, published(db, { ids }), ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
}

/** The bricolages that received the most likes since `since` (ISO), most liked first. */
export async function mostLikedSince(db: DbOrTrx, since: string, limit: number): Promise<SummaryRow[]> {
  const top = await db
    .selectFrom(countedLikes(db, { since }).where('b.status', '=', 'published').as('cl'))
    .select((eb) => ['cl.bricolage_id as id', eb.fn.countAll<number>().as('n')])
    .groupBy('cl.bricolage_id')
    .orderBy('n', 'desc')
    .orderBy('cl.bricolage_id', 'desc')
    .limit(limit)
    .execute();
  return summariesByIds(
    db,
    top.map((t) => Number(t.id)),
  );
}

/** Published bricolages per category (only categories that have some), most first. */
export async function categoryCounts(db: DbOrTrx): Promise<{ category: string; count: number }[]> {
  const rows = await db
    .selectFrom('bricolages')
    .select(['category', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'published')
    .groupBy('category')
    .execute();
  return rows.map((r) => ({ category: r.category, count: Number(r.n) })).sort((a, b) => b.count - a.count);
}

/** The first photo of the first step that has one, per bricolage. */
async function coverPhotos(db: DbOrTrx, ids: number[]): Promise<Map<number, StoredPhoto>> {
  const covers = new Map<number, StoredPhoto>();
  if (ids.length === 0) return covers;
  const rows = await db
    .selectFrom('steps as s')
    .innerJoin('step_photos as sp', 'sp.step_id', 's.id')
    .innerJoin('photos as p', 'p.hash', 'sp.photo_hash')
    .select(['s.bricolage_id', 'p.hash', 'p.width', 'p.height', 'p.widths'])
    .where('s.bricolage_id', 'in', ids)
    .orderBy('s.bricolage_id')
    .orderBy('s.position')
    .orderBy('sp.position')
    .execute();
  for (const row of rows) {
    if (covers.has(row.bricolage_id)) continue;
    const photo = toPhoto(row);
    if (photo) covers.set(row.bricolage_id, photo);
  }
  return covers;
}
