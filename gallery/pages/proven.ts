/**
 * `/preuves` for the central directorate's referent: proven bricolages and proposals with their
 * status, adopting mairies and dates, feedback quotes, likes and comments, widest reach first;
 * filtered by category and status, paged by 20 in SQL. The same rows as JSON (`/preuves.json`), as
 * CSV for spreadsheets (`/preuves.csv`: UTF-8 with BOM, `;`) and as a printable A4 report
 * (`/preuves/rapport`: one bricolage per section, a QR code to each page).
 */
import type { Request } from 'express';
import {
  listProven,
  PROVEN_SORTS,
  PROVEN_STATUS_FILTERS,
  type ProvenRow,
  type ProvenSort,
  type ProvenStatusFilter,
} from '../../storage/gallery/proven-report.js';
import type { PageContext } from '../context.js';
import type { GalleryDeps } from '../deps.js';
import { type CsvCell, toCsv } from '../helpers/csv.js';
import { impactView } from '../helpers/impact-text.js';
import { html, json, type PageBuilder, type PageResult } from '../serve-page.js';
import { pageParam, pager } from './paging.js';
import { qrSvg } from './sheet.js';

export const PROVEN_PAGE_SIZE = 20;

export type ProvenFormat = 'html' | 'json' | 'csv' | 'report';

interface Params {
  category: string;
  status: ProvenStatusFilter | '';
  sort: ProvenSort;
  page: number;
}

function readParams(req: Request, deps: GalleryDeps): Params {
  const category = typeof req.query.category === 'string' ? req.query.category.trim().slice(0, 200) : '';
  const status = typeof req.query.status === 'string' ? req.query.status.trim() : '';
  const sort = typeof req.query.sort === 'string' ? req.query.sort.trim() : '';
  return {
    category: deps.config.categories.includes(category) ? category : '',
    status: (PROVEN_STATUS_FILTERS as readonly string[]).includes(status) ? (status as ProvenStatusFilter) : '',
    sort: (PROVEN_SORTS as readonly string[]).includes(sort) ? (sort as ProvenSort) : 'reach',
    page: pageParam(req.query.page),
  };
}

/** The status a row shows: its proposal's, or "not proposed yet". */
function statusOf(row: ProvenRow): ProvenStatusFilter {
  return row.proposal?.status ?? 'unproposed';
}

export function provenPage(deps: GalleryDeps, format: ProvenFormat): PageBuilder {
  return async (req, ctx) => {
    const p = readParams(req, deps);
    const { rows, total } = await listProven(deps.db, {
      min: ctx.provenMin,
      category: p.category || undefined,
      status: p.status || undefined,
      sort: p.sort,
      limit: PROVEN_PAGE_SIZE,
      offset: (p.page - 1) * PROVEN_PAGE_SIZE,
    });
    const sort = p.sort === 'reach' ? undefined : p.sort;
    const keep = {
      category: p.category || undefined,
      status: p.status || undefined,
      sort,
      page: p.page > 1 ? p.page : undefined,
    };
    switch (format) {
      case 'json':
        return json({
          items: rows.map((r) => rowJson(ctx, r)),
          query: { category: p.category || null, status: p.status || null, sort: p.sort },
          threshold: ctx.provenMin,
          page: p.page,
          pageSize: PROVEN_PAGE_SIZE,
          total,
        });
      case 'csv':
        return csv(ctx, rows);
      case 'report':
        return report(deps, ctx, rows, keep);
      default:
        return html(
          deps.renderer.render('proven', ctx, {
            title: ctx.t('proven.title'),
            nav: 'proven',
            description: ctx.t('proven.lead', { count: ctx.provenMin }),
            leadText: ctx.t('proven.lead', { count: ctx.provenMin }),
            resultsText: ctx.t('proven.results', { count: total }),
            rows: rows.map((r) => rowView(ctx, r)),
            categories: deps.config.categories.map((value) => ({ value, selected: value === p.category })),
            statuses: PROVEN_STATUS_FILTERS.map((value) => ({
              value,
              label: ctx.t(`proven.status.${value}`),
              selected: value === p.status,
            })),
            sorts: PROVEN_SORTS.map((value) => ({
              value,
              label: ctx.t(value === 'reach' ? 'timeSaved.sortReach' : 'timeSaved.sortTimeSaved'),
              selected: value === p.sort,
            })),
            lang: ctx.explicitLang ? ctx.locale : null,
            pager: pager(
              ctx,
              '/preuves',
              { category: keep.category, status: keep.status, sort },
              p.page,
              total,
              PROVEN_PAGE_SIZE,
            ),
            jsonHref: ctx.href('/preuves.json', keep),
            csvHref: ctx.href('/preuves.csv', keep),
            reportHref: ctx.href('/preuves/rapport', keep),
          }),
        );
    }
  };
}

function rowView(ctx: PageContext, r: ProvenRow) {
  const status = statusOf(r);
  return {
    id: r.id,
    title: r.title,
    href: ctx.href(`/bricolages/${r.id}`),
    category: r.category,
    author: r.author.name,
    authorHref: ctx.href(`/agents/${r.author.id}`),
    authorMairie: ctx.mairie(r.author.mairie),
    proven: r.proven,
    reachText: ctx.t('proven.reach', { count: r.reach }),
    status,
    statusText: ctx.t(`proven.status.${status}`),
    likeText: ctx.t('bricolage.likes', { count: r.likeCount }),
    commentText: ctx.t('bricolage.comments', { count: r.commentCount }),
    adoptionText: ctx.t('bricolage.adoptions', { count: r.adoptionCount }),
    mairies: r.mairies.map((m) => ({
      label: ctx.mairie(m.mairie) ?? m.mairie,
      dateText: ctx.date(m.firstAt),
      datetime: m.firstAt,
      agentsText: ctx.t('proven.agents', { count: m.agents }),
    })),
    quotes: r.quotes.map((q) => ({
      text: q.text,
      who: q.mairie ? `${q.agentName}, ${ctx.mairie(q.mairie) ?? q.mairie}` : q.agentName,
      dateText: ctx.date(q.at),
      datetime: q.at,
    })),
    events: (r.proposal?.events ?? []).map((e) => ({
      statusText: ctx.t(`proven.status.${e.status}`),
      note: e.note,
      dateText: ctx.date(e.at),
      datetime: e.at,
    })),
    impact: impactView(ctx, r.impact),
  };
}

/** The documented JSON shape (gallery/API.md): keep it stable. */
function rowJson(ctx: PageContext, r: ProvenRow) {
  return {
    id: r.id,
    url: ctx.absolute(`/bricolages/${r.id}`),
    title: r.title,
    category: r.category,
    author: r.author,
    proven: r.proven,
    reach: r.reach,
    status: statusOf(r),
    likeCount: r.likeCount,
    commentCount: r.commentCount,
    adoptionCount: r.adoptionCount,
    mairies: r.mairies.map((m) => ({
      mairie: m.mairie,
      label: ctx.mairie(m.mairie),
      firstAdoptedAt: m.firstAt,
      agents: m.agents,
    })),
    quotes: r.quotes.map((q) => ({ agent: q.agentName, mairie: q.mairie, text: q.text, at: q.at })),
    impact:
      r.impact.reports === 0
        ? null
        : {
            minutesPerWeek: r.impact.minutesPerWeek,
            medianMinutesPerWeek: r.impact.medianMinutesPerWeek,
            reports: r.impact.reports,
            mairies: r.impact.mairies,
          },
    proposal: r.proposal
      ? {
          status: r.proposal.status,
          updatedAt: r.proposal.updatedAt,
          events: r.proposal.events.map((e) => ({ status: e.status, note: e.note, at: e.at })),
        }
      : null,
  };
}

/** The table for the referent's own tools: one line per row of the page, in the page's order. */
function csv(ctx: PageContext, rows: ProvenRow[]): PageResult {
  const header: CsvCell[] = [
    'id',
    'title',
    'category',
    'author',
    'authorMairie',
    'status',
    'reach',
    'mairies',
    'adoptions',
    'likes',
    'comments',
    'quotes',
    'minutesPerWeek',
    'timeReports',
    'url',
  ].map((key) => ctx.t(`proven.csv.${key}`));
  const lines: CsvCell[][] = rows.map((r) => [
    r.id,
    r.title,
    r.category,
    r.author.name,
    ctx.mairie(r.author.mairie) ?? '',
    ctx.t(`proven.status.${statusOf(r)}`),
    r.reach,
    r.mairies.map((m) => `${ctx.mairie(m.mairie) ?? m.mairie} (${ctx.date(m.firstAt)})`).join(' | '),
    r.adoptionCount,
    r.likeCount,
    r.commentCount,
    r.quotes.map((q) => ctx.t('proven.csvQuote', { text: q.text, agent: q.agentName })).join(' | '),
    r.impact.reports ? r.impact.minutesPerWeek : '',
    r.impact.reports,
    ctx.absolute(`/bricolages/${r.id}`),
  ]);
  return { type: 'csv', body: toCsv([header, ...lines]) };
}

async function report(
  deps: GalleryDeps,
  ctx: PageContext,
  rows: ProvenRow[],
  keep: Record<string, string | number | undefined>,
): Promise<PageResult> {
  const sections = await Promise.all(
    rows.map(async (r) => {
      const url = ctx.absolute(`/bricolages/${r.id}`);
      return { ...rowView(ctx, r), url, qr: await qrSvg(url), qrAlt: ctx.t('sheet.qrAlt', { url }) };
    }),
  );
  return html(
    deps.renderer.renderDocument('proven-report', ctx, {
      title: ctx.t('proven.reportTitle'),
      leadText: ctx.t('proven.lead', { count: ctx.provenMin }),
      dateText: ctx.date(new Date().toISOString()),
      sections,
      backHref: ctx.href('/preuves', keep),
    }),
  );
}
