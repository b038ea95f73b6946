/**
 * Statistics: bricolages per month, likes and comments per month, contributions per mairie and the
 * adoptions between mairies, each as a server-drawn accessible SVG chart followed by its data table.
 */

import { MAIRIES } from '../../domain/mairies.js';
import { adoptionFlows, contributionsByMairie, monthlyStats } from '../../storage/gallery/stats.js';
import { impactByMonth, type MonthImpact, overallImpact } from '../../storage/time-saved.js';
import type { PageContext } from '../context.js';
import type { GalleryDeps } from '../deps.js';
import { localeTag } from '../helpers/format-date.js';
import { durationText, estimatesLabel } from '../helpers/impact-text.js';
import { barChart, horizontalBars, lineChart, matrixChart } from '../helpers/svg-charts.js';
import { html, json, type PageBuilder } from '../serve-page.js';

function monthLabel(ctx: PageContext, key: string, style: 'short' | 'long'): string {
  const [year, month] = key.split('-').map(Number);
  return new Intl.DateTimeFormat(localeTag(ctx.locale), {
    month: style === 'short' ? 'short' : 'long',
    year: style === 'short' ? '2-digit' : 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, 1)));
}

/** The short mairie label of the matrix axes: its number, or the central one's short name. */
function shortMairie(ctx: PageContext, slug: string | null): string {
  const mairie = MAIRIES.find((m) => m.slug === slug);
  if (!mairie) return ctx.t('stats.otherShort');
  return mairie.number === null ? ctx.t('stats.centralShort') : String(mairie.number);
}

export function statsPage(deps: GalleryDeps, format: 'html' | 'json'): PageBuilder {
  return async (_req, ctx) => {
    const [monthly, contributions, flows, timeMonths, timeOverall] = await Promise.all([
      monthlyStats(deps.db),
      contributionsByMairie(deps.db),
      adoptionFlows(deps.db),
      impactByMonth(deps.db),
      overallImpact(deps.db),
    ]);
    const between = flows.filter((f) => f.from !== null && f.to !== null && f.from !== f.to);
    if (format === 'json') {
      return json({ monthly, contributions, adoptions: between, timeSaved: { overall: timeOverall, months: timeMonths } });
    }

    const months = monthly.months.map((m) => ({ short: monthLabel(ctx, m, 'short'), long: monthLabel(ctx, m, 'long') }));
    const first = months[0].long;
    const last = months[months.length - 1].long;
    const perMairie = contributions
      .map((c) => ({ label: ctx.mairie(c.mairie) ?? ctx.t('bricolage.unknownMairie'), value: c.count }))
      .sort((a, b) => b.value - a.value);
    // The matrix keeps only mairies that appear in some adoption between two mairies.
    const involved = MAIRIES.filter((m) => between.some((f) => f.from === m.slug || f.to === m.slug)).map((m) => m.slug);
    const matrix = involved.map((from) => involved.map((to) => between.find((f) => f.from === from && f.to === to)?.count ?? 0));
    const totalBetween = between.reduce((s, f) => s + f.count, 0);

    return html(
      deps.renderer.render('stats', ctx, {
        title: ctx.t('stats.title'),
        nav: 'stats',
        bricolagesChart: barChart(
          {
            id: 'chart-bricolages',
            title: ctx.t('stats.bricolages'),
            description: ctx.t('stats.chartBricolages', { first, last, max: Math.max(...monthly.bricolages) }),
          },
          months.map((m) => m.short),
          monthly.bricolages,
        ),
        engagementChart: lineChart(
          {
            id: 'chart-engagement',
            title: ctx.t('stats.engagement'),
            description: ctx.t('stats.chartEngagement', { first, last }),
          },
          months.map((m) => m.short),
          [
            { name: ctx.t('stats.likes'), values: monthly.likes },
            { name: ctx.t('stats.comments'), values: monthly.comments },
          ],
        ),
        monthRows: months.map((m, i) => ({
          month: m.long,
          bricolages: monthly.bricolages[i],
          likes: monthly.likes[i],
          comments: monthly.comments[i],
        })),
        mairiesChart: perMairie.length
          ? horizontalBars(
              {
                id: 'chart-mairies',
                title: ctx.t('stats.mairies'),
                description: ctx.t('stats.chartMairies', { top: perMairie[0].label, max: perMairie[0].value }),
              },
              perMairie,
            )
          : null,
        mairieRows: perMairie,
        flowsChart: involved.length
          ? matrixChart(
              { id: 'chart-flows', title: ctx.t('stats.flows'), description: ctx.t('stats.chartFlows', { total: totalBetween }) },
              involved.map((m) => shortMairie(ctx, m)),
              involved.map((m) => shortMairie(ctx, m)),
              matrix,
            )
          : null,
        flowRows: between
          .map((f) => ({ from: ctx.mairie(f.from), to: ctx.mairie(f.to), count: f.count }))
          .sort((a, b) => b.count - a.count),
        ...timeSavedModel(ctx, timeMonths),
        jsonHref: ctx.href('/stats.json'),
      }),
    );
  };
}

/** Time saved per week, month by month (issue 20): a bar chart in hours and its data table. */
function timeSavedModel(ctx: PageContext, months: MonthImpact[]) {
  const last = months.at(-1);
  if (!last || last.reports === 0) return { timeSavedChart: null, timeSavedRows: [], timeSavedLabel: null };
  const hours = months.map((m) => Math.round((m.minutesPerWeek / 60) * 10) / 10);
  return {
    timeSavedChart: barChart(
      {
        id: 'chart-time-saved',
        title: ctx.t('timeSaved.chartTitle'),
        description: ctx.t('timeSaved.chartDescription', {
          first: monthLabel(ctx, months[0]?.month ?? last.month, 'long'),
          last: monthLabel(ctx, last.month, 'long'),
          lastAmount: durationText(ctx, last.minutesPerWeek),
          reports: ctx.t('timeSaved.reports', { count: last.reports }),
        }),
      },
      months.map((m) => monthLabel(ctx, m.month, 'short')),
      hours,
    ),
    timeSavedRows: months.map((m, i) => ({
      month: monthLabel(ctx, m.month, 'long'),
      hours: ctx.number(hours[i] ?? 0),
      minutes: ctx.number(m.minutesPerWeek),
      reports: m.reports,
    })),
    timeSavedLabel: estimatesLabel(ctx, last.reports),
  };
}
