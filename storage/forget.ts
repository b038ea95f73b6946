/**
 * `oublie-moi`: erases an agent from the product's tables in one transaction. Their bricolages are
 * removed or handed to the one anonymous author, as they choose; their comments are anonymised
 * (author detached, words erased); likes, drafts, the pending question and export links are deleted;
 * workshops they opened stay without their opener's description (or closer's summary); their raw
 * inbound events are purged from the inbox; then the agent row itself goes. Rows of the other
 * tables keyed by the agent (level and badge announcements) go by cascade.
 */
import { sql } from 'kysely';
import { ANONYMOUS_AGENT, ensureAgent } from './agents.js';
import type { ChatLocation } from './bricolages.js';
import type { DbOrTrx, Trx } from './db.js';
import { nowIso } from './db.js';
import { engineOf, jsonText } from './dialect.js';
import type { Agent } from './schema.js';
import { compactSearchIndex } from './search/search.js';
import { dropUnusedPhotos, photosOfContent, type UnusedPhoto } from './unused-photos.js';

export type ForgetMode = 'remove' | 'anonymise';

export interface ForgetResult {
  /** Chat posts of the agent's bricolages: to remove (mode remove) or to refresh (mode anonymise). */
  posts: (ChatLocation & { bricolageId: number })[];
  /** The anonymous author's id (the new author of anonymised bricolages). */
  anonymousId: number;
  /** Announcements of workshops they opened, to re-post without the description they wrote. */
  workshops: (ChatLocation & { workshopId: number; title: string })[];
  /** Photos only their deleted content used: rows gone, files to delete after commit. */
  photos: UnusedPhoto[];
}

/** Foreign keys to `agents.id` handled explicitly below; any other table is handled generically. */
const HANDLED = new Set([
  'bricolages.author_id',
  'comments.author_id',
  'likes.agent_id',
  'adoptions.agent_id',
  'conversations.agent_id',
  'pending_questions.agent_id',
  'data_exports.agent_id',
]);

export async function forgetAgent(trx: Trx, agent: Agent, mode: ForgetMode, anonymousName: string): Promise<ForgetResult> {
  const anonymous = await ensureAgent(trx, { ...ANONYMOUS_AGENT, displayName: anonymousName });
  const at = nowIso();

  const own = await trx
    .selectFrom('bricolages')
    .select(['id', 'chat_platform', 'chat_channel_id', 'chat_message_id'])
    .where('author_id', '=', agent.id)
    .execute();
  const posts = own.flatMap((b) =>
    b.chat_platform && b.chat_channel_id && b.chat_message_id
      ? [{ bricolageId: b.id, platform: b.chat_platform, channelId: b.chat_channel_id, messageId: b.chat_message_id }]
      : [],
  );
  const ownIds = own.map((b) => String(b.id));
  const commentIds = (await trx.selectFrom('comments').select('id').where('author_id', '=', agent.id).execute()).map((c) => c.id);
  const photoHashes = await photosOfContent(trx, {
    bricolageIds: mode === 'remove' ? own.map((b) => b.id) : [],
    commentIds,
  });
  if (mode === 'remove') {
    // Steps, their photos, likes, comments and adoptions of these bricolages go by cascade.
    await trx.deleteFrom('bricolages').where('author_id', '=', agent.id).execute();
  } else {
    await trx
      .updateTable('bricolages')
      .set({ author_id: anonymous.id, updated_at: at })
      .where('author_id', '=', agent.id)
      .execute();
  }

  // Comments stay in their threads (so replies keep their context) but carry neither author nor words.
  await trx
    .deleteFrom('comment_photos')
    .where('comment_id', 'in', (eb) => eb.selectFrom('comments').select('id').where('author_id', '=', agent.id))
    .execute();
  await trx
    .updateTable('comments')
    .set({ author_id: anonymous.id, text: '', status: 'hidden', edited_at: at })
    .where('author_id', '=', agent.id)
    .execute();

  await trx.deleteFrom('likes').where('agent_id', '=', agent.id).execute();
  // An adoption is a fact about a mairie: it stays, anonymous and without feedback (one per author).
  await sql`update adoptions set agent_id = ${anonymous.id}, feedback = null where agent_id = ${agent.id}
    and not exists (select 1 from adoptions o where o.bricolage_id = adoptions.bricolage_id and o.agent_id = ${anonymous.id})`.execute(
    trx,
  );
  await trx.deleteFrom('adoptions').where('agent_id', '=', agent.id).execute();
  await trx.deleteFrom('conversations').where('agent_id', '=', agent.id).execute();
  await trx.deleteFrom('pending_questions').where('agent_id', '=', agent.id).execute();
  await trx.deleteFrom('data_exports').where('agent_id', '=', agent.id).execute();

  const workshops = await forgetWorkshopWords(trx, agent.id);

  // The audit log keeps what happened, not who or with which words.
  await trx
    .updateTable('audit_log')
    .set({ actor_agent_id: null, details: null })
    .where('actor_agent_id', '=', agent.id)
    .execute();
  // Actions about them (named an animateur, removed) keep neither their chat id nor their name.
  await trx
    .updateTable('audit_log')
    .set({ subject_id: `${ANONYMOUS_AGENT.platform}:${ANONYMOUS_AGENT.platformUserId}`, details: null })
    .where('subject_type', '=', 'agent')
    .where('subject_id', '=', `${agent.platform}:${agent.platform_user_id}`)
    .execute();
  if (ownIds.length > 0) {
    await trx
      .updateTable('audit_log')
      .set({ details: null })
      .where('subject_type', '=', 'bricolage')
      .where('subject_id', 'in', ownIds)
      .execute();
  }

  // A role given at runtime names the chat user, not the agent row.
  await trx
    .deleteFrom('animators')
    .where('platform', '=', agent.platform)
    .where('platform_user_id', '=', agent.platform_user_id)
    .execute();
  await purgeInboundEvents(trx, agent.platform, agent.platform_user_id, at);
  await detachOtherReferences(trx, agent.id, anonymous.id);
  await trx.deleteFrom('agents').where('id', '=', agent.id).execute();
  const photos = await dropUnusedPhotos(trx, photoHashes);
  return { posts, anonymousId: anonymous.id, workshops, photos };
}

/**
 * Workshops stay: other agents' bricolages are linked to them, and their title, which those agents'
 * messages and threads echo, names the shared problem. The opener's description and the closer's
 * summary are their own prose and are erased; opener, closer and linker are nulled by their keys.
 */
async function forgetWorkshopWords(trx: Trx, agentId: number): Promise<ForgetResult['workshops']> {
  const opened = await trx
    .updateTable('workshops')
    .set({ description: '' })
    .where('opened_by', '=', agentId)
    .returning(['id', 'title', 'chat_platform', 'chat_channel_id', 'chat_message_id'])
    .execute();
  await trx.updateTable('workshops').set({ summary: null }).where('closed_by', '=', agentId).execute();
  return opened.flatMap((w) =>
    w.chat_platform && w.chat_channel_id && w.chat_message_id
      ? [
          {
            workshopId: w.id,
            title: w.title,
            platform: w.chat_platform,
            channelId: w.chat_channel_id,
            messageId: w.chat_message_id,
          },
        ]
      : [],
  );
}

/**
 * Empties the payloads of the agent's inbound events. The rows stay (a redelivery is still
 * recognised as one) and are marked processed, so nothing replays an empty payload.
 */
async function purgeInboundEvents(db: DbOrTrx, platform: string, platformUserId: string, at: string): Promise<void> {
  await db
    .updateTable('inbox')
    .set((eb) => ({ payload: '{}', error: null, processed_at: eb.fn.coalesce('processed_at', eb.val(at)) }))
    .where('platform', '=', platform)
    .where(jsonText(db, sql.ref('payload'), ['user', 'id']), '=', platformUserId)
    .execute();
}

/**
 * Tables added later that point at `agents.id` (points, badges, workshops…) would block the
 * deletion: their rows move to the anonymous author, or go when that would break a unique key.
 */
async function detachOtherReferences(trx: Trx, agentId: number, anonymousId: number): Promise<void> {
  if (engineOf(trx) === 'postgres') return detachOtherReferencesPostgres(trx, agentId, anonymousId);
  const tables = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(trx);
  for (const { name } of tables.rows) {
    const keys = await sql<{
      table: string;
      from: string;
      on_delete: string;
    }>`select "table", "from", on_delete from pragma_foreign_key_list(${name})`.execute(trx);
    for (const key of keys.rows) {
      if (key.table !== 'agents' || HANDLED.has(`${name}.${key.from}`)) continue;
      // Cascading and nulling keys follow the agent row by themselves.
      if (['CASCADE', 'SET NULL', 'SET DEFAULT'].includes(key.on_delete.toUpperCase())) continue;
      await sql`update or ignore ${sql.table(name)} set ${sql.ref(key.from)} = ${anonymousId} where ${sql.ref(key.from)} = ${agentId}`.execute(
        trx,
      );
      await sql`delete from ${sql.table(name)} where ${sql.ref(key.from)} = ${agentId}`.execute(trx);
    }
  }
}

/**
 * The same on PostgreSQL, from its catalogue: each row moves to the anonymous author in its own
 * savepoint, and goes when a unique key refuses the move.
 */
async function detachOtherReferencesPostgres(trx: Trx, agentId: number, anonymousId: number): Promise<void> {
  const keys = await sql<{ table: string; column: string; on_delete: string }>`
    select c.conrelid::regclass::text as "table", a.attname as "column", c.confdeltype as on_delete
    from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = 'agents'::regclass and array_length(c.conkey, 1) = 1`.execute(trx);
  for (const key of keys.rows) {
    if (HANDLED.has(`${key.table}.${key.column}`)) continue;
    // Cascading ('c') and nulling ('n', 'd') keys follow the agent row by themselves.
    if (['c', 'n', 'd'].includes(key.on_delete)) continue;
    const rows = await sql<{
      row: string;
    }>`select ctid::text as row from ${sql.table(key.table)} where ${sql.ref(key.column)} = ${agentId}`.execute(trx);
    for (const { row } of rows.rows) {
      await sql`savepoint detach`.execute(trx);
      try {
        await sql`update ${sql.table(key.table)} set ${sql.ref(key.column)} = ${anonymousId} where ctid = ${row}::tid`.execute(
          trx,
        );
        await sql`release savepoint detach`.execute(trx);
      } catch {
        await sql`rollback to savepoint detach`.execute(trx);
      }
    }
    await sql`delete from ${sql.table(key.table)} where ${sql.ref(key.column)} = ${agentId}`.execute(trx);
  }
}

/**
 * Rewrites the database file without the freed pages that still hold erased words: a checkpoint
 * folds the WAL into the file and truncates it, VACUUM rebuilds the file. Outside any transaction.
 */
export async function scrubFreedPages(db: DbOrTrx): Promise<void> {
  if (engineOf(db) === 'postgres') {
    // PostgreSQL: VACUUM frees the erased rows' space for reuse (the server's own backups keep history).
    await sql`vacuum`.execute(db);
    return;
  }
  await compactSearchIndex(db);
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  await sql`vacuum`.execute(db);
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
}
