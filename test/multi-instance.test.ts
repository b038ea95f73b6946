/**
 * Two real server processes on one PostgreSQL database, as behind a load balancer (issue 18 step 3):
 * a like through one is in the other's gallery JSON at once; a local chat message posted through one
 * reaches a page listening on the other; an agent's conversation sent to both in turn is answered in
 * order; a Slack burst split across both, one killed with SIGKILL in
 * the middle and the rest redelivered to the survivor, counts every acknowledged event exactly once;
 * the weekly digest (every minute here) is posted once per slot.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChildServer } from './support/child-server.js';
import { LOCAL_CHAT_HEADERS } from './support/local-chat-client.js';
import {
  BURST_AUTHOR,
  type BurstStage,
  burstDeliveries,
  deliver,
  expectEachOnce,
  galleryBricolage,
  prepareBurstStage,
  sendBurst,
} from './support/slack-burst.js';
import { eventCallback } from './support/slack-signer.js';
import { describeEngines } from './support/temp-db.js';
import { waitFor } from './support/wait-for.js';

const REACTIONS = 240;
const REPLIES = 60;
const DIGEST_TITLE = 'La semaine des bricoleurs';

describeEngines(
  'two instances on one database',
  () => {
    let stage: BurstStage;
    let a: ChildServer;
    let b: ChildServer;
    const [first, ...burst] = (() => {
      const list = burstDeliveries(REACTIONS, REPLIES);
      const like = list.findIndex((d) => d.eventId.startsWith('EvLike'));
      return [list[like], ...list.filter((_, i) => i !== like)];
    })();

    const startInstance = () => stage.start({ DIGEST_CRON: '* * * * *', LOCAL_CHAT: 'true' });

    beforeAll(async () => {
      stage = await prepareBurstStage('postgres');
      [a, b] = await Promise.all([startInstance(), startInstance()]);
    }, 120_000);
    afterAll(() => stage?.close());

    it("shows a like received through one in the other's gallery JSON at once", { timeout: 30_000 }, async () => {
      // The other instance has the page cached before the like.
      expect((await galleryBricolage(b.url, stage.bricolageId)).likes.count).toBe(0);
      expect(await deliver(a.url, first)).toBe(200);
      await waitFor(
        'the like through the other instance',
        async () => (await galleryBricolage(b.url, stage.bricolageId)).likes.count === 1,
        5000,
        20,
      );
    });

    it('carries the local chat’s live updates from one instance to a page on the other', { timeout: 30_000 }, async () => {
      const controller = new AbortController();
      const events = await fetch(`${b.url}/chat/api/events?as=camille`, { signal: controller.signal });
      expect(events.status).toBe(200);
      const reader = events.body!.getReader();
      let stream = '';
      const changed = (async () => {
        while (!stream.includes('"channel":"communaute"')) {
          const { value, done } = await reader.read();
          if (done) return false;
          stream += Buffer.from(value).toString();
        }
        return true;
      })();
      await waitFor('the page listening', () => stream.includes('event: ready'));
      const form = new FormData();
      form.set('as', 'karim');
      form.set('channel', 'communaute');
      form.set('text', 'Bonjour depuis l’autre instance');
      const posted = await fetch(`${a.url}/chat/api/messages`, { method: 'POST', body: form, headers: LOCAL_CHAT_HEADERS });
      expect(posted.status).toBe(201);
      const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5000));
      expect(await Promise.race([changed, timeout])).toBe(true);
      expect(stream).toContain('event: changed');
      controller.abort();
    });

    it("keeps one agent's conversation in order when its messages reach both instances in turn", {
      timeout: 60_000,
    }, async () => {
      const said = ['nouveau', 'Titre croisé', 'Problème croisé', 'Étape une', 'Étape deux', 'Étape trois', 'terminé'];
      for (const [i, text] of said.entries()) {
        const ts = stage.fake.nextTs();
        const event = { type: 'message', channel: 'D0AUTHOR1', channel_type: 'im', user: BURST_AUTHOR, text, ts, event_ts: ts };
        const d = { eventId: `EvDm${i}`, body: JSON.stringify(eventCallback(`EvDm${i}`, event)) };
        // Acknowledged before the next is sent, as an agent types; each instance gets every other one.
        expect(await deliver(i % 2 === 0 ? a.url : b.url, d)).toBe(200);
      }
      const answers = [
        '1/5 — Quel est son titre',
        '2/5 — Quel problème',
        '3/5 — Les étapes',
        'Étape 1 enregistrée',
        'Étape 2 enregistrée',
        'Étape 3 enregistrée',
        '4/5 — Dans quelle catégorie',
      ];
      const posted = () => stage.fake.callsTo('chat.postMessage').map((c) => JSON.stringify(c.args));
      await waitFor(
        'the category question, after the last step',
        () => posted().some((p) => p.includes('4/5 — Dans quelle catégorie')),
        30_000,
        50,
      );
      const order = answers.map((answer) => posted().findIndex((p) => p.includes(answer)));
      expect(order.every((at) => at >= 0)).toBe(true);
      expect([...order].sort((x, y) => x - y)).toEqual(order);
    });

    it('counts every acknowledged event once when one is killed mid-burst and the rest is redelivered', {
      timeout: 180_000,
    }, async () => {
      let killing: Promise<void> | null = null;
      const acked = await sendBurst(
        burst,
        // Split across both, as a load balancer does; once A is killed, its share fails and Slack redelivers.
        (i) => (i % 2 === 0 ? a.url : b.url),
        (count) => {
          if (count >= burst.length / 3 && !killing) killing = a.kill('SIGKILL');
        },
      );
      await killing;
      expect(a.process.signalCode).toBe('SIGKILL');
      expect(acked.size).toBeLessThan(burst.length);
      // Slack redelivers what was not acknowledged, and some of what was, to the survivor.
      const again = burst.filter((d, i) => !acked.has(d.eventId) || i % 7 === 0);
      const statuses = await Promise.all(again.map((d) => deliver(b.url, d, 1)));
      expect(statuses.every((s) => s === 200)).toBe(true);
      await expectEachOnce(b.url, stage.bricolageId, REACTIONS, REPLIES);
    });

    it('posts the digest once per slot', { timeout: 150_000 }, async () => {
      // A second instance again, so that two schedulers compete for the next slots.
      a = await startInstance();
      const digests = () => stage.fake.callsTo('chat.postMessage').filter((c) => JSON.stringify(c.args).includes(DIGEST_TITLE));
      // Minute slots, checked every 30 s by each instance: the burst's likes are in the next one.
      await waitFor('a digest', () => digests().length > 0, 130_000, 500);
      // Give both schedulers a tick past the slot, then no slot was posted twice.
      await new Promise((resolve) => setTimeout(resolve, 31_000));
      const minutes = digests().map((c) => Math.floor(c.at / 60_000));
      expect(new Set(minutes).size).toBe(minutes.length);
    });
  },
  { onlyPostgres: true },
);
