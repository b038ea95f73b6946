/**
 * The leaderboard: agents and mairies by points this week, this month or all time, by the one set of
 * scoring rules (domain/scoring.ts, computed in SQL by storage/points.ts).
 */
import { mairieBySlug } from '../../domain/mairies.js';
import { COMMENTS_COUNTED_PER_DAY, POINTS } from '../../domain/scoring.js';
import { agentLeaderboard, mairieLeaderboard, type Period } from '../../storage/points.js';
import type { GalleryDeps } from '../deps.js';
import { html, json, type PageBuilder } from '../serve-page.js';
import { pageParam, pager } from './paging.js';

const PERIODS: readonly Period[] = ['week', 'month', 'all'];
const AGENTS = 20;
/** The rules as shown, with their values from the one scoring module. */
const RULES: Record<string, Record<string, number>> = {
  publish: { n: POINTS.publish },
  like: { n: POINTS.likeReceived },
  comment: { n: POINTS.commentReceived },
  adoption: { same: POINTS.adoptionSameMairie, other: POINTS.adoptionOtherMairie },
  written: { n: POINTS.commentWritten, max: COMMENTS_COUNTED_PER_DAY },
  feedback: { n: POINTS.adoptionFeedback },
};

export function rankingPage(deps: GalleryDeps, format: 'html' | 'json'): PageBuilder {
  return async (req, ctx) => {
    const asked = typeof req.query.period === 'string' ? req.query.period : '';
    const period: Period = (PERIODS as readonly string[]).includes(asked) ? (asked as Period) : 'month';
    const page = pageParam(req.query.page);
    const [agents, mairies] = await Promise.all([
      agentLeaderboard(deps.db, { period, page, pageSize: AGENTS }),
      mairieLeaderboard(deps.db, { period, pageSize: 25 }),
    ]);
    if (format === 'json') return json({ period, agents, mairies: mairies.rows });
    const keep = { period: period === 'month' ? undefined : period };
    return html(
      deps.renderer.render('ranking', ctx, {
        title: ctx.t('ranking.title'),
        nav: 'ranking',
        periods: PERIODS.map((p) => ({
          label: ctx.t(`ranking.${p}`),
          url: ctx.href('/classement', { period: p === 'month' ? undefined : p }),
          current: p === period,
        })),
        periodText: ctx.t(`ranking.${period}`),
        agents: agents.rows.map((r) => ({
          rank: r.rank,
          name: r.name,
          url: ctx.href(`/agents/${r.agentId}`),
          mairie: ctx.mairie(r.mairie),
          points: r.points,
        })),
        agentsPager: pager(ctx, '/classement', keep, page, agents.total, AGENTS),
        mairies: mairies.rows.map((r) => ({
          rank: r.rank,
          name: ctx.mairie(r.mairie) ?? r.mairie,
          url: mairieBySlug(r.mairie) ? ctx.href(`/mairies/${r.mairie}`) : null,
          points: r.points,
          agents: r.agents,
        })),
        rules: Object.entries(RULES).map(([key, vars]) => ctx.t(`ranking.rule.${key}`, vars)),
        jsonHref: ctx.href('/classement.json', keep),
      }),
    );
  };
}
