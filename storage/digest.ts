/**
 * What happened in the community during a window of time (the weekly digest): new bricolages,
 * the most liked, new adoptions with the mairie that took each one and the mairie it came from.
 * Counting and sorting happen in SQL; lists are capped.
 */
import type { DbOrTrx } from './db.js';
import { countedLikes } from './likes.js';

export interface DigestBricolage {
  id: number;
  title: string;
  authorName: string;
  mairie: string | null;
}

export interface DigestLiked {
  id: number;
  title: string;
  likes: number;
}

export interface DigestAdoption {
  bricolageId: number;
  title: string;
  /** The mairie that put it in place, and the mairie of its author. */
  adopterMairie: string | null;
  originMairie: string | null;
}

export interface WeekActivity {
  newCount: number;
  newBricolages: DigestBricolage[];
  mostLiked: DigestLiked[];
  adoptionCount: number;
  adoptions: DigestAdoption[];
}

export interface Window {
  /** Inclusive start and exclusive end, ISO 8601. */
  from: string;
  to: string;
}

/** The activity of `[from, to)`, with at most `limit` rows per list. */
export async function weekActivity(db: DbOrTrx, window: Window, limit = 5): Promise<WeekActivity> {
  const published = db
    .selectFrom('bricolages')
    .where('status', '=', 'published')
    .where('published_at', '>=', window.from)
    .where('published_at', '<', window.to);
  const newCount = await published.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const newBricolages = await published
    .innerJoin('agents', 'agents.id', 'bricolages.author_id')
    .select(['bricolages.id', 'bricolages.title', 'agents.display_name', 'agents.mairie'])
    .orderBy('bricolages.published_at', 'desc')
    .orderBy('bricolages.id', 'desc')
    .limit(limit)
    .execute();

  // Only the likes given during the window count (see `countedLikes` for what a like is).
  const mostLiked = await db
    .selectFrom(
      countedLikes(db, { since: window.from }).where('b.status', '=', 'published').where('l.created_at', '<', window.to).as('cl'),
    )
    .innerJoin('bricolages', 'bricolages.id', 'cl.bricolage_id')
    .select((eb) => ['bricolages.id', 'bricolages.title', eb.fn.countAll<number>().as('likes')])
    .groupBy('bricolages.id')
    .orderBy('likes', 'desc')
    .orderBy('bricolages.id', 'desc')
    .limit(Math.min(limit, 3))
    .execute();

  const adopted = db
    .selectFrom('adoptions')
    .innerJoin('bricolages', 'bricolages.id', 'adoptions.bricolage_id')
    .where('bricolages.status', '=', 'published')
    .where('adoptions.created_at', '>=', window.from)
    .where('adoptions.created_at', '<', window.to);
  const adoptionCount = await adopted.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const adoptions = await adopted
    .innerJoin('agents as author', 'author.id', 'bricolages.author_id')
    .select(['bricolages.id', 'bricolages.title', 'adoptions.mairie', 'author.mairie as origin'])
    .orderBy('adoptions.created_at', 'desc')
    .orderBy('adoptions.id', 'desc')
    .limit(limit)
    .execute();

  return {
    newCount: Number(newCount.count),
    newBricolages: newBricolages.map((r) => ({ id: r.id, title: r.title, authorName: r.display_name, mairie: r.mairie })),
    mostLiked: mostLiked.map((r) => ({ id: r.id, title: r.title, likes: Number(r.likes) })),
    adoptionCount: Number(adoptionCount.count),
    adoptions: adoptions.map((r) => ({ bricolageId: r.id, title: r.title, adopterMairie: r.mairie, originMairie: r.origin })),
  };
}

/** Nothing happened: no new bricolage, no like, no adoption (open workshops alone are no news). */
export function isQuietWeek(activity: WeekActivity): boolean {
  return activity.newCount === 0 && activity.mostLiked.length === 0 && activity.adoptionCount === 0;
}
