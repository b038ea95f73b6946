/**
 * Défis between mairies: the list (running, then closed) and one défi with its scoreboard (a
 * server-drawn chart and its data table), its bricolages and, once closed, its result.
 */

import type { ScoreboardRow } from '../../domain/challenge-scoring.js';
import { type ChallengeSummary, challengeDetail, countChallenges, listChallenges } from '../../storage/challenges.js';
import { summariesByIds } from '../../storage/gallery/list.js';
import type { PageContext } from '../context.js';
import type { GalleryDeps } from '../deps.js';
import { daysLeft } from '../helpers/countdown.js';
import { shorten } from '../helpers/shorten.js';
import { horizontalBars } from '../helpers/svg-charts.js';
import { html, json, type PageBuilder } from '../serve-page.js';
import { cardView, summaryJson } from '../view-models.js';
import { pageParam, pager } from './paging.js';

const PAGE_SIZE = 20;
/** Linked bricolages per page of a défi (its scoreboard is always whole). */
const BRICOLAGES = 24;
const ID = /^([1-9][0-9]{0,9})(\.json)?$/;

/** "Encore 5 jours" / "Dernier jour", or the closing date once closed. */
export function challengeView(ctx: PageContext, c: ChallengeSummary, now = new Date()) {
  const open = c.status === 'open';
  const lastDay = new Date(Date.parse(c.endsAt) - 1).toISOString();
  const left = open ? daysLeft(c.endsAt, now) : 0;
  return {
    url: ctx.href(`/defis/${c.id}`),
    title: c.title,
    description: shorten(c.description, 180),
    open,
    statusText: ctx.t(open ? 'challenge.open' : 'challenge.closed'),
    countdownText: open ? (left === 0 ? ctx.t('challenge.lastDay') : ctx.t('challenge.daysLeft', { count: left })) : null,
    endText: ctx.t(open ? 'challenge.until' : 'challenge.endedOn', { date: ctx.date(open ? lastDay : c.closedAt) }),
    datetime: open ? lastDay : c.closedAt,
    countText: ctx.t('card.bricolages', { count: c.bricolageCount }),
    winnersText: c.result?.winners.length
      ? ctx.t('challenge.winnersShort', { mairies: c.result.winners.map((m) => ctx.mairie(m) ?? m).join(', ') })
      : null,
  };
}

export function challengeJson(ctx: PageContext, c: ChallengeSummary) {
  return { ...c, url: ctx.absolute(`/defis/${c.id}`) };
}

/** The scoreboard as the JSON documents it: `{mairie, agents, bricolages, adoptions, score, rank}`. */
function scoreboardJson(rows: ScoreboardRow[]) {
  return rows.map((r) => ({
    mairie: r.mairie,
    agents: r.agents,
    activeAgents: r.activeAgents,
    bricolages: r.bricolages,
    adoptions: r.adoptions,
    score: r.score,
    rank: r.rank,
  }));
}

export function challengesPage(deps: GalleryDeps, format: 'html' | 'json'): PageBuilder {
  return async (req, ctx) => {
    const page = pageParam(req.query.page);
    const [open, closed, closedTotal] = await Promise.all([
      listChallenges(deps.db, 'open', { limit: 50 }),
      listChallenges(deps.db, 'closed', { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      countChallenges(deps.db, 'closed'),
    ]);
    if (format === 'json') {
      return json({
        open: open.map((c) => challengeJson(ctx, c)),
        closed: { items: closed.map((c) => challengeJson(ctx, c)), page, pageSize: PAGE_SIZE, total: closedTotal },
      });
    }
    return html(
      deps.renderer.render('challenges', ctx, {
        title: ctx.t('challenge.title'),
        nav: 'challenges',
        open: open.map((c) => challengeView(ctx, c)),
        closed: closed.map((c) => challengeView(ctx, c)),
        closedPager: pager(ctx, '/defis', {}, page, closedTotal, PAGE_SIZE),
        jsonHref: ctx.href('/defis.json'),
      }),
    );
  };
}

export function challengePage(deps: GalleryDeps): PageBuilder {
  return async (req, ctx) => {
    const match = ID.exec(String(req.params.id));
    if (!match) return null;
    const page = pageParam(req.query.page);
    const challenge = await challengeDetail(deps.db, Number(match[1]), {
      limit: BRICOLAGES,
      offset: (page - 1) * BRICOLAGES,
    });
    if (!challenge) return null;
    const summaries = await summariesByIds(
      deps.db,
      challenge.bricolages.map((b) => b.id),
    );
    if (match[2]) {
      return json({
        ...challengeJson(ctx, challenge),
        openedBy: challenge.openedBy,
        scoreboard: scoreboardJson(challenge.scoreboard),
        bricolages: summaries.map((r) => summaryJson(ctx, r)),
        page,
        pageSize: BRICOLAGES,
      });
    }
    const label = (m: string) => ctx.mairie(m) ?? m;
    const result = challenge.result;
    return html(
      deps.renderer.render('challenge', ctx, {
        title: challenge.title,
        nav: 'challenges',
        c: challenge,
        view: challengeView(ctx, challenge),
        openedText: ctx.t('challenge.openedOn', { date: ctx.date(challenge.openedAt) }),
        openedBy: challenge.openedBy,
        chart: challenge.scoreboard.length
          ? horizontalBars(
              {
                id: 'chart-scoreboard',
                title: ctx.t('challenge.scoreboard'),
                description: ctx.t('challenge.chartDescription', {
                  top: label(challenge.scoreboard[0].mairie),
                  score: challenge.scoreboard[0].score,
                  count: challenge.scoreboard.length,
                }),
              },
              challenge.scoreboard.map((r) => ({ label: label(r.mairie), value: r.score })),
            )
          : null,
        rows: challenge.scoreboard.map((r) => ({
          rank: r.rank,
          mairie: label(r.mairie),
          url: ctx.href(`/mairies/${r.mairie}`),
          agents: r.agents,
          activeAgents: r.activeAgents,
          bricolages: r.bricolages,
          adoptions: r.adoptions,
          score: r.score,
        })),
        result: result
          ? {
              podium: result.podium.map((p) => ({ rank: p.rank, mairie: label(p.mairie), score: p.score })),
              winners: result.winners.map(label).join(', '),
              top: result.topBricolage
                ? {
                    url: ctx.href(`/bricolages/${result.topBricolage.id}`),
                    title: result.topBricolage.title,
                    text: ctx.t('challenge.topBy', {
                      author: result.topBricolage.authorName,
                      adoptions: ctx.t('challenge.adoptions', { count: result.topBricolage.adoptions }),
                    }),
                  }
                : null,
              participantsText: ctx.t('challenge.participants', { count: result.participants }),
            }
          : null,
        cards: summaries.map((r) => cardView(ctx, r)),
        pager: pager(ctx, `/defis/${challenge.id}`, {}, page, challenge.bricolageCount, BRICOLAGES),
        listHref: ctx.href('/defis'),
        jsonHref: ctx.href(`/defis/${challenge.id}.json`),
      }),
    );
  };
}
