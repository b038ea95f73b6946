/**
 * Adoptions from the chat: `adopté <n°> [retour]` and the "Je l'ai adopté" button. One adoption per
 * agent per bricolage (a second one updates the feedback); one's own bricolage is refused kindly;
 * the author is told once per adopting mairie. The button's feedback question is
 * `questions/adoption-feedback.ts`.
 */

import { mairieBySlug } from '../domain/mairies.js';
import { claimAdoptionNotice, findAdoption } from '../storage/adoptions.js';
import { getAgent } from '../storage/agents.js';
import { audit } from '../storage/audit.js';
import { getBricolage } from '../storage/bricolages.js';
import { recordAdoption } from '../storage/engagement.js';
import type { Bricolage } from '../storage/schema.js';
import { ask } from './dialog.js';
import { t } from './messages/index.js';
import { adoptionFeedbackQuestion, askFeedback } from './questions/adoption-feedback.js';
import { offerTimeSaved } from './questions/time-saved.js';
import { saveTimeSavedText } from './time-saved/report.js';
import { localeOf, type Turn } from './turn.js';

/**
 * Records that the agent's mairie put a bricolage in place. `button` when it came from the card;
 * `emptyDraft`: the agent just typed `nouveau` and answered nothing yet, so their next message is
 * the draft's first answer and no feedback is asked (a draft with content stays saved while the
 * feedback is asked, for `reprendre`).
 */
export async function adopt(
  turn: Turn,
  id: number | null,
  feedback: string,
  button?: { emptyDraft: boolean },
  /** The words after `gain` in `adopté <n°> gain 2 h par semaine` (issue 20). */
  timeSaved?: string,
): Promise<void> {
  if (id === null) return turn.say('adoptUsage');
  const bricolage = await getBricolage(turn.trx, id);
  if (bricolage?.status !== 'published') return turn.say('adoptUnknown', { id });
  if (bricolage.author_id === turn.agent.id) return turn.say('adoptOwn');
  const before = await findAdoption(turn.trx, id, turn.agent.id);
  await recordAdoption(turn.trx, {
    bricolageId: id,
    agentId: turn.agent.id,
    mairie: turn.agent.mairie,
    feedback: feedback || null,
  });
  await audit(turn.trx, { actorAgentId: turn.agent.id, action: 'adoption.record', subjectType: 'bricolage', subjectId: id });
  await tellAuthor(turn, bricolage);
  const vars = { title: bricolage.title, id };
  if (button) {
    if (before?.feedback) return turn.say('adoptAlready', vars);
    if (button.emptyDraft) return turn.say('adopted', vars);
    return ask(turn, adoptionFeedbackQuestion, askFeedback(id, bricolage.title));
  }
  if (timeSaved !== undefined) {
    // `adopté 12 gain 2 h par semaine`: the time saved given at once (issue 20).
    if (!before || feedback) turn.say(before ? 'adoptFeedbackUpdated' : feedback ? 'adoptedWithFeedback' : 'adopted', vars);
    return saveTimeSavedText(turn, bricolage, timeSaved);
  }
  if (before) return turn.say(feedback ? 'adoptFeedbackUpdated' : 'adoptAlready', vars);
  turn.say(feedback ? 'adoptedWithFeedback' : 'adopted', vars);
  // A new adoption by `adopté <n°> [retour]` has no feedback question: the time-saved one comes at once.
  await offerTimeSaved(turn, bricolage);
}

/** "Your bricolage was adopted at the mairie du 12e": once per bricolage and mairie. */
async function tellAuthor(turn: Turn, bricolage: Bricolage): Promise<void> {
  const mairie = turn.agent.mairie;
  if (!mairie) return;
  const author = await getAgent(turn.trx, bricolage.author_id);
  // Only a port of the author's platform can reach them; another process will not tell them either.
  if (!author || author.platform !== turn.port.platform) return;
  if (!(await claimAdoptionNotice(turn.trx, bricolage.id, mairie))) return;
  const locale = localeOf(author, turn.deps.config);
  const known = mairieBySlug(mairie);
  const vars = { title: bricolage.title, id: bricolage.id };
  const text = known?.ordinal
    ? t(locale, 'adoptionNotice', { ...vars, ordinal: known.ordinal[locale] })
    : known
      ? t(locale, 'adoptionNoticeCentral', vars)
      : t(locale, 'adoptionNoticeOther', { ...vars, mairie });
  turn.afterCommit(async () => {
    await turn.port.sendDirect(author.platform_user_id, { text });
  });
}
