/**
 * Draft reminders, a scheduler job: a draft untouched for 3 days gets one friendly DM with resume /
 * drop buttons (answered by the wizard). The conversation is marked reminded before the DM is sent,
 * and the mark stays while the draft lives, so a draft is never reminded twice, even by two instances.
 */
import type { Locale } from '../config.js';
import { claimReminder, listUnremindedSince } from '../storage/conversations.js';
import { isLocale, t } from './messages/index.js';
import { tp } from './messages/plural.js';
import type { ChatPort, OutboundMessage } from './ports.js';
import type { ScheduledJob } from './scheduler.js';
import type { BotDeps } from './turn.js';
import { ACTION_ID } from './wizard/advance.js';
import { parseState, type WizardState } from './wizard/state.js';

export const REMINDERS_JOB = 'draft-reminders';
/** How long a draft stays untouched before its reminder. */
export const REMIND_AFTER_MS = 3 * 24 * 3600 * 1000;
/** Drafts looked at per run; the next run takes the rest. */
const BATCH = 100;

export interface ReminderDeps extends BotDeps {
  ports(): ChatPort[];
}

export function remindersJob(deps: ReminderDeps): ScheduledJob {
  // Every quarter of an hour, and at start: a reminder arrives at most 15 minutes after the 3 days.
  return {
    name: REMINDERS_JOB,
    cron: '*/15 * * * *',
    runAtStart: true,
    run: ({ slot }) => sendReminders(deps, slot).then(() => undefined),
  };
}

const isEmpty = (draft: WizardState['draft']) =>
  !draft.title && !draft.problem && draft.steps.length === 0 && draft.pendingPhotos.length === 0;

/** Whether the agent threw a written draft away for a fresh one (`recommencer`): a new draft. */
export function startedOver(before: WizardState | null, after: WizardState | null): boolean {
  return before !== null && after !== null && !isEmpty(before.draft) && isEmpty(after.draft);
}

/** The reminder of a draft, in the agent's language. */
export function reminderMessage(locale: Locale, state: WizardState): OutboundMessage {
  const count = state.draft.steps.length;
  return {
    text: t(locale, 'reminder.text', {
      title: state.draft.title ?? '',
      steps: count === 0 ? t(locale, 'reminder.noSteps') : tp(locale, 'reminder.steps', count),
    }),
    buttons: [
      // Distinct action ids: Slack keeps one button per action id in a message.
      { actionId: `${ACTION_ID.reminder}.resume`, value: 'resume', label: t(locale, 'reminder.buttonResume'), style: 'primary' },
      { actionId: `${ACTION_ID.reminder}.drop`, value: 'drop', label: t(locale, 'reminder.buttonDrop'), style: 'danger' },
    ],
  };
}

/** Reminds the drafts untouched since `now` minus 3 days; returns how many reminders were sent. */
export async function sendReminders(deps: ReminderDeps, now: Date): Promise<number> {
  const { db, config, log } = deps;
  const ports = new Map(deps.ports().map((p) => [p.platform as string, p]));
  if (ports.size === 0) return 0;
  const before = new Date(now.getTime() - REMIND_AFTER_MS).toISOString();
  let sent = 0;
  for (const stale of await listUnremindedSince(db, before, [...ports.keys()], BATCH)) {
    if (!(await claimReminder(db, stale.agentId, stale.updatedAt, now.toISOString()))) continue;
    const state = parseState(stale.state);
    if (!state) continue; // unreadable: marked, never sent
    const locale = isLocale(stale.locale) ? stale.locale : config.defaultLocale;
    try {
      await ports.get(stale.platform)!.sendDirect(stale.platformUserId, reminderMessage(locale, state));
      sent++;
    } catch (error) {
      log.error('sending a draft reminder failed; it is not retried', {
        platform: stale.platform,
        agentId: stale.agentId,
        error,
      });
    }
  }
  return sent;
}
