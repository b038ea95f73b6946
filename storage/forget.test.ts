import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempDb, type TempDb } from '../test/support/temp-db.js';
import { ANONYMOUS_AGENT, ensureAgent } from './agents.js';
import { addAnimator, isStoredAnimator } from './animators.js';
import { insertBricolage } from './bricolages.js';
import { recordAdoption } from './engagement.js';
import { forgetAgent } from './forget.js';

let temp: TempDb;
beforeEach(async () => {
  temp = await createTempDb();
});
afterEach(async () => {
  await temp.cleanup();
});

describe('forgetAgent', () => {
  it('moves rows of later tables that point at the agent to the anonymous author, and drops runtime roles', async () => {
    const { db } = temp;
    // A table another feature might add, whose key to agents neither cascades nor nulls.
    await sql`create table workshop_notes (id integer primary key, agent_id integer not null references agents(id), note text)`.execute(
      db,
    );
    const camille = await ensureAgent(db, { platform: 'local', platformUserId: 'camille', displayName: 'Camille' });
    const karim = await ensureAgent(db, { platform: 'local', platformUserId: 'karim', displayName: 'Karim' });
    const other = await insertBricolage(db, { authorId: karim.id, title: 'T', problem: 'P', category: 'C', steps: [] });
    await recordAdoption(db, { bricolageId: other, agentId: camille.id, mairie: 'paris-11', feedback: 'merci' });
    await sql`insert into workshop_notes (agent_id, note) values (${camille.id}, 'n')`.execute(db);
    await addAnimator(db, { platform: 'local', platformUserId: 'camille' }, null);

    await db.transaction().execute((trx) => forgetAgent(trx, camille, 'remove', 'Agent anonyme'));

    const anonymous = await db
      .selectFrom('agents')
      .selectAll()
      .where('platform', '=', ANONYMOUS_AGENT.platform)
      .executeTakeFirstOrThrow();
    const notes = await sql<{ agent_id: number }>`select agent_id from workshop_notes`.execute(db);
    expect(notes.rows).toEqual([{ agent_id: anonymous.id }]);
    expect(await db.selectFrom('adoptions').select(['agent_id', 'mairie', 'feedback']).execute()).toEqual([
      { agent_id: anonymous.id, mairie: 'paris-11', feedback: null },
    ]);
    expect(await isStoredAnimator(db, 'local', 'camille')).toBe(false);
    expect(await db.selectFrom('agents').select('platform_user_id').orderBy('id').execute()).toEqual([
      { platform_user_id: 'karim' },
      { platform_user_id: 'anonymous' },
    ]);
  });
});
