/** The journal and the dashboard as chat text, in the reader's language. */
import type { Locale } from '../../config.js';
import { mairieLabel } from '../../domain/mairies.js';
import type { JournalEntry } from '../../storage/audit.js';
import type { DashboardData } from '../../storage/dashboard.js';
import { t } from '../messages/index.js';

/** "29/11 14:05" in Paris time, the way a journal reads. */
function when(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: 'Europe/Paris',
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** One journal entry's action in words. */
function describe(locale: Locale, entry: JournalEntry['entry']): string {
  switch (entry.action) {
    case 'other':
      return t(locale, 'journalAction.other', { name: entry.name, subject: `${entry.subjectType} ${entry.subjectId}` });
    case 'announcement.post':
      return t(locale, 'journalAction.announcement', {
        text: entry.text.length > 60 ? `${entry.text.slice(0, 57)}…` : entry.text,
      });
    case 'animator.add':
      return t(locale, 'journalAction.animatorAdd', { name: entry.targetName });
    case 'animator.remove':
      return t(locale, 'journalAction.animatorRemove', { name: entry.targetName });
    case 'comment.hide':
      return t(locale, 'journalAction.commentHide', { id: entry.commentId, bricolageId: entry.bricolageId });
    case 'comment.restore':
      return t(locale, 'journalAction.commentRestore', { id: entry.commentId, bricolageId: entry.bricolageId });
    case 'bricolage.feature':
      return t(locale, 'journalAction.feature', { id: entry.bricolageId });
    case 'bricolage.unfeature':
      return t(locale, 'journalAction.unfeature', { id: entry.bricolageId });
    case 'bricolage.hide':
      return t(locale, 'journalAction.hide', { id: entry.bricolageId });
    case 'bricolage.restore':
      return t(locale, 'journalAction.restore', { id: entry.bricolageId });
    case 'proposal.create':
    case 'proposal.status':
      return t(locale, 'journalAction.proposal', {
        id: entry.bricolageId,
        status: t(locale, `proposal.status.${entry.status}`),
      });
  }
}

export function renderJournal(locale: Locale, entries: JournalEntry[]): string {
  if (entries.length === 0) return t(locale, 'journalEmpty');
  const lines = entries.map((e) => {
    const reason = e.reason ? t(locale, 'journalReason', { reason: e.reason }) : '';
    const who = e.actorName ?? t(locale, 'journalSystem');
    return t(locale, 'journalLine', { date: when(locale, e.at), who, what: describe(locale, e.entry) }) + reason;
  });
  return t(locale, 'journal', { lines: lines.join('\n') });
}

function sample(items: string[]): string {
  return items.length > 0 ? ` — ${items.join(', ')}` : '';
}

export function renderDashboard(locale: Locale, d: DashboardData): string {
  const sections = [
    d.quietMairies.length > 0
      ? t(locale, 'dashboardQuiet', { list: d.quietMairies.map((m) => mairieLabel(m, locale)).join(', ') })
      : t(locale, 'dashboardQuietNone'),
    t(locale, 'dashboardNoPhotos', {
      count: d.bricolagesWithoutPhotos.count,
      sample: sample(d.bricolagesWithoutPhotos.sample.map((b) => `n°${b.id} ${b.title}`)),
    }),
    t(locale, 'dashboardAwaiting', {
      count: d.adoptionsAwaitingFeedback.count,
      sample: sample(d.adoptionsAwaitingFeedback.sample.map((a) => `n°${a.bricolageId} (${a.agentName})`)),
    }),
    t(locale, 'dashboardDrafts', {
      count: d.abandonedDrafts.count,
      sample: sample(d.abandonedDrafts.sample.map((s) => s.agentName)),
    }),
    t(locale, 'dashboardFailed', {
      count: d.failedEvents.count,
      sample: sample(d.failedEvents.sample.map((e) => `#${e.id} ${e.platform}`)),
    }),
    t(locale, 'dashboardMairies', {
      count: d.unrecognisedMairies.length,
      sample: sample(d.unrecognisedMairies.map((m) => `${m.value} (${m.count})`)),
    }),
    t(locale, 'similar.dashboard', {
      count: d.likelyDuplicates.count,
      sample: sample(d.likelyDuplicates.sample.map((p) => `n°${p.a.id} ↔ n°${p.b.id}`)),
    }),
    t(locale, 'welcome.dashboard', {
      count: d.newcomersThisMonth.reduce((sum, m) => sum + m.count, 0),
      sample: sample(
        d.newcomersThisMonth.map(
          (m) => `${mairieLabel(m.mairie, locale) ?? t(locale, 'welcome.dashboardNoMairie')} (${m.count})`,
        ),
      ),
    }),
  ];
  return t(locale, 'dashboard', { sections: sections.join('\n') });
}
