/** Page numbers from the query string and previous/next links, shared by every paged list. */
import type { PageContext } from '../context.js';

export const MAX_PAGE = 500;

export function pageParam(value: unknown): number {
  const n = typeof value === 'string' ? Number.parseInt(value.slice(0, 6), 10) : 1;
  return Math.max(1, Math.min(MAX_PAGE, Number.isFinite(n) ? n : 1));
}

export interface Pager {
  pageText: string;
  prevHref: string | null;
  nextHref: string | null;
  /** The page asked for is past the last one (an old link, a hand-typed address): the last page's link. */
  lastHref: string | null;
}

/** How many pages `total` rows fill, at least one. */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.min(MAX_PAGE, Math.ceil(total / size)));
}

/**
 * Null when everything fits on one page. Past the last page it says how many there are and links
 * to the last one, rather than "Page 51 sur 50".
 */
export function pager(
  ctx: PageContext,
  path: string,
  keep: Record<string, string | number | undefined>,
  page: number,
  total: number,
  size: number,
): Pager | null {
  const pages = pageCount(total, size);
  if (pages <= 1 && page <= 1) return null;
  const at = (n: number) => ctx.href(path, { ...keep, page: n > 1 ? n : undefined });
  if (page > pages)
    return { pageText: ctx.t('list.pastEnd', { count: pages }), prevHref: null, nextHref: null, lastHref: at(pages) };
  return {
    pageText: ctx.t('list.pageOf', { page, pages }),
    prevHref: page > 1 ? at(page - 1) : null,
    nextHref: page < pages ? at(page + 1) : null,
    lastHref: null,
  };
}
