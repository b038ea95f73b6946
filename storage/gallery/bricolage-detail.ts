/** Everything one bricolage page shows, read in a handful of indexed queries (moved from the gallery). */
import type { DbOrTrx } from '../db.js';
import { countedLikes } from '../likes.js';
import { type StoredPhoto, toPhoto } from './list.js';

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
  adoptions: {
    mairie: string | null;
    agent: { id: number; name: string };
    feedback: string | null;
    createdAt: string;
    /** The agent's time-saved report (issue 20), null when none. */
    minutesPerWeek: number | null;
  }[];
  chat: { platform: string | null; permalink: string | null };
}

/** A published bricolage with everything its page shows; undefined for drafts, hidden or unknown ones. */
export async function loadBricolage(db: DbOrTrx, id: number): Promise<BricolageDetail | undefined> {
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
    .selectFrom(countedLikes(db).where('l.bricolage_id', '=', id).as('cl'))
    .innerJoin('agents as a', 'a.id', 'cl.agent_id')
    .select(['a.id', 'a.display_name', 'a.mairie'])
    .orderBy('cl.at')
    .orderBy('a.id')
    .execute();
  const likers = likeRows.map((row) => ({ id: row.id, name: row.display_name, mairie: row.mairie }));

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
    .select([
      'ad.mairie',
      'ad.feedback',
      'ad.created_at',
      'ad.minutes_per_week',
      'a.id',
      'a.display_name',
      'a.mairie as agent_mairie',
    ])
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
    likers,
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
      minutesPerWeek: a.id === b.author_id ? null : a.minutes_per_week,
    })),
    chat: { platform: b.chat_platform, permalink: b.chat_permalink },
  };
}
