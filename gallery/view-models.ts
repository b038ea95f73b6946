/** Turns stored rows into what templates and the JSON API show: photos with URLs, cards, summaries. */

import type { StoredPhoto, SummaryRow } from '../storage/gallery/list.js';
import { isProvenReach } from '../storage/proven.js';
import type { PageContext } from './context.js';
import { mediaPath } from './helpers/media-name.js';
import { shorten } from './helpers/shorten.js';
import { imageAttributes } from './helpers/srcset.js';

export interface PhotoView {
  src: string;
  srcset: string;
  sizes: string;
  width: number;
  height: number;
  alt: string;
  /** The largest rendition, linked so a reader can zoom without JavaScript. */
  full: string;
}

export const SIZES = {
  card: '(min-width: 72rem) 22rem, (min-width: 40rem) 45vw, 100vw',
  step: '(min-width: 48rem) 20rem, 100vw',
  comment: '(min-width: 48rem) 12rem, 50vw',
} as const;

export function photoView(photo: StoredPhoto, alt: string, sizes: string, preferred: number): PhotoView | null {
  const attrs = imageAttributes((w) => mediaPath(photo.hash, w), photo.widths, photo, preferred);
  if (!attrs) return null;
  return { ...attrs, sizes, alt, full: mediaPath(photo.hash, photo.widths[photo.widths.length - 1]) };
}

export interface PhotoJson {
  /** The widest rendition. */
  url: string;
  width: number;
  height: number;
  /** Every stored rendition, narrowest first, for `srcset`. */
  renditions: { url: string; width: number }[];
}

/** One entry per photo, with absolute URLs: the JSON API's photo shape. */
export function photoJson(ctx: PageContext, photo: StoredPhoto): PhotoJson {
  const renditions = photo.widths.map((width) => ({ url: ctx.absolute(mediaPath(photo.hash, width)), width }));
  const widest = renditions[renditions.length - 1];
  const scale = Math.min(1, widest.width / photo.width);
  return { url: widest.url, width: Math.round(photo.width * scale), height: Math.round(photo.height * scale), renditions };
}

export interface CardView {
  link: string;
  title: string;
  category: string;
  excerpt: string;
  author: string;
  mairie: string | null;
  likeCount: number;
  commentCount: number;
  adoptionCount: number;
  /** "A fait ses preuves" (derived in SQL, `storage/proven.ts`). */
  proven: boolean;
  dateText: string;
  datetime: string;
  cover: PhotoView | null;
  initial: string;
}

export function cardView(ctx: PageContext, row: SummaryRow): CardView {
  return {
    link: ctx.href(`/bricolages/${row.id}`),
    title: row.title,
    category: row.category,
    excerpt: shorten(row.problem, 140),
    author: row.author.name,
    mairie: ctx.mairie(row.author.mairie),
    likeCount: row.likeCount,
    commentCount: row.commentCount,
    adoptionCount: row.adoptionCount,
    proven: isProvenReach(row.provenReach, ctx.provenMin),
    dateText: ctx.date(row.publishedAt),
    datetime: row.publishedAt,
    cover: row.cover ? photoView(row.cover, '', SIZES.card, 800) : null,
    initial: [...row.title.trim()][0]?.toUpperCase() ?? '?',
  };
}

export function summaryJson(ctx: PageContext, row: SummaryRow) {
  return {
    id: row.id,
    url: ctx.absolute(`/bricolages/${row.id}`),
    title: row.title,
    problem: row.problem,
    category: row.category,
    featured: row.featured,
    createdAt: row.createdAt,
    publishedAt: row.publishedAt,
    author: { id: row.author.id, name: row.author.name, mairie: row.author.mairie },
    cover: row.cover ? photoJson(ctx, row.cover) : null,
    likeCount: row.likeCount,
    commentCount: row.commentCount,
    adoptionCount: row.adoptionCount,
    proven: isProvenReach(row.provenReach, ctx.provenMin),
  };
}
