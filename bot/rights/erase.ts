/**
 * What a confirmed request destroys: one's own bricolage (`supprimer <n°>`) or the whole account
 * (`oublie-moi`), in the turn's transaction, with the chat posts and files dealt with once committed.
 */
import { getAgent } from '../../storage/agents.js';
import { audit } from '../../storage/audit.js';
import { deleteBricolage, getBricolage } from '../../storage/bricolages.js';
import { type ForgetMode, forgetAgent, scrubFreedPages } from '../../storage/forget.js';
import { mediaStore } from '../../storage/media/index.js';
import type { Bricolage } from '../../storage/schema.js';
import { deleteMediaFiles, dropUnusedPhotos, photosOfContent } from '../../storage/unused-photos.js';
import { communityPost } from '../cards.js';
import { t } from '../messages/index.js';
import type { ChatPort, MessageRef } from '../ports.js';
import { postToCommunity } from '../publish.js';
import type { BotDeps, Turn } from '../turn.js';

/** Rewrites a bricolage's community post from what is stored now (posts it if it never was). */
export async function refreshCommunityPost(deps: BotDeps, port: ChatPort, id: number): Promise<void> {
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

/** Deletes one's own bricolage (after its confirmation), its post and its photos once committed. */
export async function deleteOwn(turn: Turn, id: number): Promise<void> {
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
  turn.afterCommit(() => deleteMediaFiles(mediaStore(turn.deps.config.media), photos));
  turn.say('deleteDone', { id });
}

/**
 * Erases the agent in this transaction, then, once committed: their posts are removed or rewritten
 * without their name, the chat's own storage forgets them, and freed database pages are scrubbed.
 */
export async function forgetMe(turn: Turn, mode: ForgetMode): Promise<void> {
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
  turn.afterCommit(() => deleteMediaFiles(mediaStore(deps.config.media), photos));
  turn.afterCommit(() => scrubFreedPages(deps.db));
}
