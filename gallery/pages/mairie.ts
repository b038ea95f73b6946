/** A mairie: its agents, its bricolages, what it adopted from others and what others adopted from it. */

import { MAIRIES, mairieBySlug } from '../../domain/mairies.js';
import { challengesOfMairie } from '../../storage/challenges.js';
import { listBricolages } from '../../storage/gallery/list.js';
import { mairieAdoptions, mairieAgents } from '../../storage/gallery/people.js';
import { type Impact, mairieImpact } from '../../storage/time-saved.js';
import type { PageContext } from '../context.js';
import type { GalleryDeps } from '../deps.js';
import { durationText, estimatesLabel } from '../helpers/impact-text.js';
import { avatarTone, initials } from '../helpers/initials.js';
import { html, json, type PageBuilder } from '../serve-page.js';
import { cardView, summaryJson } from '../view-models.js';
import { pageParam, pager } from './paging.js';

const SLUG = /^([a-z0-9-]{1,40})(\.json)?$/;
const AGENTS = 30;
const BRICOLAGES = 8;
const ADOPTIONS = 10;

export function mairiePage(deps: GalleryDeps): PageBuilder {
  return async (req, ctx) => {
    const match = SLUG.exec(String(req.params.slug));
    const mairie = match ? mairieBySlug(match[1]) : undefined;
    const asJson = Boolean(match?.[2]);
    if (!mairie) {
      if (asJson) return { ...json({ error: ctx.t('mairie.unknownTitle') }), status: 404 };
      return {
        status: 404,
        ...html(
          deps.renderer.render('empty', ctx, {
            title: ctx.t('mairie.unknownTitle'),
            heading: ctx.t('mairie.unknownTitle'),
            message: ctx.t('mairie.unknown'),
            links: MAIRIES.map((m) => ({ url: ctx.href(`/mairies/${m.slug}`), label: ctx.mairie(m.slug) })),
          }),
        ),
      };
    }
    const page = pageParam(req.query.page);
    const [agents, bricolages, adoptions, impact, challenges] = await Promise.all([
      mairieAgents(deps.db, mairie.slug, AGENTS, (page - 1) * AGENTS),
      listBricolages(deps.db, { mairie: mairie.slug, limit: BRICOLAGES }),
      mairieAdoptions(deps.db, mairie.slug, ADOPTIONS),
      mairieImpact(deps.db, mairie.slug),
      challengesOfMairie(deps.db, mairie.slug),
    ]);
    if (asJson) {
      return json({
        slug: mairie.slug,
        url: ctx.absolute(`/mairies/${mairie.slug}`),
        name: ctx.mairie(mairie.slug),
        agents: { items: agents.items, page, pageSize: AGENTS, total: agents.total },
        bricolages: { items: bricolages.items.map((r) => summaryJson(ctx, r)), total: bricolages.total },
        adopted: { items: adoptions.adopted, total: adoptions.adoptedTotal },
        adoptedFrom: { items: adoptions.adoptedFrom, total: adoptions.adoptedFromTotal },
        impact: { adopted: impact.adopted, elsewhere: impact.elsewhere },
        challenges: challenges.map((c) => ({ ...c, url: ctx.absolute(`/defis/${c.id}`) })),
      });
    }
    const link = (a: (typeof adoptions.adopted)[number], other: string | null, key: 'mairie.from' | 'mairie.by') => ({
      url: ctx.href(`/bricolages/${a.bricolageId}`),
      title: a.title,
      other: ctx.t(key, { mairie: ctx.mairie(other) ?? ctx.t('bricolage.unknownMairie') }),
      dateText: ctx.date(a.at),
      datetime: a.at,
    });
    const name = ctx.mairie(mairie.slug) ?? mairie.slug;
    return html(
      deps.renderer.render('mairie', ctx, {
        title: name,
        name,
        agentsText: ctx.t('mairie.agentsCount', { count: agents.total }),
        publishedText: ctx.t('mairie.published', { count: bricolages.total }),
        agents: agents.items.map((a) => ({
          url: ctx.href(`/agents/${a.id}`),
          name: a.name,
          initials: initials(a.name),
          tone: avatarTone(a.id),
          publishedText: ctx.t('mairie.published', { count: a.published }),
        })),
        agentsPager: pager(ctx, `/mairies/${mairie.slug}`, {}, page, agents.total, AGENTS),
        cards: bricolages.items.map((r) => cardView(ctx, r)),
        allHref: bricolages.total > bricolages.items.length ? ctx.href('/bricolages', { mairie: mairie.slug }) : null,
        adopted: adoptions.adopted.map((a) => link(a, a.from, 'mairie.from')),
        adoptedFrom: adoptions.adoptedFrom.map((a) => link(a, a.to, 'mairie.by')),
        adoptedText: ctx.t('agent.adoptionsIn', { count: adoptions.adoptedTotal }),
        adoptedImpact: impactLine(ctx, impact.adopted, 'timeSaved.mairieAdopted'),
        elsewhereImpact: impactLine(ctx, impact.elsewhere, 'timeSaved.mairieElsewhere'),
        adoptedFromText: ctx.t('agent.adoptionsIn', { count: adoptions.adoptedFromTotal }),
        challenges: challenges.map((c) => ({
          url: ctx.href(`/defis/${c.id}`),
          title: c.title,
          statusText: ctx.t(c.status === 'open' ? 'challenge.open' : 'challenge.closed'),
          rankText:
            c.rank === null ? null : ctx.t(c.rank === 1 ? 'challenge.mairieFirst' : 'challenge.mairieRank', { rank: c.rank }),
        })),
        jsonHref: ctx.href(`/mairies/${mairie.slug}.json`),
      }),
    );
  };
}

/** "Ce que la mairie a adopté lui fait gagner environ 3 h par semaine." with its estimates' label. */
function impactLine(ctx: PageContext, impact: Impact, key: string) {
  if (impact.reports === 0) return null;
  return { text: ctx.t(key, { amount: durationText(ctx, impact.minutesPerWeek) }), label: estimatesLabel(ctx, impact.reports) };
}
