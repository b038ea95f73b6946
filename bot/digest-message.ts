/**
 * The weekly digest as words: a pure function of the week's activity, so its content and plural
 * forms are tested without a clock or a chat.
 */
import type { Locale } from '../config.js';
import { mairieLabel } from '../domain/mairies.js';
import type { ChallengeSummary } from '../storage/challenges.js';
import type { WeekActivity } from '../storage/digest.js';
import type { ProvenAnnounced } from '../storage/proven.js';
import type { Impact } from '../storage/time-saved.js';
import type { WorkshopSummary } from '../storage/workshops.js';
import { challengeUrl, lastDayText } from './challenges/labels.js';
import { t } from './messages/index.js';
import type { OutboundMessage } from './ports.js';
import { amountText } from './time-saved/amount.js';
import { authorLabel } from './workshops/labels.js';

export interface DigestInput {
  locale: Locale;
  /** Gallery base URL, without trailing slash. */
  publicUrl: string;
  /** The window's first and last instants, shown as dates in Paris time. */
  from: Date;
  to: Date;
  activity: WeekActivity;
  openWorkshops: WorkshopSummary[];
  /** Bricolages announced as proven in the window (`storage/proven.ts`), widest reach first. */
  proven?: { items: ProvenAnnounced[]; total: number };
  /** Time-saved reports made in the window, and all of them (`storage/time-saved.ts`). */
  timeSaved?: { week: Impact; total: Impact };
  /** Défis running at the slot, and those closed in the window with their result. */
  challenges?: { open: ChallengeSummary[]; closed: ChallengeSummary[] };
}

const TIME_ZONE = 'Europe/Paris';

function day(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    timeZone: TIME_ZONE,
  }).format(date);
}

export function digestMessage(input: DigestInput): OutboundMessage {
  const { locale, activity } = input;
  const url = (id: number) => `${input.publicUrl}/bricolages/${id}`;
  const mairie = (stored: string | null) => mairieLabel(stored, locale) ?? t(locale, 'digest.unknownMairie');
  const sections: string[][] = [[t(locale, 'digest.title', { from: day(locale, input.from), to: day(locale, input.to) })]];

  // A capped list says how many more the gallery holds.
  const capped = (header: string, lines: string[], total: number) => {
    const more = total - lines.length;
    return more > 0 ? [header, ...lines, t(locale, 'digest.more', { count: more })] : [header, ...lines];
  };
  if (activity.newCount > 0) {
    const lines = activity.newBricolages.map((b) =>
      t(locale, 'digest.bricolageLine', {
        id: b.id,
        title: b.title,
        author: authorLabel(locale, b.authorName, b.mairie),
        url: url(b.id),
      }),
    );
    sections.push(capped(t(locale, 'digest.newHeader', { count: activity.newCount }), lines, activity.newCount));
  }
  if (activity.mostLiked.length > 0) {
    sections.push([
      t(locale, 'digest.likedHeader'),
      ...activity.mostLiked.map((b) =>
        t(locale, 'digest.likedLine', { id: b.id, title: b.title, likes: t(locale, 'digest.likes', { count: b.likes }) }),
      ),
    ]);
  }
  if (activity.adoptionCount > 0) {
    const lines = activity.adoptions.map((a) =>
      t(locale, 'digest.adoptionLine', {
        adopter: mairie(a.adopterMairie),
        title: a.title,
        id: a.bricolageId,
        origin: mairie(a.originMairie),
      }),
    );
    sections.push(capped(t(locale, 'digest.adoptedHeader', { count: activity.adoptionCount }), lines, activity.adoptionCount));
  }
  if (input.proven && input.proven.total > 0) {
    const lines = input.proven.items.map((b) =>
      t(locale, 'digest.provenLine', {
        id: b.id,
        title: b.title,
        author: b.authorName,
        mairies: t(locale, 'proven.mairies', { count: b.reach }),
      }),
    );
    sections.push(capped(t(locale, 'digest.provenHeader', { count: input.proven.total }), lines, input.proven.total));
  }
  if (input.timeSaved && input.timeSaved.week.reports > 0) {
    const { week, total } = input.timeSaved;
    sections.push([
      t(locale, 'timeSaved.digest', {
        count: week.reports,
        amount: amountText(locale, week.minutesPerWeek),
        total: amountText(locale, total.minutesPerWeek),
      }),
    ]);
  }
  if (input.openWorkshops.length > 0) {
    sections.push([
      t(locale, 'digest.workshopsHeader'),
      ...input.openWorkshops.map((w) =>
        t(locale, 'digest.workshopLine', {
          id: w.id,
          title: w.title,
          bricolages: t(locale, 'workshop.bricolageCount', { count: w.bricolageCount }),
        }),
      ),
    ]);
  }
  sections.push(...challengeSections(input));
  sections.push([t(locale, 'digest.footer', { url: `${input.publicUrl}/` })]);
  return { text: sections.map((lines) => lines.join('\n')).join('\n\n') };
}

/** The défis part of the digest: the running ones with their end dates, then the week's results. */
function challengeSections(input: DigestInput): string[][] {
  const { locale } = input;
  const sections: string[][] = [];
  const open = input.challenges?.open ?? [];
  const closed = input.challenges?.closed ?? [];
  if (open.length > 0) {
    sections.push([
      t(locale, 'challenge.digestOpenHeader'),
      ...open.map((c) =>
        t(locale, 'challenge.digestOpenLine', {
          id: c.id,
          title: c.title,
          end: lastDayText(locale, c.endsAt),
          bricolages: t(locale, 'challenge.bricolageCount', { count: c.bricolageCount }),
        }),
      ),
    ]);
  }
  if (closed.length > 0) {
    sections.push([
      t(locale, 'challenge.digestResultsHeader'),
      ...closed.map((c) =>
        t(locale, 'challenge.digestResultLine', {
          title: c.title,
          winners: c.result?.winners.length
            ? c.result.winners.map((m) => mairieLabel(m, locale) ?? m).join(', ')
            : t(locale, 'challenge.digestNoWinner'),
          url: challengeUrl(input.publicUrl, c.id),
        }),
      ),
    ]);
  }
  return sections;
}
