/** Home: featured ("à la une"), proven ("fait ses preuves"), recent, most liked this month, categories with counts, open workshops, the search box. */
import { listChallenges } from '../../storage/challenges.js';
import { categoryCounts, mostLikedSince, pageOfIds, summariesByIds } from '../../storage/gallery/list.js';
import { listProven } from '../../storage/gallery/proven-report.js';
import { listWorkshops } from '../../storage/workshops.js';
import type { GalleryDeps } from '../deps.js';
import { categorySlug } from '../helpers/category-slug.js';
import { lagging } from '../helpers/lagging.js';
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

/**
 * How late the home page's aggregates may be: the rankings ("fait ses preuves", "most liked this
 * month") and the counts per category (and so the total) are computed at most every 10 s (see
 * `helpers/lagging.ts`), not after every like: they read thousands of rows, and every like makes
 * the page stale. Everything else is read at each data version: the cards (in the rankings too), so
 * a like shows at once in its count and a hidden bricolage leaves at once (spare ids fill its place),
 * the featured and recent bricolages, the workshops and the défi.
 */
const AGGREGATE_LAG_MS = 10_000;
const SPARE = 4;

interface Aggregates {
  proven: () => Promise<number[]>;
  popular: () => Promise<number[]>;
  categories: () => Promise<{ category: string; count: number }[]>;
}

/** One set per gallery: the HTML and JSON home pages share them. */
const aggregatesOf = new WeakMap<GalleryDeps, Aggregates>();

function aggregates(deps: GalleryDeps): Aggregates {
  let kept = aggregatesOf.get(deps);
  if (!kept) {
    const { db } = deps;
    const min = deps.config.provenMinMairies;
    kept = {
      proven: lagging(
        async () => (await listProven(db, { min, provenOnly: true, limit: PROVEN + SPARE })).rows.map((row) => row.id),
        AGGREGATE_LAG_MS,
      ),
      popular: lagging(
        async () => (await mostLikedSince(db, monthStart(), POPULAR + SPARE)).map((row) => row.id),
        AGGREGATE_LAG_MS,
      ),
      categories: lagging(() => categoryCounts(db), AGGREGATE_LAG_MS),
    };
    aggregatesOf.set(deps, kept);
  }
  return kept;
}

export function homePage(deps: GalleryDeps, format: 'html' | 'json'): PageBuilder {
  return async (_req, ctx) => {
    const lagged = aggregates(deps);
    const [provenIds, popularIds, categories] = await Promise.all([lagged.proven(), lagged.popular(), lagged.categories()]);
    const [featuredIds, recentIds, workshops, challenges] = await Promise.all([
      pageOfIds(deps.db, { featuredOnly: true, limit: FEATURED }),
      pageOfIds(deps.db, { limit: RECENT }),
      listWorkshops(deps.db, 'open', { limit: WORKSHOPS }),
      // The running défi ending soonest, with its countdown.
      listChallenges(deps.db, 'open', { limit: 5 }),
    ]);
    // Every card of the page in one read, at this data version.
    const summaries = await summariesByIds(deps.db, [...new Set([...featuredIds, ...recentIds, ...provenIds, ...popularIds])]);
    const byId = new Map(summaries.map((r) => [r.id, r]));
    const cards = (ids: number[], limit: number) => ids.flatMap((id) => byId.get(id) ?? []).slice(0, limit);
    const featured = cards(featuredIds, FEATURED);
    const recent = cards(recentIds, RECENT);
    const proven = cards(provenIds, PROVEN);
    const popular = cards(popularIds, POPULAR);
    const now = new Date();
    const challenge = challenges.find((c) => Date.parse(c.endsAt) > now.getTime()) ?? null;
    const total = categories.reduce((sum, c) => sum + c.count, 0);
    if (format === 'json') {
      return json({
        featured: featured.map((r) => summaryJson(ctx, r)),
        proven: proven.map((r) => summaryJson(ctx, r)),
        recent: recent.map((r) => summaryJson(ctx, r)),
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
        featured: featured.map((r) => cardView(ctx, r)),
        proven: proven.map((r) => cardView(ctx, r)),
        provenHref: ctx.href('/preuves'),
        recent: recent.map((r) => cardView(ctx, r)),
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
        hasMore: total > recent.length,
        listHref: ctx.href('/bricolages'),
        popularHref: ctx.href('/bricolages', { sort: 'likes' }),
        lang: ctx.explicitLang ? ctx.locale : null,
      }),
    );
  };
}
