/** What was announced to each agent (a level reached, a badge earned), so each is announced once. */

import type { Announcement } from '../domain/scoring.js';
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';

/** `"level:artisan"`, `"badge:voyageur"`: the keys `dueAnnouncements` compares with. */
export async function listAnnounced(db: DbOrTrx, agentId: number): Promise<Set<string>> {
  const rows = await db.selectFrom('agent_announcements').select(['kind', 'key']).where('agent_id', '=', agentId).execute();
  return new Set(rows.map((r) => `${r.kind}:${r.key}`));
}

/** Records announcements; returns those this call recorded (a concurrent run may have done some). */
export async function recordAnnounced(
  db: DbOrTrx,
  agentId: number,
  items: Announcement[],
  at = nowIso(),
): Promise<Announcement[]> {
  const recorded: Announcement[] = [];
  for (const item of items) {
    const row = await db
      .insertInto('agent_announcements')
      .values({ agent_id: agentId, kind: item.kind, key: item.key, announced_at: at })
      .onConflict((oc) => oc.columns(['agent_id', 'kind', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (row) recorded.push(item);
  }
  return recorded;
}
