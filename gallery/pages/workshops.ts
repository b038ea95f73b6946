/** Ateliers de débogage: the list (open, then closed) and one workshop with its bricolages. */
import { summariesByIds } from '../../storage/gallery/list.js';
import { countWorkshops, listWorkshops, type WorkshopSummary, workshopDetail } from '../../storage/workshops.js';
import type { PageContext } from '../context.js';
import type { GalleryDeps } from '../deps.js';
import { shorten } from '../helpers/shorten.js';
import { html, json, type PageBuilder } from '../serve-page.js';
import { cardView, summaryJson } from '../view-models.js';
import { pageParam, pager } from './paging.js';

const PAGE_SIZE = 20;
const BRICOLAGES = 60;
const ID = /^([1-9][0-9]{0,9})(\.json)?$/;

export function workshopView(ctx: PageContext, w: WorkshopSummary) {
  return {
    url: ctx.href(`/ateliers/${w.id}`),
    title: w.title,
    description: shorten(w.description, 180),
    open: w.status === 'open',
    statusText: ctx.t(w.status === 'open' ? 'workshop.open' : 'workshop.closed'),
    dateText: ctx.date(w.status === 'open' ? w.openedAt : w.closedAt),
    datetime: w.status === 'open' ? w.openedAt : w.closedAt,
    countText: ctx.t('card.bricolages', { count: w.bricolageCount }),
  };
}

export function workshopJson(ctx: PageContext, w: WorkshopSummary) {
  return { ...w, url: ctx.absolute(`/ateliers/${w.id}`) };
}

export function workshopsPage(deps: GalleryDeps, format: 'html' | 'json'): PageBuilder {
  return async (req, ctx) => {
    const page = pageParam(req.query.page);
    const [open, closed, closedTotal] = await Promise.all([
      listWorkshops(deps.db, 'open', { limit: 50 }),
      listWorkshops(deps.db, 'closed', { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      countWorkshops(deps.db, 'closed'),
    ]);
    if (format === 'json') {
      return json({
        open: open.map((w) => workshopJson(ctx, w)),
        closed: { items: closed.map((w) => workshopJson(ctx, w)), page, pageSize: PAGE_SIZE, total: closedTotal },
      });
    }
    return html(
      deps.renderer.render('workshops', ctx, {
        title: ctx.t('workshop.title'),
        nav: 'workshops',
        open: open.map((w) => workshopView(ctx, w)),
        closed: closed.map((w) => workshopView(ctx, w)),
        closedPager: pager(ctx, '/ateliers', {}, page, closedTotal, PAGE_SIZE),
        jsonHref: ctx.href('/ateliers.json'),
      }),
    );
  };
}

export function workshopPage(deps: GalleryDeps): PageBuilder {
  return async (req, ctx) => {
    const match = ID.exec(String(req.params.id));
    if (!match) return null;
    const workshop = await workshopDetail(deps.db, Number(match[1]), { limit: BRICOLAGES });
    if (!workshop) return null;
    const summaries = await summariesByIds(
      deps.db,
      workshop.bricolages.map((b) => b.id),
    );
    if (match[2]) {
      return json({
        ...workshopJson(ctx, workshop),
        bricolages: summaries.map((r) => summaryJson(ctx, r)),
      });
    }
    return html(
      deps.renderer.render('workshop', ctx, {
        title: workshop.title,
        nav: 'workshops',
        w: workshop,
        view: workshopView(ctx, workshop),
        openedText: ctx.t('workshop.openedOn', { date: ctx.date(workshop.openedAt) }),
        openedBy: workshop.openedBy,
        closedText: workshop.closedAt ? ctx.t('workshop.closedOn', { date: ctx.date(workshop.closedAt) }) : null,
        cards: summaries.map((r) => cardView(ctx, r)),
        searchHref: ctx.href('/recherche', { workshop: workshop.id }),
        listHref: ctx.href('/ateliers'),
        jsonHref: ctx.href(`/ateliers/${workshop.id}.json`),
      }),
    );
  };
}
