/** Agents: one row per chat user per platform. */
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';
import { canonicalMairie } from './mairies.js';
import type { Agent } from './schema.js';

export interface AgentIdentity {
  platform: string;
  platformUserId: string;
  displayName: string;
  mairie?: string | null;
  locale?: string | null;
}

/**
 * Returns the agent, creating it on first sight; keeps a known mairie/locale unless given. The mairie
 * is stored as its slug (`storage/mairies.ts`); one that names no mairie is not stored (the bot asks).
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
