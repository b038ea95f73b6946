/**
 * What animateurs do from the chat: feature, hide and restore bricolages and comments, announce in
 * the community channel, read the journal and the dashboard, and name other animateurs. Everyone
 * else gets a polite refusal. Every change is audited as a typed action, in the turn's transaction.
 */
import { findAgentsByReference } from '../../storage/agents.js';
import { addAnimator, removeAnimator } from '../../storage/animators.js';
import { type AnimatorAction, logAnimatorAction, recentAuditEntries } from '../../storage/audit.js';
import { getBricolage } from '../../storage/bricolages.js';
import { loadDashboard } from '../../storage/dashboard.js';
import { type ModerationOutcome, setBricolageHidden, setCommentHidden, setFeatured } from '../../storage/moderation.js';
import { isAnimator, isConfiguredAnimator, qualifiedId } from '../animators.js';
import { type MessageKey, t } from '../messages/index.js';
import { localeOf, type Turn } from '../turn.js';
import type { AnimatorCommand } from './parse.js';
import { moveProposalStatus, proposeBricolage } from './proposals.js';
import { renderDashboard, renderJournal } from './render.js';

export async function runAnimatorCommand(turn: Turn, command: AnimatorCommand): Promise<void> {
  if (!(await isAnimator(turn.trx, turn.deps.config, turn.agent))) return turn.say('animatorOnly');
  switch (command.name) {
    case 'feature':
    case 'unfeature':
    case 'hide':
    case 'restore':
      return moderateBricolage(turn, command.name, command.id, command.reason);
    case 'hideComment':
    case 'restoreComment':
      return moderateComment(turn, command.name, command.id, command.reason);
    case 'announce':
      return announce(turn, command.text);
    case 'journal':
      return turn.reply({ text: renderJournal(turn.locale, await recentAuditEntries(turn.trx, 10)) });
    case 'dashboard':
      return turn.reply({ text: renderDashboard(turn.locale, await loadDashboard(turn.trx)) });
    case 'animatorAdd':
    case 'animatorRemove':
      return nameAnimator(turn, command.name === 'animatorAdd', command.who);
    case 'propose':
      return proposeBricolage(turn, command.id, command.note);
    case 'proposalStatus':
      return moveProposalStatus(turn, command.id, command.status, command.note);
  }
}

const BRICOLAGE_REPLIES: Record<'feature' | 'unfeature' | 'hide' | 'restore', Record<'done' | 'unchanged', MessageKey>> = {
  feature: { done: 'featured', unchanged: 'alreadyFeatured' },
  unfeature: { done: 'unfeatured', unchanged: 'notFeatured' },
  hide: { done: 'hiddenDone', unchanged: 'alreadyHidden' },
  restore: { done: 'restoredDone', unchanged: 'notHidden' },
};

async function moderateBricolage(
  turn: Turn,
  name: 'feature' | 'unfeature' | 'hide' | 'restore',
  id: number | null,
  reason: string,
): Promise<void> {
  if (id === null) return turn.say('moderationUsage', { example: t(turn.locale, `moderationExample.${name}`) });
  const bricolage = await getBricolage(turn.trx, id);
  let outcome: ModerationOutcome = 'unknown';
  if (bricolage) {
    outcome =
      name === 'feature' || name === 'unfeature'
        ? await setFeatured(turn.trx, id, name === 'feature')
        : await setBricolageHidden(turn.trx, id, name === 'hide');
  }
  if (!bricolage || outcome === 'unknown') return turn.say('moderationUnknown', { id });
  if (outcome === 'done') {
    const action: AnimatorAction = { action: `bricolage.${name}`, bricolageId: id };
    await logAnimatorAction(turn.trx, turn.agent.id, action, reason || null);
  }
  turn.say(BRICOLAGE_REPLIES[name][outcome], { title: bricolage.title, id });
}

async function moderateComment(
  turn: Turn,
  name: 'hideComment' | 'restoreComment',
  id: number | null,
  reason: string,
): Promise<void> {
  const hide = name === 'hideComment';
  if (id === null) return turn.say('moderationUsage', { example: t(turn.locale, `moderationExample.${name}`) });
  const { outcome, bricolageId } = await setCommentHidden(turn.trx, id, hide);
  if (outcome === 'unknown' || bricolageId === null) return turn.say('moderationUnknownComment', { id });
  if (outcome === 'done') {
    const action: AnimatorAction = { action: hide ? 'comment.hide' : 'comment.restore', commentId: id, bricolageId };
    await logAnimatorAction(turn.trx, turn.agent.id, action, reason || null);
  }
  const key: MessageKey = hide
    ? outcome === 'done'
      ? 'commentHidden'
      : 'commentAlreadyHidden'
    : outcome === 'done'
      ? 'commentRestored'
      : 'commentNotHidden';
  turn.say(key, { id });
}

/** Posts in the community channel, in the community's language, once the turn has committed. */
async function announce(turn: Turn, text: string): Promise<void> {
  if (!text.trim()) return turn.say('announceUsage');
  const post = t(turn.deps.config.defaultLocale, 'announcement', { name: turn.agent.display_name, text });
  turn.afterCommit(async () => {
    try {
      await turn.port.postToCommunity({ text: post });
      // Audited once it is really out (after the turn's transaction, hence on the database itself).
      await logAnimatorAction(turn.deps.db, turn.agent.id, { action: 'announcement.post', text }, null);
      turn.say('announcementPosted');
    } catch (error) {
      turn.deps.log.error('posting an announcement failed', { platform: turn.port.platform, error });
      turn.say('announcementFailed');
    }
  });
}

async function nameAnimator(turn: Turn, add: boolean, who: string): Promise<void> {
  if (!who.trim()) return turn.say('animatorUsage');
  const found = await findAgentsByReference(turn.trx, turn.agent.platform, who);
  if (found.length === 0) return turn.say('animatorNotFound', { who });
  if (found.length > 1) return turn.say('animatorAmbiguous', { who });
  const target = found[0];
  const ref = { platform: target.platform, platformUserId: target.platform_user_id };
  const name = target.display_name;
  if (add) {
    if (isConfiguredAnimator(turn.deps.config, target) || !(await addAnimator(turn.trx, ref, turn.agent.id))) {
      return turn.say('animatorAlready', { name });
    }
  } else {
    if (isConfiguredAnimator(turn.deps.config, target)) return turn.say('animatorConfigured', { name });
    if (!(await removeAnimator(turn.trx, ref))) return turn.say('animatorNotOne', { name });
  }
  await logAnimatorAction(
    turn.trx,
    turn.agent.id,
    { action: add ? 'animator.add' : 'animator.remove', target: qualifiedId(target), targetName: name },
    null,
  );
  turn.say(add ? 'animatorAdded' : 'animatorRemoved', { name });
  if (add && target.id !== turn.agent.id) {
    // The new animateur hears it from the bot, in their language, with where to start.
    const text = t(localeOf(target, turn.deps.config), 'animatorWelcome', { by: turn.agent.display_name });
    turn.afterCommit(async () => {
      await turn.port.sendDirect(target.platform_user_id, { text });
    });
  }
}
