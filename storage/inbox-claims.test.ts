/**
 * Claims on one PostgreSQL inbox shared by several instances (each its own pool here): an agent's
 * rows are claimed one at a time and in order, a killed instance's lease expires and its row is
 * taken over, and concurrent processors count every row exactly once.
 */
import { afterEach, expect, it } from 'vitest';
import { createTempDb, describeEngines, type TempDb } from '../test/support/temp-db.js';
import { type Db, openDatabase } from './db.js';
import { createInboxWriter, markProcessed } from './inbox.js';
import { claimNextOfAgent, listUnclaimedAgents, releaseClaim, renewClaim } from './inbox-claims.js';

describeEngines(
  'inbox claims across instances',
  (engine) => {
    let temp: TempDb;
    let other: Db | null = null;
    afterEach(async () => {
      await other?.destroy();
      other = null;
      await temp?.cleanup();
    });

    const store = async (db: Db, events: { agent: string; n: number }[]) => {
      const writer = createInboxWriter(db);
      const ids: number[] = [];
      for (const e of events) {
        ids.push((await writer.record({ platform: 'slack', eventId: `Ev-${e.agent}-${e.n}`, user: { id: e.agent } } as never))!);
      }
      return ids;
    };

    it("claims an agent's rows one at a time, oldest first, whichever instance asks", async () => {
      temp = await createTempDb({ engine });
      other = openDatabase(temp.location, { poolSize: 2 });
      const [first, second] = await store(temp.db, [
        { agent: 'U1', n: 1 },
        { agent: 'U1', n: 2 },
      ]);
      const a = await claimNextOfAgent(temp.db, 'slack:U1', 'A', 30_000);
      expect(a?.id).toBe(first);
      // B may not take the agent's second event while the first is in flight at A.
      expect(await claimNextOfAgent(other, 'slack:U1', 'B', 30_000)).toBeNull();
      expect(await markProcessed(temp.db, first)).toBe(true);
      // Committed, but A has not answered yet: its replies must reach the agent before B's.
      expect(await claimNextOfAgent(other, 'slack:U1', 'B', 30_000)).toBeNull();
      await releaseClaim(temp.db, first, 'A');
      expect((await claimNextOfAgent(other, 'slack:U1', 'B', 30_000))?.id).toBe(second);
    });

    it("takes over a killed instance's row once its lease has expired", async () => {
      temp = await createTempDb({ engine });
      other = openDatabase(temp.location, { poolSize: 2 });
      const [first] = await store(temp.db, [
        { agent: 'U1', n: 1 },
        { agent: 'U1', n: 2 },
      ]);
      expect((await claimNextOfAgent(temp.db, 'slack:U1', 'A', 200))?.id).toBe(first);
      // A is killed: nobody sees the agent as free until the lease runs out.
      expect(await listUnclaimedAgents(other, ['slack'], 0)).toEqual([]);
      expect(await claimNextOfAgent(other, 'slack:U1', 'B', 30_000)).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(await listUnclaimedAgents(other, ['slack'], 0)).toEqual(['slack:U1']);
      expect((await claimNextOfAgent(other, 'slack:U1', 'B', 30_000))?.id).toBe(first);
      // Late, A's processing of the same row finds it is no longer its to commit once B has.
      expect(await markProcessed(other, first)).toBe(true);
      expect(await markProcessed(temp.db, first)).toBe(false);
    });

    it('keeps a renewed lease: a slow processing is not taken over', async () => {
      temp = await createTempDb({ engine });
      other = openDatabase(temp.location, { poolSize: 2 });
      const [first] = await store(temp.db, [{ agent: 'U1', n: 1 }]);
      // The clock is given, so a loaded machine's late timers cannot move the lease's edges.
      const at = (ms: number) => new Date(Date.now() + ms);
      expect((await claimNextOfAgent(temp.db, 'slack:U1', 'A', 300, at(0)))?.id).toBe(first);
      await renewClaim(temp.db, first, 'A', 300, at(200));
      // Past the first lease, within the renewed one.
      expect(await claimNextOfAgent(other, 'slack:U1', 'B', 30_000, at(400))).toBeNull();
      // Another instance cannot renew a lease it does not hold.
      await renewClaim(other, first, 'B', 60_000, at(400));
      expect((await claimNextOfAgent(other, 'slack:U1', 'B', 30_000, at(600)))?.id).toBe(first);
    });

    it('leaves just-received rows to the instance that received them for the grace period', async () => {
      temp = await createTempDb({ engine });
      await store(temp.db, [{ agent: 'U1', n: 1 }]);
      expect(await listUnclaimedAgents(temp.db, ['slack'], 60_000)).toEqual([]);
      expect(await listUnclaimedAgents(temp.db, ['slack'], 0)).toEqual(['slack:U1']);
      expect(await listUnclaimedAgents(temp.db, ['teams'], 0)).toEqual([]);
    });

    it("processes every row exactly once with three instances racing, each agent's rows in order", async () => {
      temp = await createTempDb({ engine });
      const pools = [temp.db, openDatabase(temp.location, { poolSize: 4 }), openDatabase(temp.location, { poolSize: 4 })];
      try {
        const agents = Array.from({ length: 8 }, (_, i) => `U${i}`);
        const events = Array.from({ length: 25 }, (_, n) => agents.map((agent) => ({ agent, n }))).flat();
        await store(temp.db, events);
        const seen: { agent: string; n: number; by: number }[] = [];
        const inFlight = new Set<string>();
        let overlaps = 0;
        const processor = async (index: number) => {
          const db = pools[index];
          for (let idle = 0; idle < 20; ) {
            let worked = false;
            for (const agent of agents) {
              const row = await claimNextOfAgent(db, `slack:${agent}`, `I${index}`, 30_000);
              if (!row) continue;
              worked = true;
              if (inFlight.has(agent)) overlaps += 1;
              inFlight.add(agent);
              await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
              const committed = await db.transaction().execute((trx) => markProcessed(trx, row.id));
              inFlight.delete(agent);
              if (committed) {
                const n = Number(JSON.parse(row.payload).eventId.split('-')[2]);
                seen.push({ agent, n, by: index });
              }
              // Answered: the agent's next row may go to any instance.
              await releaseClaim(db, row.id, `I${index}`);
            }
            idle = worked ? 0 : idle + 1;
          }
        };
        await Promise.all([processor(0), processor(1), processor(2)]);
        expect(overlaps).toBe(0);
        expect(seen).toHaveLength(events.length);
        for (const agent of agents) {
          expect(seen.filter((s) => s.agent === agent).map((s) => s.n)).toEqual(Array.from({ length: 25 }, (_, n) => n));
        }
        // The work really was shared.
        expect(new Set(seen.map((s) => s.by)).size).toBeGreaterThan(1);
      } finally {
        await pools[1].destroy();
        await pools[2].destroy();
      }
    });
  },
  { onlyPostgres: true },
);
