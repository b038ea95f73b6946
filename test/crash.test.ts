/**
 * Crash tests: the real server in a child process receives a burst of distinct signed Slack events
 * (reactions and thread replies) from 16 senders and is killed with SIGKILL in the middle. After a
 * restart and the redelivery of what was not acknowledged (and, in the second test, redeliveries of
 * acknowledged events mixed in), every event shows exactly once in the gallery's JSON.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../storage/db.js';
import type { Engine } from '../storage/dialect.js';
import { type ChildServer, startChildServer } from './support/child-server.js';
import { type FakeSlack, startFakeSlack } from './support/fake-slack.js';
import {
  burstDeliveries,
  burstSlackEnv,
  deliver,
  expectEachOnce,
  refuseReconciliation,
  type SlackDelivery,
  seedBurstTarget,
  sendBurst,
} from './support/slack-burst.js';
import { createDatabaseLocation, describeEngines, tempDir } from './support/temp-db.js';

const REACTIONS = 240;
const REPLIES = 60;

describeEngines('crash recovery', (engine: Engine) => {
  let fake: FakeSlack;
  let dir: { dir: string; remove(): void };
  let database: { location: string; drop(): Promise<void> };
  let server: ChildServer | null = null;
  let bricolageId: number;

  /** Kills the server once `killAfter` events are acknowledged. */
  async function burst(list: SlackDelivery[], killAfter: number): Promise<Set<string>> {
    let killing: Promise<void> | null = null;
    const running = server!;
    const acked = await sendBurst(
      list,
      () => (killing ? null : running.url),
      (count) => {
        if (count >= killAfter && !killing) killing = running.kill('SIGKILL');
      },
    );
    await (killing ?? running.kill('SIGKILL'));
    return acked;
  }

  async function start(): Promise<void> {
    server = await startChildServer({
      DATA_DIR: dir.dir,
      // PostgreSQL: the killed server's claims are taken over once their lease expires.
      ...(engine === 'postgres' ? { DATABASE_URL: database.location, INBOX_LEASE_MS: '2000' } : {}),
      ...burstSlackEnv(fake),
    });
  }

  beforeEach(async () => {
    dir = tempDir('bricoleur-crash-');
    database = await createDatabaseLocation(engine, `${dir.dir}/bricoleur.sqlite`);
    fake = await startFakeSlack();
    refuseReconciliation(fake);
    const db = openDatabase(database.location);
    await migrate(db);
    bricolageId = await seedBurstTarget(db);
    await db.destroy();
    await start();
  });

  afterEach(async () => {
    await server?.kill('SIGKILL');
    server = null;
    await fake.close();
    await database.drop();
    dir.remove();
  });

  describe('a crash in the middle of a burst', () => {
    it('loses nothing acknowledged and counts every event once after redelivery', { timeout: 120_000 }, async () => {
      const list = burstDeliveries(REACTIONS, REPLIES);
      const acked = await burst(list, Math.floor(list.length / 3));
      expect(acked.size).toBeGreaterThan(0);
      expect(acked.size).toBeLessThan(list.length);
      await start();
      for (const d of list.filter((x) => !acked.has(x.eventId))) expect(await deliver(server!.url, d, 1)).toBe(200);
      await expectEachOnce(server!.url, bricolageId, REACTIONS, REPLIES);
    });

    it('counts every event once with redelivered duplicates mixed in', { timeout: 120_000 }, async () => {
      const base = burstDeliveries(REACTIONS, REPLIES);
      // Slack sometimes delivers twice: every fifth event appears twice in the burst itself.
      const list = base.flatMap((d, i) => (i % 5 === 0 ? [d, d] : [d]));
      const acked = await burst(list, Math.floor(list.length / 3));
      await start();
      // Redeliver what was not acknowledged, plus every other acknowledged event, concurrently.
      const again = base.filter((d, i) => !acked.has(d.eventId) || i % 2 === 0);
      const statuses = await Promise.all(again.map((d) => deliver(server!.url, d, 1)));
      expect(statuses.every((s) => s === 200)).toBe(true);
      await expectEachOnce(server!.url, bricolageId, REACTIONS, REPLIES);
    });
  });
});
