/** Agents: one row per chat user per platform. */

import { canonicalMairie } from '../domain/mairies.js';
import { foldText } from '../domain/text.js';
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';
import type { Agent } from './schema.js';

/**
 * The one author that `oublie-moi` hands anonymised content to: not a person, so it earns no points,
 * ranks nowhere and gets no announcement.
 */
export const ANONYMOUS_AGENT = { platform: 'anonymous', platformUserId: 'anonymous' } as const;

export interface AgentIdentity {
  platform: string;
  platformUserId: string;
  displayName: string;
  mairie?: string | null;
  locale?: string | null;
}

/**
 * Returns the agent, creating it on first sight; keeps a known mairie/locale unless given. The mairie
 * is stored as its slug (`domain/mairies.ts`); one that names no mairie is not stored (the bot asks).
 */
export async function ensureAgent(db: DbOrTrx, who: AgentIdentity): Promise<Agent> {
  await db
    .insertInto('agents')
    .values({
      platform: who.platform,
      platform_user_id: who.platformUserId,
      display_name: who.displayName,
      mairie: canonicalMairie(who.mairie),
      locale: who.locale ?? null,
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(['platform', 'platform_user_id']).doNothing())
    .execute();
  const agent = await findAgent(db, who.platform, who.platformUserId);
  if (!agent) throw new Error('agent vanished after insert');
  return agent;
}

export async function findAgent(db: DbOrTrx, platform: string, platformUserId: string): Promise<Agent | undefined> {
  return db
    .selectFrom('agents')
    .selectAll()
    .where('platform', '=', platform)
    .where('platform_user_id', '=', platformUserId)
    .executeTakeFirst();
}

export async function getAgent(db: DbOrTrx, id: number): Promise<Agent | undefined> {
  return db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateAgent(
  db: DbOrTrx,
  id: number,
  changes: { displayName?: string; mairie?: string | null; locale?: string | null },
): Promise<void> {
  const values: Record<string, string | null> = {};
  if (changes.displayName !== undefined) values.display_name = changes.displayName;
  if (changes.mairie !== undefined) values.mairie = canonicalMairie(changes.mairie);
  if (changes.locale !== undefined) values.locale = changes.locale;
  if (Object.keys(values).length === 0) return;
  await db.updateTable('agents').set(values).where('id', '=', id).execute();
}

/** The stored profiles of some users of one platform (the local chat's picker shows their mairie). */
export async function listAgentsOf(db: DbOrTrx, platform: string, platformUserIds: readonly string[]): Promise<Agent[]> {
  if (platformUserIds.length === 0) return [];
  return db
    .selectFrom('agents')
    .selectAll()
    .where('platform', '=', platform)
    .where('platform_user_id', 'in', platformUserIds)
    .execute();
}

/**
 * Agents of a platform a typed reference names (`animateur ajouter Camille Martin`): their chat id
 * (a Slack mention `<@U123>` too) or their display name, ignoring case and accents. SQL narrows the
 * candidates with a pattern where letters that may carry an accent are wildcards; the fold decides.
 */
export async function findAgentsByReference(db: DbOrTrx, platform: string, typed: string): Promise<Agent[]> {
  const reference = typed
    .trim()
    .replace(/^<@([^>|]+)(?:\|[^>]*)?>$/, '$1')
    .replace(/^@/, '');
  if (!reference) return [];
  const byId = await findAgent(db, platform, reference);
  if (byId) return [byId];
  const folded = foldText(reference);
  const longest = folded.split(' ').sort((a, b) => b.length - a.length)[0] ?? '';
  const pattern = `%${longest.replace(/[%_\\]/g, '').replace(/[aceinouy]/g, '_')}%`;
  const candidates = await db
    .selectFrom('agents')
    .selectAll()
    .where('platform', '=', platform)
    .where('display_name', 'like', pattern)
    .orderBy('id')
    .limit(50)
    .execute();
  return candidates.filter((a) => foldText(a.display_name) === folded);
}
