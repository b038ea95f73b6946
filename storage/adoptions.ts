/**
 * Adoptions beyond the row itself: the feedback, the once-per-mairie notice to the author, and
 * adoptions grouped by mairie for the gallery.
 */

import { MAIRIE_SLUGS, mairieLabel } from '../domain/mairies.js';
import type { DbOrTrx } from './db.js';
import { nowIso } from './db.js';

/** The agent's adoption of a bricolage, if they reported one. */
export async function findAdoption(db: DbOrTrx, bricolageId: number, agentId: number) {
  return db
    .selectFrom('adoptions')
    .selectAll()
    .where('bricolage_id', '=', bricolageId)
    .where('agent_id', '=', agentId)
    .executeTakeFirst();
}

/** Sets the feedback of an existing adoption (the answer to the button's question). */
export async function setAdoptionFeedback(db: DbOrTrx, bricolageId: number, agentId: number, feedback: string): Promise<void> {
  await db
    .updateTable('adoptions')
    .set({ feedback })
    .where('bricolage_id', '=', bricolageId)
    .where('agent_id', '=', agentId)
    .execute();
}

/**
 * Claims the notice "your bricolage was adopted at the mairie du 12e": true the first time for this
 * bricolage and mairie, false ever after (the unique key decides, even under concurrency).
 */
export async function claimAdoptionNotice(db: DbOrTrx, bricolageId: number, mairie: string): Promise<boolean> {
  const row = await db
    .insertInto('adoption_notices')
    .values({ bricolage_id: bricolageId, mairie, notified_at: nowIso() })
    .onConflict((oc) => oc.columns(['bricolage_id', 'mairie']).doNothing())
    .returning('mairie')
    .executeTakeFirst();
  return row !== undefined;
}

export interface MairieAdoptions {
  /** Stored mairie (slug, or a legacy value); null when unknown. */
  mairie: string | null;
  /** As people read it in the requested language; null when unknown. */
  label: string | null;
  count: number;
}

/** Adoptions of one bricolage by mairie: most first, then in the list's order, unknown last. */
export function groupAdoptionsByMairie(adoptions: { mairie: string | null }[], locale: 'fr' | 'en'): MairieAdoptions[] {
  const counts = new Map<string | null, number>();
  for (const a of adoptions) counts.set(a.mairie, (counts.get(a.mairie) ?? 0) + 1);
  const order = (m: string | null) => (m === null ? Number.MAX_SAFE_INTEGER : MAIRIE_SLUGS.indexOf(m) >>> 0);
  return [...counts.entries()]
    .map(([mairie, count]) => ({ mairie, label: mairieLabel(mairie, locale), count }))
    .sort((a, b) => b.count - a.count || order(a.mairie) - order(b.mairie));
}
