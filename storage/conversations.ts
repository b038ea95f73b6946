/** Per-agent conversation state (the wizard's JSON), so a draft survives restarts. */
import { sql } from 'kysely';
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';
import { jsonText } from './dialect.js';

export async function loadConversation(db: DbOrTrx, agentId: number): Promise<string | null> {
  const row = await db.selectFrom('conversations').select('state').where('agent_id', '=', agentId).executeTakeFirst();
  return row?.state ?? null;
}

/**
 * Saves the state, or forgets it when `state` is null (published or cancelled). `reminded_at` is
 * kept while the draft lives: a draft gets one reminder, however often it is touched afterwards.
 */
export async function saveConversation(db: DbOrTrx, agentId: number, state: unknown | null): Promise<void> {
  if (state === null) {
    await db.deleteFrom('conversations').where('agent_id', '=', agentId).execute();
    return;
  }
  const json = JSON.stringify(state);
  await db
    .insertInto('conversations')
    .values({ agent_id: agentId, state: json, updated_at: nowIso() })
    .onConflict((oc) => oc.column('agent_id').doUpdateSet({ state: json, updated_at: nowIso() }))
    .execute();
}

export interface StaleConversation {
  agentId: number;
  platform: string;
  platformUserId: string;
  locale: string | null;
  state: string;
  updatedAt: string;
}

/**
 * Drafts on `platforms` untouched since `before` and never reminded, oldest first, a batch at a
 * time. Only drafts with a title: one abandoned before its first answer holds nothing to come back to.
 */
export async function listUnremindedSince(
  db: DbOrTrx,
  before: string,
  platforms: string[],
  limit: number,
): Promise<StaleConversation[]> {
  if (platforms.length === 0) return [];
  const rows = await db
    .selectFrom('conversations')
    .innerJoin('agents', 'agents.id', 'conversations.agent_id')
    .select([
      'conversations.agent_id',
      'agents.platform',
      'agents.platform_user_id',
      'agents.locale',
      'conversations.state',
      'conversations.updated_at',
    ])
    .where('conversations.reminded_at', 'is', null)
    .where('conversations.updated_at', '<=', before)
    .where(jsonText(db, sql.ref('conversations.state'), ['draft', 'title']), 'is not', null)
    .where('agents.platform', 'in', platforms)
    .orderBy('conversations.updated_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    agentId: r.agent_id,
    platform: r.platform,
    platformUserId: r.platform_user_id,
    locale: r.locale,
    state: r.state,
    updatedAt: r.updated_at,
  }));
}

/**
 * Marks a conversation reminded, before the reminder is sent. True only for the one caller that
 * changed it, and only if the draft was not touched since it was read: two instances never both send.
 */
export async function claimReminder(db: DbOrTrx, agentId: number, seenUpdatedAt: string, at = nowIso()): Promise<boolean> {
  const row = await db
    .updateTable('conversations')
    .set({ reminded_at: at })
    .where('agent_id', '=', agentId)
    .where('reminded_at', 'is', null)
    .where('updated_at', '=', seenUpdatedAt)
    .returning('agent_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** A draft started over in the same conversation is a new draft: it may get its own reminder. */
export async function forgetReminder(db: DbOrTrx, agentId: number): Promise<void> {
  await db.updateTable('conversations').set({ reminded_at: null }).where('agent_id', '=', agentId).execute();
}
