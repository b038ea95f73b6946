/**
 * Stored mairies that are not one of `domain/mairies.ts`: legacy values the community migration
 * could not recognise, kept as they were. This is the flag the animateur's dashboard lists.
 */

import { MAIRIE_SLUGS } from '../domain/mairies.js';
import type { DbOrTrx } from './db.js';

export interface UnrecognisedMairie {
  /** Where it is stored: an agent's profile or an adoption. */
  source: 'agent' | 'adoption';
  value: string;
  /** How many rows hold it. */
  count: number;
}

/** Non-slug values of one table's `mairie` column, with how many rows hold each. */
async function unrecognisedIn(db: DbOrTrx, table: 'agents' | 'adoptions', limit: number) {
  return db
    .selectFrom(table)
    .select((eb) => ['mairie', eb.fn.countAll<number>().as('count')])
    .where('mairie', 'is not', null)
    .where('mairie', 'not in', [...MAIRIE_SLUGS])
    .groupBy('mairie')
    .orderBy('mairie')
    .limit(limit)
    .execute();
}

export async function listUnrecognisedMairies(db: DbOrTrx, limit = 50): Promise<UnrecognisedMairie[]> {
  const agents = await unrecognisedIn(db, 'agents', limit);
  const adoptions = await unrecognisedIn(db, 'adoptions', limit);
  return [
    ...agents.map((r) => ({ source: 'agent' as const, value: r.mairie!, count: Number(r.count) })),
    ...adoptions.map((r) => ({ source: 'adoption' as const, value: r.mairie!, count: Number(r.count) })),
  ];
}
