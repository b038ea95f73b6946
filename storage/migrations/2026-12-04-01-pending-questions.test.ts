import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempDb, type TempDb } from '../../test/support/temp-db.js';
import { ensureAgent } from '../agents.js';
import { insertBricolage } from '../bricolages.js';
import { migrate } from '../db.js';

let temp: TempDb | undefined;
afterEach(async () => {
  await temp?.cleanup();
  temp = undefined;
});

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const MIN = 60_000;

describe('2026-12-04-01-pending-questions', () => {
  it('moves the questions still live into the one slot, the latest per agent, and drops the old stores', async () => {
    temp = await createTempDb({ migrate: false });
    const db = temp.db;
    await migrate(db, '2026-11-30-01-search-prefixes');
    const agent = async (id: string) => (await ensureAgent(db, { platform: 'local', platformUserId: id, displayName: id })).id;
    const [camille, karim, sophie, julien, aicha] = [
      await agent('camille'),
      await agent('karim'),
      await agent('sophie'),
      await agent('julien'),
      await agent('aicha'),
    ];
    const bricolage = await insertBricolage(db, { authorId: camille, title: 'T', problem: 'P', category: 'C', steps: [] });
    const confirm = JSON.stringify({ version: 1, kind: 'delete', id: bricolage });
    const workshop = JSON.stringify({ version: 1, kind: 'description', title: 'Files' });
    // Camille: a live confirmation. Karim: an expired one, and a live feedback question.
    // Sophie: a feedback question (asked first) and a workshop prompt (asked last): the prompt wins.
    // Julien: a workshop prompt over an hour old. Aïcha: a feedback question 25 hours old.
    await sql`insert into confirmations (agent_id, state, updated_at) values
      (${camille}, ${confirm}, ${ago(5 * MIN)}), (${karim}, ${confirm}, ${ago(20 * MIN)})`.execute(db);
    await sql`insert into adoption_prompts (agent_id, bricolage_id, asked_at) values
      (${karim}, ${bricolage}, ${ago(3 * 60 * MIN)}), (${sophie}, ${bricolage}, ${ago(10 * MIN)}),
      (${aicha}, ${bricolage}, ${ago(25 * 60 * MIN)})`.execute(db);
    await sql`insert into workshop_prompts (agent_id, state, updated_at) values
      (${sophie}, ${workshop}, ${ago(2 * MIN)}), (${julien}, ${workshop}, ${ago(61 * MIN)})`.execute(db);

    await migrate(db);

    const rows = await db.selectFrom('pending_questions').selectAll().orderBy('agent_id').execute();
    expect(rows.map((r) => [r.agent_id, r.kind, r.state])).toEqual([
      [camille, 'confirm', confirm],
      [karim, 'adoptionFeedback', JSON.stringify({ bricolageId: bricolage })],
      [sophie, 'workshop', workshop],
    ]);
    // Each keeps the expiry it had: 15 minutes, a day, an hour after it was asked.
    const lived = rows.map((r) => Date.parse(r.expires_at) - Date.parse(r.asked_at));
    expect(lived).toEqual([15 * MIN, 24 * 60 * MIN, 60 * MIN]);
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    for (const old of ['confirmations', 'adoption_prompts', 'workshop_prompts']) expect(tables).not.toContain(old);
  });
});
