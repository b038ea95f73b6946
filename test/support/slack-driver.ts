/**
 * Drives the product as Slack would in tests: signed Events API envelopes and block_actions
 * interactions POSTed to the real server's `/slack/events`, each awaited until the core has
 * processed it and sent its replies (they go out after the commit).
 */
import { expect } from 'vitest';
import type { RunningApp } from '../../main.js';
import type { FakeFileMeta, FakeSlack } from './fake-slack.js';
import { eventCallback, postSlackEvent, postSlackInteraction } from './slack-signer.js';
import { waitFor } from './wait-for.js';

/** The community channel and the agents of the Slack journeys (their mairie is a profile field). */
export const CHANNEL = 'C0COMMUNE1';
export const MARIE = 'U0MARIE01';
export const PAUL = 'U0PAUL002';
export const MAIRIE_FIELD = 'Xf0MAIRIE';

/** The product's Slack settings against the fake Slack Web API. */
export function slackEnv(fake: FakeSlack, secret: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: secret,
    SLACK_CHANNEL_ID: CHANNEL,
    SLACK_API_URL: fake.apiUrl,
    SLACK_MAIRIE_FIELD: MAIRIE_FIELD,
  };
}

/** A button as Block Kit shows it, or as a test names it. */
export interface PressedButton {
  action_id: string;
  value: string;
  text?: { type?: string; text: string };
}

export function slackDriver(fake: FakeSlack, current: () => Pick<RunningApp, 'url' | 'db' | 'idle'>, secret: string) {
  let seq = 0;

  /** Posts a signed Events API envelope; resolves once the core has processed it and replied. */
  async function deliver(event: Record<string, unknown>, options: { eventId?: string; retry?: number } = {}): Promise<string> {
    const eventId = options.eventId ?? `Ev${++seq}`;
    const headers: Record<string, string> = options.retry
      ? { 'x-slack-retry-num': String(options.retry), 'x-slack-retry-reason': 'http_timeout' }
      : {};
    const res = await postSlackEvent(`${current().url}/slack/events`, eventCallback(eventId, event), { secret, headers });
    expect(res.status).toBe(200);
    await waitFor(`event ${eventId} processed`, () =>
      current()
        .db.selectFrom('inbox')
        .select('id')
        .where('event_id', '=', eventId)
        .where('processed_at', 'is not', null)
        .executeTakeFirst(),
    );
    await current().idle();
    return eventId;
  }

  /** A direct message from `user` to the bot, with files when given. */
  function dm(user: string, text: string, files: FakeFileMeta[] = []): Promise<string> {
    const ts = fake.nextTs();
    return deliver({
      type: 'message',
      channel: `D${user.slice(1)}`,
      channel_type: 'im',
      user,
      text,
      ts,
      event_ts: ts,
      ...(files.length > 0 ? { subtype: 'file_share', files } : {}),
    });
  }

  /** Presses a button of a bot message in `user`'s direct messages, as Slack sends it. */
  async function press(user: string, button: PressedButton, messageTs = fake.nextTs()): Promise<void> {
    const channel = `D${user.slice(1)}`;
    const res = await postSlackInteraction(
      `${current().url}/slack/events`,
      {
        type: 'block_actions',
        user: { id: user, username: user, name: user, team_id: 'T0PARIS01' },
        api_app_id: 'A0BRICOLE',
        token: 'XXYYZZ',
        container: { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: false },
        trigger_id: `${messageTs}.1.x`,
        team: { id: 'T0PARIS01', domain: 'paris' },
        channel: { id: channel, name: 'directmessage' },
        message: { bot_id: fake.botId, type: 'message', text: '', user: fake.botUserId, ts: messageTs, blocks: [] },
        state: { values: {} },
        response_url: 'https://hooks.slack.com/actions/T0PARIS01/1/xyz',
        actions: [
          {
            action_id: button.action_id,
            block_id: 'b',
            text: { type: 'plain_text', text: button.text?.text ?? 'x' },
            value: button.value,
            type: 'button',
            action_ts: fake.nextTs(),
          },
        ],
      },
      { secret },
    );
    expect(res.status).toBe(200);
    await current().idle();
  }

  return { deliver, dm, press };
}
