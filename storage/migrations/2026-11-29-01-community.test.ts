import { afterEach, describe, expect, it } from 'vitest';
import { createTempDb, type TempDb } from '../../test/support/temp-db.js';
import { migrate } from '../db.js';
import { listUnrecognisedMairies } from '../unrecognised-mairies.js';

let temp: TempDb | undefined;
afterEach(async () => {
  await temp?.cleanup();
  temp = undefined;
});

describe('2026-11-29-01-community', () => {
  it('normalises stored mairies to slugs and keeps what it cannot recognise', async () => {
    temp = await createTempDb({ migrate: false });
    const db = temp.db;
    await migrate(db, '2026-11-23-02-local-chat');
    const at = '2026-11-01T10:00:00.000Z';
    const raw = ['11e', 'Mairie du 1er', 'Hôtel de Ville', 'Annexe Bercy', null];
    for (const [i, mairie] of raw.entries()) {
      await db
        .insertInto('agents')
        .values({ platform: 'slack', platform_user_id: `U${i}`, display_name: `A${i}`, mairie, locale: null, created_at: at })
        .execute();
    }
    const { id } = await db
      .insertInto('bricolages')
      .values({ author_id: 1, title: 't', problem: 'p', category: 'Autre', status: 'published', created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('adoptions')
      .values({ bricolage_id: id, agent_id: 2, mairie: '18ème', feedback: null, created_at: at })
      .execute();
    await db
      .insertInto('adoptions')
      .values({ bricolage_id: id, agent_id: 4, mairie: 'Lyon', feedback: null, created_at: at })
      .execute();

    await migrate(db);

    const agents = await db.selectFrom('agents').select('mairie').orderBy('id').execute();
    expect(agents.map((a) => a.mairie)).toEqual(['paris-11', 'paris-1', 'hotel-de-ville', 'Annexe Bercy', null]);
    const adoptions = await db.selectFrom('adoptions').select('mairie').orderBy('id').execute();
    expect(adoptions.map((a) => a.mairie)).toEqual(['paris-18', 'Lyon']);
    // What could not be recognised is flagged for the animateur's dashboard.
    expect(await listUnrecognisedMairies(db)).toEqual([
      { source: 'agent', value: 'Annexe Bercy', count: 1 },
      { source: 'adoption', value: 'Lyon', count: 1 },
    ]);
  });
});
