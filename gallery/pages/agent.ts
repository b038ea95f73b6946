/** A contributor's portrait: initials avatar, mairie, level and progress, badges, bricolages, where adopted. */

import { mairieBySlug } from '../../domain/mairies.js';
import { standingOf } from '../../domain/scoring.js';
import { listBricolages } from '../../storage/gallery/list.js';
import { adoptionsOfAuthor, countCommentsWritten, getAgentSummary } from '../../storage/gallery/people.js';
import { loadAgentFacts } from '../../storage/points.js';
import type { GalleryDeps } from '../deps.js';
import { avatarTone, initials } from '../helpers/initials.js';
import { html, json, type PageBuilder } from '../serve-page.js';
import { cardView, summaryJson } from '../view-models.js';
import { pageParam, pager } from './paging.js';

const ID = /^([1-9][0-9]{0,9})(\.json)?$/;
const PAGE_SIZE = 12;

export function agentPage(deps: GalleryDeps): PageBuilder {
  return async (req, ctx) => {
    const match = ID.exec(String(req.params.id));
    if (!match) return null;
    const asJson = Boolean(match[2]);
    const agent = await getAgentSummary(deps.db, Number(match[1]));
    if (!agent) {
      if (asJson) return { ...json({ error: ctx.t('agent.unknownTitle') }), status: 404 };
      return {
        status: 404,
        ...html(
          deps.renderer.render('empty', ctx, {
            title: ctx.t('agent.unknownTitle'),
            heading: ctx.t('agent.unknownTitle'),
            message: ctx.t('agent.unknown'),
            links: [{ url: ctx.href('/classement'), label: ctx.t('layout.navRanking') }],
          }),
        ),
      };
    }
    const page = pageParam(req.query.page);
    const [facts, bricolages, adoptedIn, commentsWritten] = await Promise.all([
      loadAgentFacts(deps.db, agent.id, '', deps.config.provenMinMairies),
      listBricolages(deps.db, { authorId: agent.id, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      adoptionsOfAuthor(deps.db, agent.id),
      countCommentsWritten(deps.db, agent.id),
    ]);
    const standing = standingOf(facts);
    if (asJson) {
      return json({
        id: agent.id,
        url: ctx.absolute(`/agents/${agent.id}`),
        name: agent.name,
        mairie: agent.mairie,
        points: standing.points,
        level: standing.level,
        next: standing.next,
        badges: standing.badges,
        commentsWritten,
        adoptedIn,
        bricolages: {
          items: bricolages.items.map((r) => summaryJson(ctx, r)),
          page,
          pageSize: PAGE_SIZE,
          total: bricolages.total,
        },
      });
    }
    const mairie = mairieBySlug(agent.mairie);
    return html(
      deps.renderer.render('agent', ctx, {
        title: agent.name,
        agent,
        initials: initials(agent.name),
        tone: avatarTone(agent.id),
        mairieLabel: ctx.mairie(agent.mairie),
        mairieHref: mairie ? ctx.href(`/mairies/${mairie.slug}`) : null,
        pointsText: ctx.t('agent.points', { count: standing.points }),
        levelText: ctx.t(`level.${standing.level}`),
        progressPercent: Math.round(standing.progress * 100),
        nextText: standing.next
          ? ctx.t('agent.toNext', { missing: standing.next.missing, level: ctx.t(`level.${standing.next.level}`) })
          : ctx.t('agent.top'),
        badges: standing.badges.map((b) => ({ key: b, label: ctx.t(`badge.${b}`) })),
        publishedText: ctx.t('agent.published', { count: bricolages.total }),
        commentsText: ctx.t('agent.comments', { count: commentsWritten }),
        cards: bricolages.items.map((r) => cardView(ctx, r)),
        adoptedIn: adoptedIn.map((a) => ({
          label: ctx.mairie(a.mairie) ?? ctx.t('bricolage.unknownMairie'),
          countText: ctx.t('agent.adoptionsIn', { count: a.count }),
        })),
        pager: pager(ctx, `/agents/${agent.id}`, {}, page, bricolages.total, PAGE_SIZE),
        jsonHref: ctx.href(`/agents/${agent.id}.json`),
      }),
    );
  };
}
