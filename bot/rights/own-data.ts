/**
 * Agents' own data: `modifier <n°>` (reopen one's bricolage in the wizard, then update its post),
 * `supprimer <n°>` and `oublie-moi` (after a confirmation, `confirm.ts`, asked as the agent's pending
 * question `bot/questions/confirm.ts`; carried out by `erase.ts`), `mes données` (a link to a
 * JSON export, served by `downloads/`). Someone else's bricolage or an unknown number is refused.
 */

import { audit } from '../../storage/audit.js';
import { countBricolagesBy, getBricolage, getSteps, replaceBricolageContent } from '../../storage/bricolages.js';
import { createExportToken } from '../../storage/data-exports.js';
import type { Bricolage } from '../../storage/schema.js';
import { galleryUrl } from '../cards.js';
import { ask } from '../dialog.js';
import { t } from '../messages/index.js';
import { confirmQuestion } from '../questions/confirm.js';
import type { Turn } from '../turn.js';
import type { WizardInput } from '../wizard/advance.js';
import type { Command } from '../wizard/parse.js';
import type { Draft } from '../wizard/state.js';
import { askDelete, askForget } from './confirm.js';
import { refreshCommunityPost } from './erase.js';

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
      await ask(turn, confirmQuestion, askForget(await countBricolagesBy(turn.trx, turn.agent.id)));
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

async function askToDelete(turn: Turn, id: number | null): Promise<void> {
  if (id === null) return turn.say('deleteUsage');
  const bricolage = await ownBricolage(turn, id);
  if (bricolage) await ask(turn, confirmQuestion, askDelete(id, bricolage.title));
}

async function sendExport(turn: Turn): Promise<void> {
  const token = await createExportToken(turn.trx, turn.agent.id);
  const url = `${turn.deps.config.publicUrl}/exports/${token}`;
  // A link button where the chat has them (the file downloads: Content-Disposition), and the link in the text.
  const download = { actionId: 'downloadExport', value: 'export', label: t(turn.locale, 'button.downloadExport'), url };
  turn.reply({ text: t(turn.locale, 'exportReady', { url }), buttons: [download] });
}
