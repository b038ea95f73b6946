/** Likes (reactions), comments and adoptions. */

import { canonicalMairie } from '../domain/mairies.js';
import type { ChatLocation } from './bricolages.js';
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';
import { countedLikes } from './likes.js';
import type { Comment } from './schema.js';

/** Records one agent's emoji on a bricolage; the same emoji twice is one row. */
export async function addReaction(
  db: DbOrTrx,
  bricolageId: number,
  agentId: number,
  emoji: string,
  at = nowIso(),
): Promise<void> {
  await db
    .insertInto('likes')
    .values({ bricolage_id: bricolageId, agent_id: agentId, emoji, created_at: at })
    .onConflict((oc) => oc.columns(['bricolage_id', 'agent_id', 'emoji']).doNothing())
    .execute();
}

export async function removeReaction(db: DbOrTrx, bricolageId: number, agentId: number, emoji: string): Promise<void> {
  await db
    .deleteFrom('likes')
    .where('bricolage_id', '=', bricolageId)
    .where('agent_id', '=', agentId)
    .where('emoji', '=', emoji)
    .execute();
}

/** Distinct agents other than the author who reacted: the like count users see. */
export async function countLikes(db: DbOrTrx, bricolageId: number): Promise<number> {
  const row = await db
    .selectFrom(countedLikes(db).where('l.bricolage_id', '=', bricolageId).as('cl'))
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertComment(
  db: DbOrTrx,
  input: {
    bricolageId: number;
    authorId: number;
    text: string;
    chat: ChatLocation | null;
    photoHashes: string[];
    at?: string;
    /** Its number, when an import keeps the one it had. */
    id?: number;
  },
): Promise<number | null> {
  const result = await db
    .insertInto('comments')
    .values({
      ...(input.id ? { id: input.id } : {}),
      bricolage_id: input.bricolageId,
      author_id: input.authorId,
      text: input.text,
      status: 'visible',
      chat_platform: input.chat?.platform ?? null,
      chat_channel_id: input.chat?.channelId ?? null,
      chat_message_id: input.chat?.messageId ?? null,
      created_at: input.at ?? nowIso(),
    })
    .onConflict((oc) => oc.columns(['chat_platform', 'chat_channel_id', 'chat_message_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!result) return null;
  if (input.photoHashes.length > 0) {
    await db
      .insertInto('comment_photos')
      .values(input.photoHashes.map((hash, position) => ({ comment_id: result.id, photo_hash: hash, position })))
      .execute();
  }
  return result.id;
}

export async function findCommentByChatMessage(db: DbOrTrx, loc: ChatLocation): Promise<Comment | undefined> {
  return db
    .selectFrom('comments')
    .selectAll()
    .where('chat_platform', '=', loc.platform)
    .where('chat_channel_id', '=', loc.channelId)
    .where('chat_message_id', '=', loc.messageId)
    .executeTakeFirst();
}

export async function editComment(db: DbOrTrx, id: number, text: string, at = nowIso()): Promise<void> {
  await db.updateTable('comments').set({ text, edited_at: at }).where('id', '=', id).execute();
}

export async function deleteComment(db: DbOrTrx, id: number): Promise<void> {
  await db.deleteFrom('comments').where('id', '=', id).execute();
}

/** Records (or updates the feedback of) an agent's adoption; one per agent per bricolage. */
export async function recordAdoption(
  db: DbOrTrx,
  input: { bricolageId: number; agentId: number; mairie: string | null; feedback: string | null; at?: string },
): Promise<void> {
  const at = input.at ?? nowIso();
  const mairie = canonicalMairie(input.mairie);
  await db
    .insertInto('adoptions')
    .values({
      bricolage_id: input.bricolageId,
      agent_id: input.agentId,
      mairie,
      feedback: input.feedback,
      created_at: at,
    })
    .onConflict((oc) =>
      oc.columns(['bricolage_id', 'agent_id']).doUpdateSet(input.feedback ? { feedback: input.feedback, mairie } : { mairie }),
    )
    .execute();
}
