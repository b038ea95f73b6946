/**
 * Adoptions from the chat: `adopté <n°> [retour]` and the "Je l'ai adopté" button. One adoption per
 * agent per bricolage (a second one updates the feedback); one's own bricolage is refused kindly;
 * the author is told once per adopting mairie. The button's feedback question is `adoption-flow.ts`.
 */

import { mairieBySlug } from '../domain/mairies.js';
import {
  claimAdoptionNotice,
  findAdoption,
  loadAdoptionPrompt,
  saveAdoptionPrompt,
  setAdoptionFeedback,
} from '../storage/adoptions.js';
import { getAgent } from '../storage/agents.js';
import { audit } from '../storage/audit.js';
import { getBricolage } from '../storage/bricolages.js';
import { recordAdoption } from '../storage/engagement.js';
import type { Bricolage } from '../storage/schema.js';
import { ADOPTION_FEEDBACK_ACTION, type AdoptionFlowInput, adoptionFlow } from './adoption-flow.js';
import { t } from './messages/index.js';
import { localeOf, type Turn } from './turn.js';

/** Records that the agent's mairie put a bricolage in place; `button` when it came from the card. */
export async function adopt(turn: Turn, id: number | null, feedback: string, button?: { hasDraft: boolean }): Promise<void> {
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
    await runFlow(turn, {
      kind: 'adopted',
      bricolageId: id,
      title: bricolage.title,
      hasDraft: button.hasDraft,
      now: new Date().toISOString(),
    });
    return;
  }
  if (before) return turn.say(feedback ? 'adoptFeedbackUpdated' : 'adoptAlready', vars);
  turn.say(feedback ? 'adoptedWithFeedback' : 'adopted', vars);
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

/**
 * A direct message while the button's feedback question is open: true when it was the answer
 * (or a skip), false when it should be handled as usual.
 */
export async function answerAdoptionPrompt(turn: Turn, text: string): Promise<boolean> {
  return runFlow(turn, { kind: 'text', text, now: new Date().toISOString() });
}

/** The "Passer" button under the question. */
export async function skipAdoptionPrompt(turn: Turn): Promise<void> {
  await runFlow(turn, { kind: 'skip', now: new Date().toISOString() });
}

async function runFlow(turn: Turn, input: AdoptionFlowInput): Promise<boolean> {
  const prompt = await loadAdoptionPrompt(turn.trx, turn.agent.id);
  if (!prompt && input.kind === 'text') return false;
  const result = adoptionFlow(prompt, input);
  if (result.prompt !== prompt) await saveAdoptionPrompt(turn.trx, turn.agent.id, result.prompt);
  let handled = true;
  for (const effect of result.effects) {
    switch (effect.type) {
      case 'notForUs':
        handled = false;
        break;
      case 'saveFeedback':
        await setAdoptionFeedback(turn.trx, effect.bricolageId, turn.agent.id, effect.feedback);
        break;
      case 'say':
        turn.reply({
          text: t(turn.locale, effect.key, effect.vars),
          buttons: effect.skipButton
            ? [{ actionId: ADOPTION_FEEDBACK_ACTION, value: 'skip', label: t(turn.locale, 'button.skipFeedback') }]
            : undefined,
        });
        break;
    }
  }
  return handled;
}
