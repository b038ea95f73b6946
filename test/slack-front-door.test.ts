/**
 * The whole product with Slack over HTTP: reactions and messages are answered on the server's front
 * door, before Express (ops/front-door.ts), and must behave exactly as the Express route did: stored
 * before the 200, a request id, the per-client limit shared with the rest of `/slack` (429 with
 * Retry-After), the latency histogram; what is not for the fast path is answered by Bolt as before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootApp, type TestApp } from './support/app.js';
import { type FakeSlack, startFakeSlack } from './support/fake-slack.js';
import { postSlackCommand, postSlackEvent } from './support/slack-signer.js';
import { describeEngines } from './support/temp-db.js';

describeEngines('Slack front door', (engine) => {
  const SECRET = 'front-door-secret';
  const LIMIT = 6;

  function reaction(eventId: string): Record<string, unknown> {
    const body = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures/slack/reaction-added.json'), 'utf8'));
    return { ...body, event_id: eventId };
  }

  /** The whole product with Slack over HTTP against the fake Web API. */
  async function slackApp(env: Record<string, string> = {}): Promise<{ fake: FakeSlack; app: TestApp; url: string }> {
    const fake = await startFakeSlack();
    const app = await bootApp(
      {
        SLACK_BOT_TOKEN: fake.botToken,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_CHANNEL_ID: 'C0COMMUNE1',
        SLACK_API_URL: fake.apiUrl,
        ...env,
      },
      undefined,
      engine,
    );
    return { fake, app, url: `${app.url}/slack/events` };
  }

  describe('Slack events on the front door', () => {
    let fake: FakeSlack;
    let app: TestApp;
    let url: string;

    beforeAll(async () => {
      ({ fake, app, url } = await slackApp({ INBOUND_RATE_LIMIT_PER_MINUTE: String(LIMIT) }));
    });

    afterAll(async () => {
      await app?.close();
      await fake?.close();
    });

    const inbox = async () => (await app.db.selectFrom('inbox').select('event_id').execute()).map((r) => r.event_id);

    it('stores a signed reaction before answering 200 with a request id, once per event id', async () => {
      const first = await postSlackEvent(url, reaction('Ev0FRONT1'), { secret: SECRET, headers: { 'x-request-id': 'front-1' } });
      expect(first.status).toBe(200);
      expect(first.headers.get('x-request-id')).toBe('front-1');
      expect(await inbox()).toContain('Ev0FRONT1');
      const again = await postSlackEvent(url, reaction('Ev0FRONT1'), { secret: SECRET });
      expect(again.status).toBe(200);
      expect(again.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect((await inbox()).filter((id) => id === 'Ev0FRONT1')).toHaveLength(1);
    });

    it('leaves the rest to Bolt: URL verification, bad signatures (JSON 401), stale ones', async () => {
      const challenge = await postSlackEvent(url, { type: 'url_verification', challenge: 'xyz', token: 'x' }, { secret: SECRET });
      expect(challenge.status).toBe(200);
      expect(await challenge.json()).toEqual({ challenge: 'xyz' });
      const forged = await postSlackEvent(url, reaction('Ev0FORGED'), { secret: SECRET, signWith: 'not-the-secret' });
      expect(forged.status).toBe(401);
      expect(await forged.json()).toMatchObject({ error: 'unauthorized' });
      const stale = await postSlackEvent(url, reaction('Ev0STALE'), {
        secret: SECRET,
        timestamp: Math.floor(Date.now() / 1000) - 600,
      });
      expect(stale.status).toBe(401);
      expect(await inbox()).not.toContain('Ev0FORGED');
      expect(await inbox()).not.toContain('Ev0STALE');
    });

    it('reports its latency under the route in /metrics', async () => {
      const text = await (await fetch(`${app.url}/metrics`)).text();
      expect(text).toMatch(
        /bricoleur_http_request_duration_seconds_count\{method="POST",route="\/slack\/events",status="200"\} [1-9]/,
      );
    });

    it('refuses a client over its limit with 429 and Retry-After, counting each request once', async () => {
      // So far: 2 reactions + 3 handed to Bolt = 5 of 6 (a request handed on is not counted twice).
      const last = await postSlackEvent(url, reaction('Ev0FRONT6'), { secret: SECRET });
      expect(last.status).toBe(200);
      const refused = await postSlackEvent(url, reaction('Ev0FRONT7'), { secret: SECRET });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({ error: 'too_many_requests' });
      expect(await inbox()).not.toContain('Ev0FRONT7');
      // The same counter covers what the front door does not take (a form-encoded command here).
      const command = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a=b',
      });
      expect(command.status).toBe(429);
    });
  });

  /**
   * Slack's replay window on both sides: a request signed more than five minutes ahead of now is
   * refused like a stale one, whether the front door's fast path takes it (a reaction) or Bolt's
   * receiver does (a slash command, and what the front door hands back); nothing reaches the inbox.
   */
  describe('Slack request timestamps', () => {
    let fake: FakeSlack;
    let app: TestApp;
    let url: string;

    beforeAll(async () => {
      ({ fake, app, url } = await slackApp());
    });

    afterAll(async () => {
      await app?.close();
      await fake?.close();
    });

    const inbox = async () => (await app.db.selectFrom('inbox').select(['event_id', 'payload']).execute()).map((r) => r);

    it.each([
      ['six minutes', 6 * 60],
      ['a day', 24 * 3600],
      ['a year', 365 * 24 * 3600],
    ])('refuses a request signed %s ahead, on the fast path and in Bolt’s path, and stores nothing', async (_label, ahead) => {
      const timestamp = Math.floor(Date.now() / 1000) + ahead;
      const fast = await postSlackEvent(url, reaction(`Ev0AHEAD${ahead}`), { secret: SECRET, timestamp });
      expect(fast.status).toBe(401);
      expect(await fast.json()).toMatchObject({ error: 'unauthorized' });
      const command = await postSlackCommand(
        url,
        { command: '/bricolage', text: 'aide', user_id: 'U0MARIE01', channel_id: 'D0MARIE01', trigger_id: `t${ahead}` },
        { secret: SECRET, timestamp },
      );
      expect(command.status).toBe(401);
      expect(await command.json()).toMatchObject({ error: 'unauthorized' });
      const stored = await inbox();
      expect(stored.filter((r) => r.event_id === `Ev0AHEAD${ahead}` || r.payload.includes('slashCommand'))).toEqual([]);
    });

    it('still accepts a signature a few seconds ahead (clock skew) on both paths', async () => {
      const timestamp = Math.floor(Date.now() / 1000) + 30;
      expect((await postSlackEvent(url, reaction('Ev0SKEW'), { secret: SECRET, timestamp })).status).toBe(200);
      const command = await postSlackCommand(
        url,
        { command: '/bricolage', text: 'aide', user_id: 'U0MARIE01', channel_id: 'D0MARIE01', trigger_id: 'tskew' },
        { secret: SECRET, timestamp },
      );
      expect(command.status).toBe(200);
      const stored = await inbox();
      expect(stored.map((r) => r.event_id)).toContain('Ev0SKEW');
      expect(stored.some((r) => r.payload.includes('slashCommand'))).toBe(true);
    });
  });
});
