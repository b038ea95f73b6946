/**
 * The local chat's own platform storage: messages (`local_messages`) and reactions
 * (`local_reactions`). This is the "Slack servers" of the built-in chat, not product data.
 */
import type { Selectable } from 'kysely';
import type { BricolageCard, Button } from '../../bot/ports.js';
import { stripControlCharacters } from '../../domain/control-characters.js';
import { type DbOrTrx, nowIso } from '../../storage/db.js';
import type { LocalMessageTable } from '../../storage/schema.js';

/** An uploaded file kept under `DATA_DIR/uploads/<id>`. */
export interface StoredUpload {
  id: string;
  name: string;
  type: string;
  size: number;
}

/** What `local_messages.extra` holds as JSON. */
export interface MessageExtra {
  buttons?: Button[];
  card?: BricolageCard;
  photos?: StoredUpload[];
}

export interface LocalMessage {
  id: number;
  channelId: string;
  threadId: number | null;
  authorId: string;
  text: string;
  extra: MessageExtra;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
}

export interface ReactionSummary {
  emoji: string;
  count: number;
  users: string[];
}

type Row = Selectable<LocalMessageTable>;

function parseExtra(raw: string | null): MessageExtra {
  if (!raw) return {};
  try {
    const value = JSON.parse(raw) as unknown;
    return value && typeof value === 'object' ? (value as MessageExtra) : {};
  } catch {
    return {};
  }
}

function serialiseExtra(extra: MessageExtra): string | null {
  const clean: MessageExtra = {};
  if (extra.buttons && extra.buttons.length > 0) clean.buttons = extra.buttons;
  if (extra.card) clean.card = extra.card;
  if (extra.photos && extra.photos.length > 0) clean.photos = extra.photos;
  return Object.keys(clean).length > 0 ? JSON.stringify(clean) : null;
}

function toMessage(row: Row): LocalMessage {
  return {
    id: Number(row.id),
    channelId: row.channel_id,
    threadId: row.thread_id === null ? null : Number(row.thread_id),
    authorId: row.author_id,
    text: row.text,
    extra: parseExtra(row.extra),
    createdAt: row.created_at,
    editedAt: row.edited_at,
    deletedAt: row.deleted_at,
  };
}

export async function insertMessage(
  db: DbOrTrx,
  input: { channelId: string; threadId?: number | null; authorId: string; text: string; extra?: MessageExtra },
): Promise<LocalMessage> {
  const row = await db
    .insertInto('local_messages')
    .values({
      channel_id: input.channelId,
      thread_id: input.threadId ?? null,
      author_id: input.authorId,
      // As on Slack and Teams, control characters never reach the chat's history (PostgreSQL's text
      // refuses NUL; the bot drops them anyway: bot/validate-event.ts).
      text: stripControlCharacters(input.text),
      extra: serialiseExtra(input.extra ?? {}),
      created_at: nowIso(),
      edited_at: null,
      deleted_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toMessage(row);
}

export async function getMessage(db: DbOrTrx, id: number): Promise<LocalMessage | undefined> {
  const row = await db.selectFrom('local_messages').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMessage(row) : undefined;
}

/** Every live message of a channel (roots and thread replies), oldest first. */
export async function listChannel(db: DbOrTrx, channelId: string, limit = 500): Promise<LocalMessage[]> {
  const rows = await db
    .selectFrom('local_messages')
    .selectAll()
    .where('channel_id', '=', channelId)
    .where('deleted_at', 'is', null)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse().map(toMessage);
}

/** Replaces text and, when given, the extra; `edited` marks a person's edit (shown as "modifié"). */
export async function updateMessage(
  db: DbOrTrx,
  id: number,
  changes: { text: string; extra?: MessageExtra; edited: boolean },
): Promise<void> {
  await db
    .updateTable('local_messages')
    .set({
      text: stripControlCharacters(changes.text),
      ...(changes.extra ? { extra: serialiseExtra(changes.extra) } : {}),
      ...(changes.edited ? { edited_at: nowIso() } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Soft delete: thread replies keep a valid parent and the id is never reused. */
export async function deleteMessage(db: DbOrTrx, id: number): Promise<void> {
  await db.updateTable('local_messages').set({ deleted_at: nowIso() }).where('id', '=', id).execute();
}

/** Undoes a soft delete (the bot could not be told about it). */
export async function restoreMessage(db: DbOrTrx, id: number): Promise<void> {
  await db.updateTable('local_messages').set({ deleted_at: null }).where('id', '=', id).execute();
}

/** Returns false when the user already had that reaction. */
export async function addReaction(db: DbOrTrx, messageId: number, userId: string, emoji: string): Promise<boolean> {
  const result = await db
    .insertInto('local_reactions')
    .values({ message_id: messageId, user_id: userId, emoji, created_at: nowIso() })
    .onConflict((oc) => oc.columns(['message_id', 'user_id', 'emoji']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Returns false when there was nothing to remove. */
export async function removeReaction(db: DbOrTrx, messageId: number, userId: string, emoji: string): Promise<boolean> {
  const result = await db
    .deleteFrom('local_reactions')
    .where('message_id', '=', messageId)
    .where('user_id', '=', userId)
    .where('emoji', '=', emoji)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Reactions per message id, in the order they were first used. */
export async function reactionsFor(db: DbOrTrx, messageIds: number[]): Promise<Map<number, ReactionSummary[]>> {
  const out = new Map<number, ReactionSummary[]>();
  if (messageIds.length === 0) return out;
  const rows = await db
    .selectFrom('local_reactions')
    .select(['message_id', 'user_id', 'emoji'])
    .where('message_id', 'in', messageIds)
    .orderBy('created_at')
    .execute();
  for (const row of rows) {
    const id = Number(row.message_id);
    const list = out.get(id) ?? [];
    let summary = list.find((s) => s.emoji === row.emoji);
    if (!summary) {
      summary = { emoji: row.emoji, count: 0, users: [] };
      list.push(summary);
    }
    summary.count += 1;
    summary.users.push(row.user_id);
    out.set(id, list);
  }
  return out;
}

/** A removal by the bot: the message leaves the page and keeps no content (no words, no card). */
export async function eraseMessage(db: DbOrTrx, id: number): Promise<void> {
  await db.updateTable('local_messages').set({ deleted_at: nowIso(), text: '', extra: null }).where('id', '=', id).execute();
}

/**
 * Erases a user from the local chat's tables (`oublie-moi`): their DM conversation with the bot,
 * their reactions, and their messages; a message others replied to stays as an empty, deleted
 * placeholder so the thread keeps its parent. Returns the upload ids their messages carried.
 */
export async function forgetLocalUser(db: DbOrTrx, userId: string, dmChannelId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('local_messages')
    .select(['id', 'thread_id', 'extra'])
    .where((eb) => eb.or([eb('channel_id', '=', dmChannelId), eb('author_id', '=', userId)]))
    .execute();
  const uploads = rows.flatMap((r) => (parseExtra(r.extra).photos ?? []).map((p) => p.id));
  const ids = rows.map((r) => Number(r.id));
  await db.deleteFrom('local_reactions').where('user_id', '=', userId).execute();
  if (ids.length === 0) return uploads;
  await db.deleteFrom('local_reactions').where('message_id', 'in', ids).execute();
  const parents = new Set(
    (
      await db.selectFrom('local_messages').select('thread_id').where('thread_id', 'in', ids).where('id', 'not in', ids).execute()
    ).map((r) => Number(r.thread_id)),
  );
  const kept = ids.filter((id) => parents.has(id));
  if (kept.length > 0) {
    await db
      .updateTable('local_messages')
      .set({ author_id: 'anonymous', text: '', extra: null, deleted_at: nowIso() })
      .where('id', 'in', kept)
      .execute();
  }
  const gone = ids.filter((id) => !parents.has(id));
  // Replies first: a root may only go once nothing points at it.
  const replies = rows.filter((r) => r.thread_id !== null && gone.includes(Number(r.id))).map((r) => Number(r.id));
  const roots = gone.filter((id) => !replies.includes(id));
  if (replies.length > 0) await db.deleteFrom('local_messages').where('id', 'in', replies).execute();
  if (roots.length > 0) await db.deleteFrom('local_messages').where('id', 'in', roots).execute();
  return uploads;
}

/**
 * Takes an upload the bot refused off the message that carried it (the page then stops showing a
 * file that is gone); returns that message's channel, or null when no message holds it.
 */
export async function dropUploadFromMessage(db: DbOrTrx, uploadId: string): Promise<string | null> {
  if (!/^[a-f0-9]{32}$/.test(uploadId)) return null;
  const row = await db.selectFrom('local_messages').selectAll().where('extra', 'like', `%"id":"${uploadId}"%`).executeTakeFirst();
  if (!row) return null;
  const message = toMessage(row);
  const photos = (message.extra.photos ?? []).filter((p) => p.id !== uploadId);
  await db
    .updateTable('local_messages')
    .set({ extra: serialiseExtra({ ...message.extra, photos }) })
    .where('id', '=', message.id)
    .execute();
  return message.channelId;
}
