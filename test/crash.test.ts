/**
 * Crash tests: the real server in a child process receives a burst of distinct signed Slack events
 * (reactions and thread replies) from 16 senders and is killed with SIGKILL in the middle. After a
 * restart and the redelivery of what was not acknowledged (and, in the second test, redeliveries of
 * acknowledged events mixed in), every event shows exactly once in the gallery's JSON.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../storage/dialect.js';
import type { ChildServer } from './support/child-server.js';
import {
  type BurstStage,
  burstDeliveries,
  deliver,
  expectEachOnce,
  prepareBurstStage,
  type SlackDelivery,
  sendBurst,
} from './support/slack-burst.js';
import { describeEngines } from './support/temp-db.js';

const REACTIONS = 240;
const REPLIES = 60;

describeEngines('crash recovery', (engine: Engine) => {
  let stage: BurstStage;
  let server: ChildServer;

  /** Kills the server once `killAfter` events are acknowledged. */
  async function burst(list: SlackDelivery[], killAfter: number): Promise<Set<string>> {
    let killing: Promise<void> | null = null;
    const running = server;
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

  beforeEach(async () => {
    stage = await prepareBurstStage(engine);
    server = await stage.start();
  });
  afterEach(() => stage.close());

  describe('a crash in the middle of a burst', () => {
    it('loses nothing acknowledged and counts every event once after redelivery', { timeout: 120_000 }, async () => {
      const list = burstDeliveries(REACTIONS, REPLIES);
      const acked = await burst(list, Math.floor(list.length / 3));
      expect(acked.size).toBeGreaterThan(0);
      expect(acked.size).toBeLessThan(list.length);
      server = await stage.start();
      for (const d of list.filter((x) => !acked.has(x.eventId))) expect(await deliver(server.url, d, 1)).toBe(200);
      await expectEachOnce(server.url, stage.bricolageId, REACTIONS, REPLIES);
    });

    it('counts every event once with redelivered duplicates mixed in', { timeout: 120_000 }, async () => {
      const base = burstDeliveries(REACTIONS, REPLIES);
      // Slack sometimes delivers twice: every fifth event appears twice in the burst itself.
      const list = base.flatMap((d, i) => (i % 5 === 0 ? [d, d] : [d]));
      const acked = await burst(list, Math.floor(list.length / 3));
      server = await stage.start();
      // Redeliver what was not acknowledged, plus every other acknowledged event, concurrently.
      const again = base.filter((d, i) => !acked.has(d.eventId) || i % 2 === 0);
      const statuses = await Promise.all(again.map((d) => deliver(server.url, d, 1)));
      expect(statuses.every((s) => s === 200)).toBe(true);
      await expectEachOnce(server.url, stage.bricolageId, REACTIONS, REPLIES);
    });
  });
});
