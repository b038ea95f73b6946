/**
 * Slack's replay window on both sides: a request signed more than five minutes ahead of now is
 * refused like a stale one, whether the front door's fast path takes it (a reaction) or Bolt's
 * receiver does (a slash command, and what the front door hands back); nothing reaches the inbox.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootApp, type TestApp } from './support/app.js';
import { type FakeSlack, startFakeSlack } from './support/fake-slack.js';
import { postSlackCommand, postSlackEvent } from './support/slack-signer.js';

const SECRET = 'timestamp-secret';

function reaction(eventId: string): Record<string, unknown> {
  const body = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures/slack/reaction-added.json'), 'utf8'));
  return { ...body, event_id: eventId };
}

describe('Slack request timestamps', () => {
  let fake: FakeSlack;
  let app: TestApp;
  let url: string;

  beforeAll(async () => {
    fake = await startFakeSlack();
    app = await bootApp({
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_CHANNEL_ID: 'C0COMMUNE1',
      SLACK_API_URL: fake.apiUrl,
    });
    url = `${app.url}/slack/events`;
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
