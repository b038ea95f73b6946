/**
 * Signs request bodies the way Slack does (`v0:<ts>:<body>`, HMAC-SHA256 with the signing secret)
 * and posts them to a running server, so tests exercise Bolt's real signature verification.
 */
import crypto from 'node:crypto';

export function signSlackBody(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = 'v0=' + crypto.createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}

export interface SlackPostOptions {
  secret: string;
  /** Override the timestamp (e.g. 10 minutes ago for a stale request). */
  timestamp?: number;
  /** Sign with this secret instead (a wrong signature). */
  signWith?: string;
  unsigned?: boolean;
  headers?: Record<string, string>;
}

/** Posts an Events API envelope (JSON) to `url`. */
export function postSlackEvent(url: string, payload: unknown, options: SlackPostOptions): Promise<Response> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return post(url, body, 'application/json', options);
}

/** Posts an interactivity payload (`payload=<json>` form) to `url`. */
export function postSlackInteraction(url: string, payload: unknown, options: SlackPostOptions): Promise<Response> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return post(url, body, 'application/x-www-form-urlencoded', options);
}

/** Posts a slash command (form fields) to `url`. */
export function postSlackCommand(url: string, fields: Record<string, string>, options: SlackPostOptions): Promise<Response> {
  return post(url, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
}

function post(url: string, body: string, contentType: string, options: SlackPostOptions): Promise<Response> {
  const signed = options.unsigned ? {} : signSlackBody(options.signWith ?? options.secret, body, options.timestamp);
  return fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...signed, ...options.headers }, body });
}

/** An Events API envelope (`event_callback`) as Slack sends it, around one event. */
export function eventCallback(eventId: string, event: Record<string, unknown>): Record<string, unknown> {
  return {
    token: 'legacy',
    team_id: 'T0PARIS01',
    api_app_id: 'A0BRICOLE',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
  };
}
