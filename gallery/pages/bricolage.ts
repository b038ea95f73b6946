/** One bricolage: problem, numbered steps with photos, likes, adoptions by mairie, comments, chat link. */
import { groupAdoptionsByMairie } from '../../storage/adoptions.js';
import { type BricolageDetail, loadBricolage } from '../../storage/gallery/bricolage-detail.js';
import type { SummaryRow } from '../../storage/gallery/list.js';
import { similarOnPage } from '../../storage/gallery/similar.js';
import { getProposal, type Proposal } from '../../storage/proposals.js';
import { isProvenReach, provenReach } from '../../storage/proven.js';
import { bricolageImpact, type Impact } from '../../storage/time-saved.js';
import type { PageContext } from '../context.js';
import type { GalleryDeps } from '../deps.js';
import { durationText, impactView } from '../helpers/impact-text.js';
import { shorten } from '../helpers/shorten.js';
import { html, json, type PageBuilder } from '../serve-page.js';
import { cardView, photoJson, photoView, SIZES } from '../view-models.js';

/** `/bricolages/42` or `/bricolages/42.json`; anything else falls through to the 404 page. */
const ID = /^([1-9][0-9]{0,9})(\.json)?$/;

export function bricolagePage(deps: GalleryDeps): PageBuilder {
  return async (req, ctx) => {
    const match = ID.exec(String(req.params.file));
    if (!match) return null;
    const detail = await loadBricolage(deps.db, Number(match[1]));
    if (!detail) return null;
    const [reach, proposal, impact, similar] = await Promise.all([
      provenReach(deps.db, detail.id),
      getProposal(deps.db, detail.id),
      bricolageImpact(deps.db, detail.id),
      similarOnPage(deps.db, detail.id),
    ]);
    if (match[2])
      return json({
        ...bricolageJson(ctx, detail),
        ...provenJson(ctx, reach, proposal),
        impact: impactJson(impact),
        similar: similarJson(ctx, similar),
      });
    return html(
      deps.renderer.render('bricolage', ctx, {
        ...bricolageModel(ctx, detail),
        ...provenModel(ctx, reach, proposal),
        impact: impactView(ctx, impact),
        similar: similar.map((row) => cardView(ctx, row)),
      }),
    );
  };
}

/** "A fait ses preuves" on the page: the mark and a link to `/preuves`. */
function provenModel(ctx: PageContext, reach: number, proposal: Proposal | null) {
  const proven = isProvenReach(reach, ctx.provenMin);
  return {
    proven,
    provenText: proven ? ctx.t('proven.reach', { count: reach }) : null,
    provenHref: ctx.href('/preuves'),
    proposalText: proposal ? ctx.t('proven.proposalOnPage', { status: ctx.t(`proven.status.${proposal.status}`) }) : null,
  };
}

function provenJson(ctx: PageContext, reach: number, proposal: Proposal | null) {
  return {
    proven: isProvenReach(reach, ctx.provenMin),
    provenReach: reach,
    proposal: proposal ? { status: proposal.status, updatedAt: proposal.updatedAt } : null,
  };
}

/** Time saved as agents report it (gallery/API.md): null when none reported. */
function impactJson(impact: Impact) {
  if (impact.reports === 0) return null;
  const { minutesPerWeek, medianMinutesPerWeek, reports, mairies } = impact;
  return { minutesPerWeek, medianMinutesPerWeek, reports, mairies };
}

/** "Bricolages similaires" in the JSON (gallery/API.md): up to 4, other mairies first. */
function similarJson(ctx: PageContext, rows: SummaryRow[]) {
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    url: ctx.absolute(`/bricolages/${r.id}`),
    mairie: r.author.mairie,
    category: r.category,
    likes: r.likeCount,
    adoptions: r.adoptionCount,
  }));
}

/** The documented JSON shape (gallery/API.md): keep it stable. */
export function bricolageJson(ctx: PageContext, b: BricolageDetail) {
  return {
    id: b.id,
    url: ctx.absolute(`/bricolages/${b.id}`),
    title: b.title,
    problem: b.problem,
    category: b.category,
    status: b.status,
    createdAt: b.createdAt,
    author: { id: b.author.id, name: b.author.name, mairie: b.author.mairie },
    steps: b.steps.map((s) => ({ position: s.position, text: s.text, photos: s.photos.map((p) => photoJson(ctx, p)) })),
    likes: { count: b.likers.length, by: b.likers.map((l) => ({ id: l.id, name: l.name })) },
    comments: b.comments.map((c) => ({
      id: c.id,
      author: { id: c.author.id, name: c.author.name, mairie: c.author.mairie },
      text: c.text,
      photos: c.photos.map((p) => photoJson(ctx, p)),
      createdAt: c.createdAt,
      editedAt: c.editedAt,
    })),
    adoptions: b.adoptions.map((a) => ({
      mairie: a.mairie,
      agent: { id: a.agent.id, name: a.agent.name },
      feedback: a.feedback,
      createdAt: a.createdAt,
      minutesPerWeek: a.minutesPerWeek,
    })),
    adoptionsByMairie: groupAdoptionsByMairie(b.adoptions, ctx.locale),
    chat: { platform: b.chat.platform, permalink: b.chat.permalink },
  };
}

function bricolageModel(ctx: PageContext, b: BricolageDetail) {
  const adoptionsByMairie = new Map<
    string,
    {
      mairie: string;
      entries: { agent: string; feedback: string | null; dateText: string; datetime: string; timeSaved: string | null }[];
    }
  >();
  for (const a of b.adoptions) {
    const mairie = ctx.mairie(a.mairie) ?? ctx.t('bricolage.unknownMairie');
    const group = adoptionsByMairie.get(mairie) ?? { mairie, entries: [] };
    group.entries.push({
      agent: a.agent.name,
      feedback: a.feedback,
      dateText: ctx.date(a.createdAt),
      datetime: a.createdAt,
      timeSaved: a.minutesPerWeek === null ? null : ctx.t('timeSaved.entry', { amount: durationText(ctx, a.minutesPerWeek) }),
    });
    adoptionsByMairie.set(mairie, group);
  }
  const permalink = b.chat.permalink && /^https?:\/\//i.test(b.chat.permalink) ? b.chat.permalink : null;
  return {
    title: b.title,
    description: shorten(b.problem, 160),
    nav: 'list' as const,
    b,
    dateText: ctx.date(b.publishedAt),
    datetime: b.publishedAt,
    steps: b.steps.map((s) => ({
      position: s.position,
      text: s.text,
      photos: s.photos
        .map((p, i) =>
          photoView(
            p,
            ctx.t('bricolage.stepPhotoAlt', { step: s.position, n: i + 1, text: shorten(s.text, 80) }),
            SIZES.step,
            800,
          ),
        )
        .filter((p) => p !== null),
    })),
    likeCount: b.likers.length,
    likeText: ctx.t('bricolage.likes', { count: b.likers.length }),
    likers: b.likers.map((l) => ({ name: l.name, mairie: ctx.mairie(l.mairie) })),
    authorMairie: ctx.mairie(b.author.mairie),
    commentCount: b.comments.length,
    commentText: ctx.t('bricolage.comments', { count: b.comments.length }),
    adoptionCount: b.adoptions.length,
    adoptionText: ctx.t('bricolage.adoptions', { count: b.adoptions.length }),
    comments: b.comments.map((c) => ({
      author: c.author.name,
      mairie: ctx.mairie(c.author.mairie),
      isAuthor: c.author.id === b.author.id,
      text: c.text,
      dateText: ctx.date(c.createdAt),
      datetime: c.createdAt,
      edited: c.editedAt !== null,
      photos: c.photos
        .map((p, i) => photoView(p, ctx.t('bricolage.commentPhotoAlt', { name: c.author.name, n: i + 1 }), SIZES.comment, 400))
        .filter((p) => p !== null),
    })),
    adoptionGroups: [...adoptionsByMairie.values()],
    permalink,
    chatPlatform: b.chat.platform
      ? ctx.t(`platform.${b.chat.platform === 'slack' || b.chat.platform === 'teams' ? b.chat.platform : 'local'}`)
      : null,
    listHref: ctx.href('/bricolages'),
    categoryHref: ctx.href('/bricolages', { category: b.category }),
    jsonHref: ctx.href(`/bricolages/${b.id}.json`),
    sheetHref: ctx.href(`/bricolages/${b.id}/fiche`),
    authorHref: ctx.href(`/agents/${b.author.id}`),
  };
}
