/** Home: featured ("à la une"), proven ("fait ses preuves"), recent, most liked this month, categories with counts, open workshops, the search box. */
import { listChallenges } from '../../storage/challenges.js';
import { categoryCounts, listBricolages, mostLikedSince, summariesByIds } from '../../storage/gallery/list.js';
import { listProven } from '../../storage/gallery/proven-report.js';
import { listWorkshops } from '../../storage/workshops.js';
import type { GalleryDeps } from '../deps.js';
import { categorySlug } from '../helpers/category-slug.js';
import { html, json, type PageBuilder } from '../serve-page.js';
import { cardView, summaryJson } from '../view-models.js';
import { challengeJson, challengeView } from './challenges.js';
import { workshopJson, workshopView } from './workshops.js';

const FEATURED = 4;
const RECENT = 8;
const POPULAR = 4;
const PROVEN = 4;
const WORKSHOPS = 3;

/** The first day of the current month (UTC), as stored timestamps are. */
function monthStart(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
}

export function homePage(deps: GalleryDeps, format: 'html' | 'json'): PageBuilder {
  return async (_req, ctx) => {
    const [featured, proven, recent, popular, categories, workshops, challenges] = await Promise.all([
      listBricolages(deps.db, { featuredOnly: true, limit: FEATURED }),
      listProven(deps.db, { min: ctx.provenMin, provenOnly: true, limit: PROVEN }).then((r) =>
        summariesByIds(
          deps.db,
          r.rows.map((row) => row.id),
        ),
      ),
      listBricolages(deps.db, { limit: RECENT }),
      mostLikedSince(deps.db, monthStart(), POPULAR),
      categoryCounts(deps.db),
      listWorkshops(deps.db, 'open', { limit: WORKSHOPS }),
      // The running défi ending soonest, with its countdown.
      listChallenges(deps.db, 'open', { limit: 5 }),
    ]);
    const now = new Date();
    const challenge = challenges.find((c) => Date.parse(c.endsAt) > now.getTime()) ?? null;
    const total = recent.total;
    if (format === 'json') {
      return json({
        featured: featured.items.map((r) => summaryJson(ctx, r)),
        proven: proven.map((r) => summaryJson(ctx, r)),
        recent: recent.items.map((r) => summaryJson(ctx, r)),
        popular: popular.map((r) => summaryJson(ctx, r)),
        categories: categories.map((c) => ({
          name: c.category,
          count: c.count,
          url: ctx.absolute(`/categories/${categorySlug(c.category)}`),
        })),
        workshops: workshops.map((w) => workshopJson(ctx, w)),
        challenge: challenge ? challengeJson(ctx, challenge) : null,
        total,
      });
    }
    return html(
      deps.renderer.render('home', ctx, {
        title: ctx.t('home.title'),
        nav: 'home',
        total,
        featured: featured.items.map((r) => cardView(ctx, r)),
        proven: proven.map((r) => cardView(ctx, r)),
        provenHref: ctx.href('/preuves'),
        recent: recent.items.map((r) => cardView(ctx, r)),
        popular: popular.map((r) => cardView(ctx, r)),
        categories: categories.map((c) => ({
          name: c.category,
          countText: ctx.t('card.bricolages', { count: c.count }),
          url: ctx.href(`/categories/${categorySlug(c.category)}`),
        })),
        workshops: workshops.map((w) => workshopView(ctx, w)),
        workshopsHref: ctx.href('/ateliers'),
        challenges: challenge ? [challengeView(ctx, challenge, now)] : [],
        challengesHref: ctx.href('/defis'),
        hasMore: total > recent.items.length,
        listHref: ctx.href('/bricolages'),
        popularHref: ctx.href('/bricolages', { sort: 'likes' }),
        lang: ctx.explicitLang ? ctx.locale : null,
      }),
    );
  };
}
