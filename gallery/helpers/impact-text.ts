/**
 * Time saved as pages say it (issue 20): "environ 6 h", "fait gagner environ 6 h par semaine,
 * d'après 4 agents de 3 mairies", always with the label that these are agents' own estimates and
 * how many there are. Rounded as `domain/time-saved.ts` rounds (`roundedDuration`).
 */
import { roundedDuration } from '../../domain/time-saved.js';
import type { Impact } from '../../storage/time-saved.js';
import type { PageContext } from '../context.js';

type Speaker = Pick<PageContext, 't' | 'number'>;

/** "30 min", "1,5 h", "6 h". */
export function durationText(ctx: Speaker, minutesPerWeek: number): string {
  const rounded = roundedDuration(minutesPerWeek);
  return ctx.t(rounded.unit === 'min' ? 'timeSaved.amountMinutes' : 'timeSaved.amountHours', {
    value: ctx.number(rounded.value),
  });
}

export interface ImpactView {
  /** "Fait gagner environ 6 h par semaine, d'après 4 agents de 3 mairies". */
  summary: string;
  /** "Médiane : environ 1,5 h par semaine et par agent". */
  median: string;
  /** "Estimations déclarées par les agents (4 estimations)". */
  label: string;
  minutesPerWeek: number;
}

/** What a page shows of an impact, or null when no agent reported any. */
export function impactView(ctx: Speaker, impact: Impact): ImpactView | null {
  if (impact.reports === 0) return null;
  const amount = durationText(ctx, impact.minutesPerWeek);
  const agents = ctx.t('timeSaved.agents', { count: impact.reports });
  return {
    summary:
      impact.mairies > 0
        ? ctx.t('timeSaved.summary', { amount, agents, mairies: ctx.t('timeSaved.mairies', { count: impact.mairies }) })
        : ctx.t('timeSaved.summaryNoMairie', { amount, agents }),
    median: ctx.t('timeSaved.median', { amount: durationText(ctx, impact.medianMinutesPerWeek) }),
    label: estimatesLabel(ctx, impact.reports),
    minutesPerWeek: impact.minutesPerWeek,
  };
}

/** "Estimations déclarées par les agents (4 estimations)". */
export function estimatesLabel(ctx: Speaker, reports: number): string {
  return ctx.t('timeSaved.label', { reports: ctx.t('timeSaved.reports', { count: reports }) });
}
