/**
 * SIGTERM, as a load balancer's orchestrator sends it: the real server in a child process answers
 * the request under way (its body still arriving when the signal comes), finishes the events in
 * flight, and exits with 0 within 10 s, in the middle of a Slack burst. What it acknowledged and
 * left in the inbox is processed at the next start: every event counts once.
 */
import net from 'node:net';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Engine } from '../storage/dialect.js';
import {
  BURST_SECRET,
  type BurstStage,
  burstDeliveries,
  deliver,
  expectEachOnce,
  prepareBurstStage,
  type SlackDelivery,
  sendBurst,
} from './support/slack-burst.js';
import { signSlackBody } from './support/slack-signer.js';
import { describeEngines } from './support/temp-db.js';

const REACTIONS = 200;
const REPLIES = 40;

/** Sends a delivery's headers and half its body now; `finish` sends the rest and resolves with the status line. */
function slowDelivery(url: string, d: SlackDelivery): Promise<{ finish(): Promise<string> }> {
  const { hostname, port } = new URL(url);
  const body = Buffer.from(d.body);
  const headers = { 'content-type': 'application/json', ...signSlackBody(BURST_SECRET, d.body) };
  const head =
    `POST /slack/events HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Length: ${body.length}\r\n` +
    `${Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')}\r\n`;
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(head);
      socket.write(body.subarray(0, body.length >> 1));
      let answer = '';
      // The status line, or '' when the server closes the connection without answering.
      const answered = new Promise<string>((done) => {
        socket.on('data', (chunk) => {
          answer += chunk.toString();
          if (answer.includes('\r\n')) done(answer.split('\r\n')[0]);
        });
        socket.once('close', () => done(''));
      });
      resolve({
        async finish() {
          // Written, not ended: a client that half-closes its side is closed by the server at once.
          socket.write(body.subarray(body.length >> 1));
          const status = await answered;
          socket.destroy();
          return status;
        },
      });
    });
    socket.once('error', reject);
  });
}

describeEngines('SIGTERM', (engine: Engine) => {
  let stage: BurstStage;
  beforeEach(async () => {
    stage = await prepareBurstStage(engine);
  });
  afterEach(() => stage.close());

  it('answers the request under way, finishes what is in flight, and exits with 0 within 10 s', {
    timeout: 120_000,
  }, async () => {
    const [slow, ...list] = burstDeliveries(REACTIONS, REPLIES);
    const running = await stage.start();
    const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
      running.process.once('exit', (code) => resolve({ code, at: Date.now() })),
    );
    const underWay = await slowDelivery(running.url, slow);
    let signalledAt = 0;
    let slowStatus: Promise<string> | null = null;
    const acked = await sendBurst(
      list,
      () => running.url,
      (count) => {
        if (count < list.length / 3 || signalledAt) return;
        signalledAt = Date.now();
        running.process.kill('SIGTERM');
        // The rest of the body arrives after the signal: the request is still answered.
        slowStatus = new Promise((resolve) => setTimeout(resolve, 300)).then(() => underWay.finish());
      },
    );
    expect(signalledAt).toBeGreaterThan(0);
    expect(await slowStatus!).toBe('HTTP/1.1 200 OK');
    acked.add(slow.eventId);
    const { code, at } = await exited;
    expect(code).toBe(0);
    expect(at - signalledAt).toBeLessThan(10_000);
    expect(acked.size).toBeLessThan(list.length + 1);

    const next = await stage.start();
    for (const d of list.filter((x) => !acked.has(x.eventId))) expect(await deliver(next.url, d, 1)).toBe(200);
    await expectEachOnce(next.url, stage.bricolageId, REACTIONS, REPLIES);
  });
});
