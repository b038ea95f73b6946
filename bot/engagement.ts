/**
 * Likes and comments, mirrored from the community channel: a reaction on a published post is a like
 * (the author's own do not count), a reply in its thread is a comment; edits and deletions follow.
 */
import { audit } from '../storage/audit.js';
import { deleteBricolage, findBricolageByChatMessage } from '../storage/bricolages.js';
import {
  addReaction,
  deleteComment,
  editComment,
  findCommentByChatMessage,
  insertComment,
  removeReaction,
} from '../storage/engagement.js';
import { t } from './messages/index.js';
import type { ReceivedPhotos } from './photos.js';
import type { MessageRef } from './ports.js';
import type { Turn } from './turn.js';

const location = (ref: MessageRef) => ({ platform: ref.platform, channelId: ref.channelId, messageId: ref.messageId });

async function publishedPostAt(turn: Turn, ref: MessageRef) {
  const bricolage = await findBricolageByChatMessage(turn.trx, location(ref));
  return bricolage && bricolage.status !== 'draft' ? bricolage : undefined;
}

export async function reacted(turn: Turn, target: MessageRef, emoji: string, added: boolean): Promise<void> {
  const bricolage = await publishedPostAt(turn, target);
  if (!bricolage || bricolage.author_id === turn.agent.id) return;
  if (added) await addReaction(turn.trx, bricolage.id, turn.agent.id, emoji);
  else await removeReaction(turn.trx, bricolage.id, turn.agent.id, emoji);
}

export async function repliedInThread(
  turn: Turn,
  ref: MessageRef,
  parent: MessageRef,
  text: string,
  photos: ReceivedPhotos,
  at: string,
): Promise<void> {
  const bricolage = await publishedPostAt(turn, parent);
  if (!bricolage) return;
  if (!text.trim() && photos.hashes.length === 0) {
    // Nothing left to record: say why, file by file, so the reply does not vanish silently.
    for (const refused of photos.refused) {
      turn.say('replyPhotoRejected', { name: refused.name, reason: t(turn.locale, `reason.${refused.reason}`) });
    }
    return;
  }
  await insertComment(turn.trx, {
    bricolageId: bricolage.id,
    authorId: turn.agent.id,
    text: text.trim(),
    chat: location(ref),
    photoHashes: photos.hashes,
    at,
  });
  for (const refused of photos.refused) {
    turn.say('commentPhotoRejected', { name: refused.name, reason: t(turn.locale, `reason.${refused.reason}`) });
  }
}

export async function edited(turn: Turn, ref: MessageRef, text: string, at: string): Promise<void> {
  const comment = await findCommentByChatMessage(turn.trx, location(ref));
  if (comment) await editComment(turn.trx, comment.id, text.trim(), at);
}

/** A deleted reply removes its comment; the deleted post of a bricolage removes the bricolage. */
export async function deleted(turn: Turn, ref: MessageRef): Promise<void> {
  const comment = await findCommentByChatMessage(turn.trx, location(ref));
  if (comment) {
    await deleteComment(turn.trx, comment.id);
    return;
  }
  const bricolage = await findBricolageByChatMessage(turn.trx, location(ref));
  if (!bricolage) return;
  await deleteBricolage(turn.trx, bricolage.id);
  await audit(turn.trx, {
    actorAgentId: turn.agent.id,
    action: 'bricolage.delete',
    subjectType: 'bricolage',
    subjectId: bricolage.id,
    details: { reason: 'chat post deleted', title: bricolage.title },
  });
}
