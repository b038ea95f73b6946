/** All published bricolages: accent-insensitive search, category filter, sort and pages of 20. */
import type { Request, Response } from 'express';
import { matchingIds } from '../../storage/search.js';
import { pageContext } from '../context.js';
import type { GalleryDeps } from '../deps.js';
import { listPublished, SORT_KEYS, type SortKey, sortSummaries } from '../queries.js';
import { cardView, summaryJson } from '../view-models.js';

export const PAGE_SIZE = 20;

function stringParam(value: unknown, max: number): string {
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

export function listHandler(deps: GalleryDeps, format: 'html' | 'json') {
  return async (req: Request, res: Response): Promise<void> => {
    const ctx = pageContext(req, deps.config, deps.translate);
    const q = stringParam(req.query.q, 200);
    const category = stringParam(req.query.category, 200);
    const sortParam = stringParam(req.query.sort, 20);
    const sort: SortKey = (SORT_KEYS as readonly string[]).includes(sortParam) ? (sortParam as SortKey) : 'recent';
    const pageNumber = Math.max(1, Math.min(10_000, Number.parseInt(stringParam(req.query.page, 6), 10) || 1));

    let rows = await listPublished(deps.db);
    if (category) rows = rows.filter((r) => r.category === category);
    if (q) {
      const matching = await matchingIds(deps.db, q);
      rows = rows.filter((r) => matching.has(r.id));
    }
    rows = sortSummaries(rows, sort);
    const total = rows.length;
    const items = rows.slice((pageNumber - 1) * PAGE_SIZE, pageNumber * PAGE_SIZE);

    if (format === 'json') {
      res.json({ items: items.map((r) => summaryJson(ctx, r)), page: pageNumber, pageSize: PAGE_SIZE, total });
      return;
    }
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const keep = { q: q || undefined, category: category || undefined, sort: sort === 'recent' ? undefined : sort };
    const searching = Boolean(q || category);
    const html = deps.renderer.render('list', ctx, {
      title: q ? ctx.t('list.titleSearch', { q }) : ctx.t('list.title'),
      nav: 'list',
      q,
      searching,
      total,
      resultsText: ctx.t(searching ? 'list.found' : 'list.count', { count: total }),
      cards: items.map((r) => cardView(ctx, r)),
      sorts: SORT_KEYS.map((key) => ({ value: key, label: ctx.t(`sort.${key}`), selected: key === sort })),
      categories: deps.config.categories.map((c) => ({ value: c, selected: c === category })),
      lang: ctx.explicitLang ? ctx.locale : null,
      clearHref: ctx.href('/bricolages'),
      page: pageNumber,
      pages,
      pageText: ctx.t('list.pageOf', { page: pageNumber, pages }),
      prevHref:
        pageNumber > 1 ? ctx.href('/bricolages', { ...keep, page: pageNumber - 1 > 1 ? pageNumber - 1 : undefined }) : null,
      nextHref: pageNumber < pages ? ctx.href('/bricolages', { ...keep, page: pageNumber + 1 }) : null,
    });
    res.type('html').send(html);
  };
}
