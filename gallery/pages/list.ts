/**
 * Lists of bricolages, paged by 20 in SQL: `/bricolages` (browse: category, mairie, sort),
 * `/recherche?q=` (full-text search with highlighted extracts, relevance first) and
 * `/categories/:slug` (one category). One template; the old `/bricolages?q=` redirects to `/recherche`.
 */
import type { Request, Response } from 'express';
import { MAIRIES } from '../../domain/mairies.js';
import { listBricolages, SORT_KEYS, type SortKey, type SummaryRow } from '../../storage/gallery/list.js';
import { SEARCH_SORTS, type SearchSort, searchBricolages } from '../../storage/search/search.js';
import type { PageContext } from '../context.js';
import type { GalleryDeps } from '../deps.js';
import { categorySlug } from '../helpers/category-slug.js';
import { highlight, plainSnippet } from '../helpers/highlight.js';
import { html, json, type PageBuilder } from '../serve-page.js';
import { cardView, summaryJson } from '../view-models.js';
import { pageCount, pageParam, pager } from './paging.js';

export const PAGE_SIZE = 20;

function stringParam(value: unknown, max: number): string {
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

type Mode = 'browse' | 'search' | 'category';

interface Params {
  q: string;
  category: string;
  mairie: string;
  sort: SearchSort;
  page: number;
  workshop: number | undefined;
}

function readParams(req: Request, mode: Mode, deps: GalleryDeps): Params {
  const q = mode === 'search' ? stringParam(req.query.q, 200) : '';
  const categoryParam = stringParam(req.query.category, 200);
  const category = deps.config.categories.includes(categoryParam) ? categoryParam : '';
  const sortParam = stringParam(req.query.sort, 20);
  const allowed: readonly string[] = q ? SEARCH_SORTS : SORT_KEYS;
  const sort = (allowed.includes(sortParam) ? sortParam : q ? 'relevance' : 'recent') as SearchSort;
  const workshop = Number.parseInt(stringParam(req.query.workshop, 10), 10);
  return {
    q,
    category,
    mairie: stringParam(req.query.mairie, 100),
    sort,
    page: pageParam(req.query.page),
    workshop: Number.isInteger(workshop) && workshop > 0 ? workshop : undefined,
  };
}

/** `/bricolages?q=…` was the search before `/recherche`: keep old links working. */
export function redirectOldSearch(req: Request, res: Response, next: () => void): void {
  if (typeof req.query.q !== 'string') return next();
  const query = req.originalUrl.slice(req.originalUrl.indexOf('?'));
  res.redirect(301, `/recherche${req.path.endsWith('.json') ? '.json' : ''}${query}`);
}

export function listPage(deps: GalleryDeps, mode: Mode, format: 'html' | 'json'): PageBuilder {
  return async (req, ctx) => {
    const p = readParams(req, mode, deps);
    if (mode === 'category') {
      const slug = String(req.params.slug ?? '').replace(/\.json$/, '');
      const category = deps.config.categories.find((c) => categorySlug(c) === slug);
      if (!category) return null;
      p.category = category;
    }
    const offset = (p.page - 1) * PAGE_SIZE;
    const filter = { category: p.category || undefined, mairie: p.mairie || undefined, workshopId: p.workshop };
    const result: { items: (SummaryRow & { snippet?: string })[]; total: number; totalIsLowerBound?: boolean } = p.q
      ? await searchBricolages(deps.db, { q: p.q, ...filter, sort: p.sort, limit: PAGE_SIZE, offset })
      : await listBricolages(deps.db, { ...filter, sort: p.sort as SortKey, limit: PAGE_SIZE, offset });
    const { items, total } = result;
    // A search counts at most MATCH_CAP matches: past it, `total` is that cap and more match.
    const lowerBound = result.totalIsLowerBound ?? false;

    if (format === 'json') {
      return json({
        items: items.map((r) => ({
          ...summaryJson(ctx, r),
          ...(r.snippet !== undefined ? { snippet: plainSnippet(r.snippet) } : {}),
        })),
        query: {
          q: p.q || null,
          category: p.category || null,
          mairie: p.mairie || null,
          workshop: p.workshop ?? null,
          sort: p.sort,
        },
        page: p.page,
        pageSize: PAGE_SIZE,
        total,
        ...(p.q ? { totalIsLowerBound: lowerBound } : {}),
      });
    }
    return html(deps.renderer.render('list', ctx, listModel(deps, ctx, mode, p, items, total, lowerBound)));
  };
}

function listModel(
  deps: GalleryDeps,
  ctx: PageContext,
  mode: Mode,
  p: Params,
  items: (SummaryRow & { snippet?: string })[],
  total: number,
  lowerBound: boolean,
) {
  const path = mode === 'search' ? '/recherche' : mode === 'category' ? `/categories/${categorySlug(p.category)}` : '/bricolages';
  // A capped search total is also how far one can page (the search serves its first MATCH_CAP).
  const pages = pageCount(total, PAGE_SIZE);
  const keep = {
    q: p.q || undefined,
    category: mode === 'category' ? undefined : p.category || undefined,
    mairie: p.mairie || undefined,
    workshop: p.workshop,
    sort: p.sort === (p.q ? 'relevance' : 'recent') ? undefined : p.sort,
  };
  const searching = Boolean(p.q || p.category || p.mairie || p.workshop);
  const sorts = p.q ? SEARCH_SORTS : SORT_KEYS;
  const heading = mode === 'category' ? p.category : p.q ? ctx.t('list.headingSearch', { q: p.q }) : ctx.t('list.heading');
  return {
    title: mode === 'category' ? p.category : p.q ? ctx.t('list.titleSearch', { q: p.q }) : ctx.t('list.title'),
    nav: mode === 'search' ? ('search' as const) : ('list' as const),
    heading,
    q: p.q,
    searching,
    total,
    resultsText: lowerBound
      ? ctx.t('list.foundMore', { count: total, number: ctx.number(total) })
      : ctx.t(searching ? 'list.found' : 'list.count', { count: total }),
    cards: items.map((r) => ({ ...cardView(ctx, r), snippetHtml: r.snippet ? highlight(r.snippet) : null })),
    sorts: sorts.map((key) => ({ value: key, label: ctx.t(`sort.${key}`), selected: key === p.sort })),
    showCategory: mode !== 'category',
    categories: deps.config.categories.map((c) => ({ value: c, selected: c === p.category })),
    mairies: MAIRIES.map((m) => ({ value: m.slug, label: ctx.mairie(m.slug), selected: m.slug === p.mairie })),
    action: mode === 'category' ? path : '/recherche',
    lang: ctx.explicitLang ? ctx.locale : null,
    workshop: p.workshop ?? null,
    clearHref: ctx.href(mode === 'category' ? path : '/bricolages'),
    pager: pager(ctx, path, keep, p.page, total, PAGE_SIZE),
    pastEnd: total > 0 && p.page > pages,
    jsonHref: ctx.href(`${path}.json`, keep),
    feedHref: mode === 'category' ? `${path}/feed.atom` : null,
  };
}
