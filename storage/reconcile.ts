/**
 * The reads the chat adapters' self-repair (reconciliation) compares with their platform: the
 * recent bricolages posted on a platform and what storage mirrors of their likes and comments.
 * Platform-neutral on purpose: Slack and Teams run the same queries with their own platform name.
 */
import type { Db } from './db.js';

/** A bricolage posted in a chat channel, with who wrote it there. */
export interface ChatPost {
  id: number;
  channelId: string;
  messageId: string;
  authorUserId: string;
  authorPlatform: string;
}

/** Published bricolages linked to a message on `platform` since `sinceIso` (ISO 8601). */
export async function listRecentChatPosts(db: Db, platform: string, sinceIso: string): Promise<ChatPost[]> {
  const rows = await db
    .selectFrom('bricolages')
    .innerJoin('agents', 'agents.id', 'bricolages.author_id')
    .select([
      'bricolages.id as id',
      'bricolages.chat_channel_id as channelId',
      'bricolages.chat_message_id as messageId',
      'agents.platform_user_id as authorUserId',
      'agents.platform as authorPlatform',
    ])
    .where('bricolages.chat_platform', '=', platform)
    .where('bricolages.chat_channel_id', 'is not', null)
    .where('bricolages.chat_message_id', 'is not', null)
    .where('bricolages.status', '!=', 'draft')
    .where('bricolages.published_at', '>=', sinceIso)
    .orderBy('bricolages.id')
    .execute();
  return rows.map((r) => ({ ...r, channelId: r.channelId!, messageId: r.messageId! }));
}

/** The reactions stored for a bricolage from agents of `platform`: platform user id and emoji. */
export async function listMirroredReactions(
  db: Db,
  bricolageId: number,
  platform: string,
): Promise<{ user: string; emoji: string }[]> {
  return db
    .selectFrom('likes')
    .innerJoin('agents', 'agents.id', 'likes.agent_id')
    .select(['agents.platform_user_id as user', 'likes.emoji as emoji'])
    .where('likes.bricolage_id', '=', bricolageId)
    .where('agents.platform', '=', platform)
    .execute();
}

/** The comments stored for a bricolage that mirror messages of `platform` in `channelId`. */
export async function listMirroredComments(
  db: Db,
  bricolageId: number,
  platform: string,
  channelId: string,
): Promise<{ messageId: string | null; text: string; user: string }[]> {
  return db
    .selectFrom('comments')
    .innerJoin('agents', 'agents.id', 'comments.author_id')
    .select(['comments.chat_message_id as messageId', 'comments.text as text', 'agents.platform_user_id as user'])
    .where('comments.bricolage_id', '=', bricolageId)
    .where('comments.chat_platform', '=', platform)
    .where('comments.chat_channel_id', '=', channelId)
    .execute();
}

/**
 * How many times a repair whose event ids start with `prefix#` was already fed to the inbox: a like
 * added, removed and added again while the product was down twice needs a new event id each time,
 * yet one run never feeds the same one twice.
 */
export async function countRepairGenerations(db: Db, platform: string, prefix: string): Promise<number> {
  const row = await db
    .selectFrom('inbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('platform', '=', platform)
    .where('event_id', 'like', `${prefix}#%`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
