/**
 * Read-only queries behind the gallery pages. Dialect-neutral Kysely only; counting and
 * searching rules (a like is a distinct agent other than the author; only visible comments)
 * live here once.
 */
import type { Db } from '../storage/db.js';
import { parseWidths } from './helpers/srcset.js';

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
  cover: StoredPhoto | null;
}

export type SortKey = 'recent' | 'likes' | 'comments' | 'adoptions';
export const SORT_KEYS: readonly SortKey[] = ['recent', 'likes', 'comments', 'adoptions'];

/** Every published bricolage with its counts, most recent first (the gallery sorts and pages in JS). */
export async function listPublished(db: Db): Promise<SummaryRow[]> {
  const rows = await db
    .selectFrom('bricolages as b')
    .innerJoin('agents as a', 'a.id', 'b.author_id')
    .select((eb) => [
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
      eb
        .selectFrom('likes as l')
        .select((e) => e.fn.count<number>('l.agent_id').distinct().as('n'))
        .whereRef('l.bricolage_id', '=', 'b.id')
        .whereRef('l.agent_id', '!=', 'b.author_id')
        .as('like_count'),
      eb
        .selectFrom('comments as c')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('c.bricolage_id', '=', 'b.id')
        .where('c.status', '=', 'visible')
        .as('comment_count'),
      eb
        .selectFrom('adoptions as ad')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('ad.bricolage_id', '=', 'b.id')
        .as('adoption_count'),
    ])
    .where('b.status', '=', 'published')
    .execute();
  const covers = await coverPhotos(
    db,
    rows.map((r) => r.id),
  );
  return rows
    .map((r) => ({
      id: r.id,
      title: r.title,
      problem: r.problem,
      category: r.category,
      featured: Number(r.featured) === 1,
      createdAt: r.created_at,
      publishedAt: r.published_at ?? r.created_at,
      author: { id: r.author_id, name: r.display_name, mairie: r.mairie },
      likeCount: Number(r.like_count ?? 0),
      commentCount: Number(r.comment_count ?? 0),
      adoptionCount: Number(r.adoption_count ?? 0),
      cover: covers.get(r.id) ?? null,
    }))
    .sort(byRecent);
}

function byRecent(a: SummaryRow, b: SummaryRow): number {
  return a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : b.id - a.id;
}

/** Sorts a copy; ties fall back to most recent. */
export function sortSummaries(rows: SummaryRow[], sort: SortKey): SummaryRow[] {
  const count = (r: SummaryRow) =>
    sort === 'likes' ? r.likeCount : sort === 'comments' ? r.commentCount : sort === 'adoptions' ? r.adoptionCount : 0;
  return [...rows].sort((a, b) => count(b) - count(a) || byRecent(a, b));
}

/** The first photo of the first step that has one, per bricolage. */
async function coverPhotos(db: Db, ids: number[]): Promise<Map<number, StoredPhoto>> {
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

function toPhoto(row: { hash: string; width: number; height: number; widths: string }): StoredPhoto | null {
  const widths = parseWidths(row.widths);
  return widths.length > 0 ? { hash: row.hash, width: row.width, height: row.height, widths } : null;
}

export interface BricolageDetail {
  id: number;
  title: string;
  problem: string;
  category: string;
  status: string;
  createdAt: string;
  publishedAt: string;
  author: { id: number; name: string; mairie: string | null };
  steps: { position: number; text: string; photos: StoredPhoto[] }[];
  likers: { id: number; name: string; mairie: string | null }[];
  comments: {
    id: number;
    author: { id: number; name: string; mairie: string | null };
    text: string;
    photos: StoredPhoto[];
    createdAt: string;
    editedAt: string | null;
  }[];
  adoptions: { mairie: string | null; agent: { id: number; name: string }; feedback: string | null; createdAt: string }[];
  chat: { platform: string | null; permalink: string | null };
}

/** A published bricolage with everything its page shows; undefined for drafts, hidden or unknown ones. */
export async function loadBricolage(db: Db, id: number): Promise<BricolageDetail | undefined> {
  const b = await db
    .selectFrom('bricolages as b')
    .innerJoin('agents as a', 'a.id', 'b.author_id')
    .select([
      'b.id',
      'b.title',
      'b.problem',
      'b.category',
      'b.status',
      'b.created_at',
      'b.published_at',
      'b.chat_platform',
      'b.chat_permalink',
      'a.id as author_id',
      'a.display_name',
      'a.mairie',
    ])
    .where('b.id', '=', id)
    .where('b.status', '=', 'published')
    .executeTakeFirst();
  if (!b) return undefined;

  const stepRows = await db
    .selectFrom('steps as s')
    .leftJoin('step_photos as sp', 'sp.step_id', 's.id')
    .leftJoin('photos as p', 'p.hash', 'sp.photo_hash')
    .select(['s.position', 's.text', 'p.hash', 'p.width', 'p.height', 'p.widths'])
    .where('s.bricolage_id', '=', id)
    .orderBy('s.position')
    .orderBy('sp.position')
    .execute();
  const steps = new Map<number, BricolageDetail['steps'][number]>();
  for (const row of stepRows) {
    let step = steps.get(row.position);
    if (!step) {
      step = { position: row.position, text: row.text, photos: [] };
      steps.set(row.position, step);
    }
    if (row.hash && row.width !== null && row.height !== null && row.widths !== null) {
      const photo = toPhoto({ hash: row.hash, width: row.width, height: row.height, widths: row.widths });
      if (photo) step.photos.push(photo);
    }
  }

  const likeRows = await db
    .selectFrom('likes as l')
    .innerJoin('agents as a', 'a.id', 'l.agent_id')
    .select(['a.id', 'a.display_name', 'a.mairie', 'l.created_at'])
    .where('l.bricolage_id', '=', id)
    .where('l.agent_id', '!=', b.author_id)
    .orderBy('l.created_at')
    .orderBy('a.id')
    .execute();
  const likers = new Map<number, BricolageDetail['likers'][number]>();
  for (const row of likeRows)
    if (!likers.has(row.id)) likers.set(row.id, { id: row.id, name: row.display_name, mairie: row.mairie });

  const commentRows = await db
    .selectFrom('comments as c')
    .innerJoin('agents as a', 'a.id', 'c.author_id')
    .select(['c.id', 'c.text', 'c.created_at', 'c.edited_at', 'a.id as author_id', 'a.display_name', 'a.mairie'])
    .where('c.bricolage_id', '=', id)
    .where('c.status', '=', 'visible')
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  const commentPhotos = new Map<number, StoredPhoto[]>();
  if (commentRows.length > 0) {
    const photoRows = await db
      .selectFrom('comment_photos as cp')
      .innerJoin('photos as p', 'p.hash', 'cp.photo_hash')
      .select(['cp.comment_id', 'p.hash', 'p.width', 'p.height', 'p.widths'])
      .where(
        'cp.comment_id',
        'in',
        commentRows.map((c) => c.id),
      )
      .orderBy('cp.comment_id')
      .orderBy('cp.position')
      .execute();
    for (const row of photoRows) {
      const photo = toPhoto(row);
      if (photo) commentPhotos.set(row.comment_id, [...(commentPhotos.get(row.comment_id) ?? []), photo]);
    }
  }

  const adoptionRows = await db
    .selectFrom('adoptions as ad')
    .innerJoin('agents as a', 'a.id', 'ad.agent_id')
    .select(['ad.mairie', 'ad.feedback', 'ad.created_at', 'a.id', 'a.display_name', 'a.mairie as agent_mairie'])
    .where('ad.bricolage_id', '=', id)
    .orderBy('ad.created_at')
    .orderBy('ad.id')
    .execute();

  return {
    id: b.id,
    title: b.title,
    problem: b.problem,
    category: b.category,
    status: b.status,
    createdAt: b.created_at,
    publishedAt: b.published_at ?? b.created_at,
    author: { id: b.author_id, name: b.display_name, mairie: b.mairie },
    steps: [...steps.values()],
    likers: [...likers.values()],
    comments: commentRows.map((c) => ({
      id: c.id,
      author: { id: c.author_id, name: c.display_name, mairie: c.mairie },
      text: c.text,
      photos: commentPhotos.get(c.id) ?? [],
      createdAt: c.created_at,
      editedAt: c.edited_at,
    })),
    adoptions: adoptionRows.map((a) => ({
      mairie: a.mairie ?? a.agent_mairie,
      agent: { id: a.id, name: a.display_name },
      feedback: a.feedback,
      createdAt: a.created_at,
    })),
    chat: { platform: b.chat_platform, permalink: b.chat_permalink },
  };
}
