/**
 * The animateur's dashboard: what needs a facilitator's attention, each part counted in SQL with a
 * short sample, never a full list.
 */

import { MAIRIE_SLUGS } from '../domain/mairies.js';
import { parisMonthStart } from '../domain/paris-time.js';
import type { DbOrTrx } from './db.js';
import { countFailedEvents, listFailedEvents } from './inbox.js';
import { type DuplicatePair, likelyDuplicates } from './search/duplicates.js';
import { listUnrecognisedMairies, type UnrecognisedMairie } from './unrecognised-mairies.js';
import { welcomedSince } from './welcomes.js';

export interface DashboardData {
  /** Mairies (slugs) with no bricolage published by their agents and no adoption in the window. */
  quietMairies: string[];
  bricolagesWithoutPhotos: { count: number; sample: { id: number; title: string }[] };
  adoptionsAwaitingFeedback: { count: number; sample: { bricolageId: number; title: string; agentName: string }[] };
  /** Drafts untouched for `draftDays` days. */
  abandonedDrafts: { count: number; sample: { agentName: string; updatedAt: string }[] };
  failedEvents: { count: number; sample: { id: number; platform: string; error: string; receivedAt: string }[] };
  unrecognisedMairies: UnrecognisedMairie[];
  /** Pairs from different mairies published in the last 30 days with a high similarity (issue 17). */
  likelyDuplicates: { count: number; sample: DuplicatePair[] };
  /** Newcomers welcomed since the 1st of this month (Paris time), per mairie (null: not known yet). */
  newcomersThisMonth: { mairie: string | null; count: number }[];
}

const SAMPLE = 5;
const DAY = 86_400_000;

export async function loadDashboard(
  db: DbOrTrx,
  options: { now?: Date; quietDays?: number; draftDays?: number } = {},
): Promise<DashboardData> {
  const now = options.now ?? new Date();
  const quietSince = new Date(now.getTime() - (options.quietDays ?? 30) * DAY).toISOString();
  const draftBefore = new Date(now.getTime() - (options.draftDays ?? 3) * DAY).toISOString();

  const activePublishers = await db
    .selectFrom('bricolages as b')
    .innerJoin('agents as a', 'a.id', 'b.author_id')
    .select('a.mairie')
    .distinct()
    .where('b.status', '=', 'published')
    .where('b.published_at', '>=', quietSince)
    .where('a.mairie', 'is not', null)
    .execute();
  const activeAdopters = await db
    .selectFrom('adoptions')
    .select('mairie')
    .distinct()
    .where('created_at', '>=', quietSince)
    .where('mairie', 'is not', null)
    .execute();
  const active = new Set([...activePublishers, ...activeAdopters].map((r) => r.mairie));

  const withoutPhotos = db
    .selectFrom('bricolages as b')
    .where('b.status', '=', 'published')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('steps as s')
            .innerJoin('step_photos as sp', 'sp.step_id', 's.id')
            .select('sp.step_id')
            .whereRef('s.bricolage_id', '=', 'b.id'),
        ),
      ),
    );
  const photoCount = await withoutPhotos.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const photoSample = await withoutPhotos.select(['b.id', 'b.title']).orderBy('b.published_at', 'desc').limit(SAMPLE).execute();

  const awaiting = db
    .selectFrom('adoptions as ad')
    .innerJoin('bricolages as b', 'b.id', 'ad.bricolage_id')
    .innerJoin('agents as a', 'a.id', 'ad.agent_id')
    .where('b.status', '=', 'published')
    .where((eb) => eb.or([eb('ad.feedback', 'is', null), eb('ad.feedback', '=', '')]));
  const awaitingCount = await awaiting.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const awaitingSample = await awaiting
    .select(['b.id', 'b.title', 'a.display_name'])
    .orderBy('ad.created_at', 'desc')
    .limit(SAMPLE)
    .execute();

  const drafts = db
    .selectFrom('conversations as c')
    .innerJoin('agents as a', 'a.id', 'c.agent_id')
    .where('c.updated_at', '<', draftBefore);
  const draftCount = await drafts.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const draftSample = await drafts.select(['a.display_name', 'c.updated_at']).orderBy('c.updated_at').limit(SAMPLE).execute();

  // Events kept aside after their last attempt (those still being retried are not failures yet).
  const failedCount = await countFailedEvents(db);
  const failedSample = await listFailedEvents(db, { limit: SAMPLE });

  return {
    quietMairies: MAIRIE_SLUGS.filter((slug) => !active.has(slug)),
    bricolagesWithoutPhotos: { count: Number(photoCount.n), sample: photoSample.map((r) => ({ id: r.id, title: r.title })) },
    adoptionsAwaitingFeedback: {
      count: Number(awaitingCount.n),
      sample: awaitingSample.map((r) => ({ bricolageId: r.id, title: r.title, agentName: r.display_name })),
    },
    abandonedDrafts: {
      count: Number(draftCount.n),
      sample: draftSample.map((r) => ({ agentName: r.display_name, updatedAt: r.updated_at })),
    },
    failedEvents: {
      count: failedCount,
      sample: failedSample.map((r) => ({ id: r.id, platform: r.platform, error: r.error ?? '', receivedAt: r.receivedAt })),
    },
    unrecognisedMairies: await listUnrecognisedMairies(db, SAMPLE),
    likelyDuplicates: await duplicatesPart(db, now, options.quietDays ?? 30),
    newcomersThisMonth: await welcomedSince(db, parisMonthStart(now).toISOString()),
  };
}

async function duplicatesPart(db: DbOrTrx, now: Date, days: number): Promise<DashboardData['likelyDuplicates']> {
  const pairs = await likelyDuplicates(db, { now, days });
  return { count: pairs.length, sample: pairs.slice(0, SAMPLE) };
}
