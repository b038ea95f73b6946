/**
 * Stored mairies that are not one of `storage/mairies.ts`: legacy values the community migration
 * could not recognise, kept as they were. This is the flag the animateur's dashboard lists.
 */
import type { DbOrTrx } from './db.js';
import { MAIRIE_SLUGS } from './mairies.js';

export interface UnrecognisedMairie {
  /** Where it is stored: an agent's profile or an adoption. */
  source: 'agent' | 'adoption';
  value: string;
  /** How many rows hold it. */
  count: number;
}

export async function listUnrecognisedMairies(db: DbOrTrx, limit = 50): Promise<UnrecognisedMairie[]> {
  const slugs = [...MAIRIE_SLUGS];
  const agents = await db
    .selectFrom('agents')
    .select((eb) => ['mairie', eb.fn.countAll<number>().as('count')])
    .where('mairie', 'is not', null)
    .where('mairie', 'not in', slugs)
    .groupBy('mairie')
    .orderBy('mairie')
    .limit(limit)
    .execute();
  const adoptions = await db
    .selectFrom('adoptions')
    .select((eb) => ['mairie', eb.fn.countAll<number>().as('count')])
    .where('mairie', 'is not', null)
    .where('mairie', 'not in', slugs)
    .groupBy('mairie')
    .orderBy('mairie')
    .limit(limit)
    .execute();
  return [
    ...agents.map((r) => ({ source: 'agent' as const, value: r.mairie!, count: Number(r.count) })),
    ...adoptions.map((r) => ({ source: 'adoption' as const, value: r.mairie!, count: Number(r.count) })),
  ];
}
