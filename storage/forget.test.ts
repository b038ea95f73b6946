import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempDb, describeEngines, type TempDb } from '../test/support/temp-db.js';
import { ANONYMOUS_AGENT, ensureAgent } from './agents.js';
import { addAnimator, isStoredAnimator } from './animators.js';
import { recordAnnounced } from './announcements.js';
import { insertBricolage } from './bricolages.js';
import { saveConversation } from './conversations.js';
import { createExportToken } from './data-exports.js';
import type { Db } from './db.js';
import { engineOf } from './dialect.js';
import { recordAdoption } from './engagement.js';
import { forgetAgent } from './forget.js';
import { savePending } from './pending.js';
import { reportTimeSaved } from './time-saved.js';
import { closeWorkshop, linkBricolage, openWorkshop } from './workshops.js';

describeEngines('oublie-moi in storage', (engine) => {
  let temp: TempDb;
  beforeEach(async () => {
    temp = await createTempDb({ engine });
  });
  afterEach(async () => {
    await temp.cleanup();
  });

  describe('forgetAgent', () => {
    it('moves rows of later tables that point at the agent to the anonymous author, and drops runtime roles', async () => {
      const { db } = temp;
      // A table another feature might add, whose key to agents neither cascades nor nulls.
      await sql`create table workshop_notes (id ${sql.raw(engine === 'postgres' ? 'serial' : 'integer')} primary key, agent_id integer not null references agents(id), note text)`.execute(
        db,
      );
      const camille = await ensureAgent(db, { platform: 'local', platformUserId: 'camille', displayName: 'Camille' });
      const karim = await ensureAgent(db, { platform: 'local', platformUserId: 'karim', displayName: 'Karim' });
      const other = await insertBricolage(db, { authorId: karim.id, title: 'T', problem: 'P', category: 'C', steps: [] });
      await recordAdoption(db, { bricolageId: other, agentId: camille.id, mairie: 'paris-11', feedback: 'merci' });
      await reportTimeSaved(db, { bricolageId: other, agentId: camille.id, minutesPerWeek: 45 });
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
      // The adoption stays as a fact about the mairie, with the time it saves but without words (issue 20).
      expect(await db.selectFrom('adoptions').select(['agent_id', 'mairie', 'feedback', 'minutes_per_week']).execute()).toEqual([
        { agent_id: anonymous.id, mairie: 'paris-11', feedback: null, minutes_per_week: 45 },
      ]);
      expect(await isStoredAnimator(db, 'local', 'camille')).toBe(false);
      expect(await db.selectFrom('agents').select('platform_user_id').orderBy('id').execute()).toEqual([
        { platform_user_id: 'karim' },
        { platform_user_id: 'anonymous' },
      ]);
    });

    it('leaves no row of any table keyed by the agent, and keeps the workshops they opened without their words', async () => {
      const { db } = temp;
      const camille = await ensureAgent(db, { platform: 'local', platformUserId: 'camille', displayName: 'Camille' });
      const karim = await ensureAgent(db, { platform: 'local', platformUserId: 'karim', displayName: 'Karim' });
      const his = await insertBricolage(db, { authorId: karim.id, title: 'T', problem: 'P', category: 'C', steps: [] });
      // Camille as an animateur who named Karim, opened and closed workshops, linked, adopted, was asked things.
      await addAnimator(db, { platform: 'local', platformUserId: 'camille' }, null);
      await addAnimator(db, { platform: 'local', platformUserId: 'karim' }, camille.id);
      const opened = await openWorkshop(db, { title: 'Files', description: 'Sa description', openedBy: camille.id });
      await linkBricolage(db, { workshopId: opened, bricolageId: his, linkedBy: camille.id });
      const byKarim = await openWorkshop(db, { title: 'Courrier', description: 'Celle de Karim', openedBy: karim.id });
      await closeWorkshop(db, { id: byKarim, summary: 'Son résumé', closedBy: camille.id });
      await recordAdoption(db, { bricolageId: his, agentId: camille.id, mairie: 'paris-11', feedback: 'merci' });
      await recordAnnounced(db, camille.id, [{ kind: 'badge', key: 'premiere-astuce' }]);
      await savePending(db, camille.id, { kind: 'confirm', state: { version: 1, kind: 'forgetChoice' }, ttlMs: 60_000 });
      await saveConversation(db, camille.id, { version: 1, step: 'title' });
      await createExportToken(db, camille.id);

      await db.transaction().execute((trx) => forgetAgent(trx, camille, 'remove', 'Agent anonyme'));

      // Every column of every table that points at agents no longer names her.
      const left: string[] = [];
      for (const { name, from } of await keysToAgents(db)) {
        {
          const key = { from };
          const rows = await sql<{
            n: number;
          }>`select count(*) as n from ${sql.table(name)} where ${sql.ref(key.from)} = ${camille.id}`.execute(db);
          if (Number(rows.rows[0].n) > 0) left.push(`${name}.${key.from}`);
        }
      }
      expect(left).toEqual([]);
      expect(
        await db
          .selectFrom('workshops')
          .select(['title', 'description', 'summary', 'opened_by', 'closed_by'])
          .orderBy('id')
          .execute(),
      ).toEqual([
        { title: 'Files', description: '', summary: null, opened_by: null, closed_by: null },
        { title: 'Courrier', description: 'Celle de Karim', summary: null, opened_by: karim.id, closed_by: null },
      ]);
      expect(await db.selectFrom('workshop_bricolages').select(['bricolage_id', 'linked_by']).execute()).toEqual([
        { bricolage_id: his, linked_by: null },
      ]);
      expect(await isStoredAnimator(db, 'local', 'karim')).toBe(true);
    });
  });
});

/** Every (table, column) whose foreign key points at `agents`, from either engine's catalogue. */
async function keysToAgents(db: Db): Promise<{ name: string; from: string }[]> {
  if (engineOf(db) === 'postgres') {
    const rows = await sql<{ name: string; from: string }>`
      select c.conrelid::regclass::text as name, a.attname as "from"
      from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.confrelid = 'agents'::regclass`.execute(db);
    return rows.rows;
  }
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
  const keys: { name: string; from: string }[] = [];
  for (const { name } of tables.rows) {
    const rows = await sql<{ table: string; from: string }>`select "table", "from" from pragma_foreign_key_list(${name})`.execute(
      db,
    );
    for (const key of rows.rows) if (key.table === 'agents') keys.push({ name, from: key.from });
  }
  return keys;
}
