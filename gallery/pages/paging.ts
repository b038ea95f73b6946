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
}

/** Null when everything fits on one page. */
export function pager(
  ctx: PageContext,
  path: string,
  keep: Record<string, string | number | undefined>,
  page: number,
  total: number,
  size: number,
): Pager | null {
  const pages = Math.max(1, Math.min(MAX_PAGE, Math.ceil(total / size)));
  if (pages <= 1 && page <= 1) return null;
  return {
    pageText: ctx.t('list.pageOf', { page, pages }),
    prevHref: page > 1 ? ctx.href(path, { ...keep, page: page - 1 > 1 ? page - 1 : undefined }) : null,
    nextHref: page < pages ? ctx.href(path, { ...keep, page: page + 1 }) : null,
  };
}
