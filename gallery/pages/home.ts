/** Home: featured ("à la une"), recent and most liked bricolages, plus the search box. */
import type { Request, Response } from 'express';
import { pageContext } from '../context.js';
import type { GalleryDeps } from '../deps.js';
import { listPublished, sortSummaries } from '../queries.js';
import { cardView, summaryJson } from '../view-models.js';

const FEATURED = 4;
const RECENT = 8;
const POPULAR = 4;

export function homeHandler(deps: GalleryDeps, format: 'html' | 'json') {
  return async (req: Request, res: Response): Promise<void> => {
    const ctx = pageContext(req, deps.config, deps.translate);
    const all = await listPublished(deps.db);
    const featured = all.filter((r) => r.featured).slice(0, FEATURED);
    const recent = all.slice(0, RECENT);
    const popular = sortSummaries(
      all.filter((r) => r.likeCount > 0),
      'likes',
    ).slice(0, POPULAR);
    if (format === 'json') {
      res.json({
        featured: featured.map((r) => summaryJson(ctx, r)),
        recent: recent.map((r) => summaryJson(ctx, r)),
        popular: popular.map((r) => summaryJson(ctx, r)),
        total: all.length,
      });
      return;
    }
    const html = deps.renderer.render('home', ctx, {
      title: ctx.t('home.title'),
      nav: 'home',
      total: all.length,
      featured: featured.map((r) => cardView(ctx, r)),
      recent: recent.map((r) => cardView(ctx, r)),
      popular: popular.map((r) => cardView(ctx, r)),
      hasMore: all.length > recent.length,
      listHref: ctx.href('/bricolages'),
      popularHref: ctx.href('/bricolages', { sort: 'likes' }),
      searchAction: '/bricolages',
      lang: ctx.explicitLang ? ctx.locale : null,
    });
    res.type('html').send(html);
  };
}
