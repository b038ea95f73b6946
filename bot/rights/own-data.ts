/**
 * Agents' own data: `modifier <n°>` (reopen one's bricolage in the wizard, then update its post),
 * `supprimer <n°>` and `oublie-moi` (after a confirmation, `confirm.ts`), `mes données` (a link to a
 * JSON export, served by `downloads/`). Someone else's bricolage or an unknown number is refused.
 */

import { getAgent } from '../../storage/agents.js';
import { audit } from '../../storage/audit.js';
import { countBricolagesBy, deleteBricolage, getBricolage, getSteps, replaceBricolageContent } from '../../storage/bricolages.js';
import { loadConfirmation, saveConfirmation } from '../../storage/confirmations.js';
import { createExportToken } from '../../storage/data-exports.js';
import { type ForgetMode, forgetAgent, scrubFreedPages } from '../../storage/forget.js';
import type { Bricolage } from '../../storage/schema.js';
import { deleteMediaFiles, dropUnusedPhotos, photosOfContent } from '../../storage/unused-photos.js';
import { renderButtons } from '../buttons.js';
import { communityPost, galleryUrl } from '../cards.js';
import { t } from '../messages/index.js';
import type { ChatPort, MessageRef } from '../ports.js';
import { postToCommunity } from '../publish.js';
import type { BotDeps, Turn } from '../turn.js';
import type { WizardInput } from '../wizard/advance.js';
import type { Command } from '../wizard/parse.js';
import type { Draft } from '../wizard/state.js';
import { askDelete, askForget, type ConfirmInput, type ConfirmResult, confirmAdvance, parseConfirmState } from './confirm.js';

/** A question left unanswered this long is forgotten: a late "oui" destroys nothing. */
export const CONFIRM_TTL_MS = 15 * 60_000;

type OwnDataCommand = Extract<Command, { name: 'edit' | 'delete' | 'export' | 'forget' }>;

export function isOwnDataCommand(command: Command): command is OwnDataCommand {
  return ['edit', 'delete', 'export', 'forget'].includes(command.name);
}

/** Runs an own-data command; `modifier` returns the wizard input that reopens the bricolage. */
export async function runOwnDataCommand(turn: Turn, command: OwnDataCommand): Promise<WizardInput | null> {
  switch (command.name) {
    case 'edit':
      return reopenInput(turn, command.id);
    case 'delete':
      await askToDelete(turn, command.id);
      return null;
    case 'export':
      await sendExport(turn);
      return null;
    case 'forget':
      await runConfirm(turn, askForget(await countBricolagesBy(turn.trx, turn.agent.id)));
      return null;
  }
}

/** The agent's own published bricolage, or null after telling them why not. */
async function ownBricolage(turn: Turn, id: number): Promise<Bricolage | null> {
  const bricolage = await getBricolage(turn.trx, id);
  if (bricolage?.status !== 'published') {
    turn.say('ownUnknown', { id });
    return null;
  }
  if (bricolage.author_id !== turn.agent.id) {
    turn.say('ownNotYours', { id });
    return null;
  }
  return bricolage;
}

async function reopenInput(turn: Turn, id: number | null): Promise<WizardInput | null> {
  if (id === null) {
    turn.say('editUsage');
    return null;
  }
  const bricolage = await ownBricolage(turn, id);
  if (!bricolage) return null;
  const steps = await getSteps(turn.trx, id);
  const draft: Draft = {
    title: bricolage.title,
    problem: bricolage.problem,
    category: bricolage.category,
    steps: steps.map((s) => ({ text: s.text, photos: s.photoHashes })),
    pendingPhotos: [],
  };
  return { kind: 'reopen', id, draft };
}

/** `publier` on a reopened bricolage: its content is replaced, then its chat post is updated. */
export async function updatePublished(turn: Turn, id: number, draft: Draft): Promise<void> {
  const bricolage = await getBricolage(turn.trx, id);
  if (!bricolage || bricolage.author_id !== turn.agent.id || bricolage.status === 'draft') {
    turn.say('editGone', { id });
    return;
  }
  await replaceBricolageContent(turn.trx, id, {
    title: draft.title ?? '',
    problem: draft.problem ?? '',
    category: draft.category ?? '',
    steps: draft.steps.map((s) => ({ text: s.text, photoHashes: s.photos })),
  });
  await audit(turn.trx, { actorAgentId: turn.agent.id, action: 'bricolage.edit', subjectType: 'bricolage', subjectId: id });
  turn.afterCommit(async () => {
    await refreshCommunityPost(turn.deps, turn.port, id);
    const text = t(turn.locale, 'editPublished', { id, url: galleryUrl(turn.deps.config, id) });
    await turn.port.sendDirect(turn.agent.platform_user_id, { text });
  });
}

/** Rewrites a bricolage's community post from what is stored now (posts it if it never was). */
async function refreshCommunityPost(deps: BotDeps, port: ChatPort, id: number): Promise<void> {
  const bricolage = await getBricolage(deps.db, id);
  if (!bricolage) return;
  const ref = postRef(bricolage);
  if (!ref) {
    await postToCommunity(deps, port, id);
    return;
  }
  if (ref.platform !== port.platform) return;
  const author = await getAgent(deps.db, bricolage.author_id);
  if (!author) return;
  try {
    await port.update(ref, await communityPost(deps.db, deps.config, bricolage, author));
  } catch (error) {
    deps.log.error('updating a bricolage post in the chat failed', { platform: port.platform, bricolageId: id, error });
  }
}

function postRef(b: Pick<Bricolage, 'chat_platform' | 'chat_channel_id' | 'chat_message_id'>): MessageRef | null {
  if (!b.chat_platform || !b.chat_channel_id || !b.chat_message_id) return null;
  return { platform: b.chat_platform as MessageRef['platform'], channelId: b.chat_channel_id, messageId: b.chat_message_id };
}

async function askToDelete(turn: Turn, id: number | null): Promise<void> {
  if (id === null) return turn.say('deleteUsage');
  const bricolage = await ownBricolage(turn, id);
  if (bricolage) await runConfirm(turn, askDelete(id, bricolage.title));
}

async function sendExport(turn: Turn): Promise<void> {
  const token = await createExportToken(turn.trx, turn.agent.id);
  const url = `${turn.deps.config.publicUrl}/exports/${token}`;
  // A link button where the chat has them (the file downloads: Content-Disposition), and the link in the text.
  const download = { actionId: 'downloadExport', value: 'export', label: t(turn.locale, 'button.downloadExport'), url };
  turn.reply({ text: t(turn.locale, 'exportReady', { url }), buttons: [download] });
}

/** Answers the pending confirmation with this input; false when none is pending. */
export async function answerPendingConfirmation(turn: Turn, input: ConfirmInput): Promise<boolean> {
  const pending = parseConfirmState(await loadConfirmation(turn.trx, turn.agent.id, CONFIRM_TTL_MS));
  if (!pending) {
    // An expired question must not answer a later message.
    await saveConfirmation(turn.trx, turn.agent.id, null);
    return false;
  }
  await runConfirm(turn, confirmAdvance(pending, input));
  return true;
}

async function runConfirm(turn: Turn, result: ConfirmResult): Promise<void> {
  await saveConfirmation(turn.trx, turn.agent.id, result.state);
  for (const effect of result.effects) {
    switch (effect.type) {
      case 'say':
        turn.reply({ text: t(turn.locale, effect.key, effect.vars), buttons: renderButtons(turn.locale, effect.buttons) });
        break;
      case 'delete':
        await deleteOwn(turn, effect.id);
        break;
      case 'forget':
        await forgetMe(turn, effect.mode);
        break;
    }
  }
}

async function deleteOwn(turn: Turn, id: number): Promise<void> {
  const bricolage = await getBricolage(turn.trx, id);
  if (!bricolage || bricolage.author_id !== turn.agent.id) return turn.say('ownUnknown', { id });
  const hashes = await photosOfContent(turn.trx, { bricolageIds: [id] });
  await deleteBricolage(turn.trx, id);
  const photos = await dropUnusedPhotos(turn.trx, hashes);
  await audit(turn.trx, {
    actorAgentId: turn.agent.id,
    action: 'bricolage.delete',
    subjectType: 'bricolage',
    subjectId: id,
    details: { reason: 'deleted by its author' },
  });
  const ref = postRef(bricolage);
  if (ref && ref.platform === turn.port.platform) turn.afterCommit(() => turn.port.remove(ref));
  turn.afterCommit(() => deleteMediaFiles(turn.deps.config.mediaDir, photos));
  turn.say('deleteDone', { id });
}

/**
 * Erases the agent in this transaction, then, once committed: their posts are removed or rewritten
 * without their name, the chat's own storage forgets them, and freed database pages are scrubbed.
 */
async function forgetMe(turn: Turn, mode: ForgetMode): Promise<void> {
  const { deps, port, agent, locale } = turn;
  const anonymousName = t(deps.config.defaultLocale, 'anonymousAuthor');
  const { posts, workshops, photos } = await forgetAgent(turn.trx, agent, mode, anonymousName);
  await audit(turn.trx, {
    actorAgentId: null,
    action: 'agent.forget',
    subjectType: 'agent',
    subjectId: agent.id,
    details: { mode },
  });
  // Separate steps: one failing (the chat down) must not stop the others.
  // Said first: on a chat whose storage we own, the conversation itself is erased just after.
  turn.afterCommit(async () => {
    await port.sendDirect(agent.platform_user_id, { text: t(locale, 'forgetDone') });
  });
  for (const post of posts) {
    if (post.platform !== port.platform) continue;
    const ref: MessageRef = { platform: port.platform, channelId: post.channelId, messageId: post.messageId };
    turn.afterCommit(() => (mode === 'remove' ? port.remove(ref) : refreshCommunityPost(deps, port, post.bricolageId)));
  }
  // A workshop they opened is announced again without the description they wrote.
  for (const workshop of workshops) {
    if (workshop.platform !== port.platform) continue;
    const ref: MessageRef = { platform: port.platform, channelId: workshop.channelId, messageId: workshop.messageId };
    const text = t(deps.config.defaultLocale, 'workshop.announceOpen', { title: workshop.title, description: '' });
    turn.afterCommit(() => port.update(ref, { text }));
  }
  turn.afterCommit(async () => port.forgetUser?.(agent.platform_user_id));
  turn.afterCommit(() => deleteMediaFiles(deps.config.mediaDir, photos));
  turn.afterCommit(() => scrubFreedPages(deps.db));
}
