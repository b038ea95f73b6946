/**
 * A start never waits for a chat platform. With the Slack Web API unreachable (a server that drops
 * every connection, or one that never answers), the gallery, its JSON, the local chat and the Slack endpoint
 * answer at once; `/healthz` (liveness) says ok while `/readyz` names Slack with its last error; the
 * check is retried in the background until Slack answers. No address ever gets Express's default
 * page. The real server, in process and as `npm start` runs it (a child process), where the logs
 * are read too: the loud warning of a local chat open to the network, and no `mes données` token.
 */
import http from 'node:http';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { type RunningApp, startApp } from '../main.js';
import { type ChildServer, startChildServer } from './support/child-server.js';
import { type FakeSlack, startFakeSlack } from './support/fake-slack.js';
import { postSlackEvent } from './support/slack-signer.js';
import { tempDir } from './support/temp-db.js';
import { waitFor } from './support/wait-for.js';

const SECRET = 'outage-secret';

/** A Slack API that accepts connections and never answers (a proxy that hangs, a black-holed route). */
async function hangingServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Slack's API behind a switch: while down, every connection is dropped; once up, requests go through. */
async function switchableSlack(fake: FakeSlack) {
  let up = false;
  const server = http.createServer(async (req, res) => {
    if (!up) return req.socket.destroy();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = new URL(req.url ?? '/', new URL(fake.apiUrl).origin);
    const answer = await fetch(target, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}${new URL(fake.apiUrl).pathname}`,
    bringUp: () => {
      up = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const EXPRESS_DEFAULT = /Cannot (GET|POST|PUT|DELETE|PATCH|OPTIONS|HEAD)|<pre>/;

describe('a start with Slack unreachable, in process', () => {
  let fake: FakeSlack;
  let slack: Awaited<ReturnType<typeof switchableSlack>>;
  let app: RunningApp | null = null;
  const dir = tempDir();

  beforeAll(async () => {
    fake = await startFakeSlack();
    slack = await switchableSlack(fake);
  });
  afterEach(async () => {
    await app?.stop();
    app = null;
  });
  afterAll(async () => {
    await slack?.close();
    await fake?.close();
    dir.remove();
  });

  it('serves everything at once, reports Slack in /readyz, and connects once Slack answers', { timeout: 90_000 }, async () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dir.dir,
      SEED_DEMO: 'false',
      LOCAL_CHAT: 'true',
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_CHANNEL_ID: 'C0COMMUNE1',
      SLACK_API_URL: slack.apiUrl,
    });
    const started = Date.now();
    app = await startApp(config, createLogger('outage-test', true), {
      scheduler: { tickMs: 0 },
      platforms: { firstDelayMs: 200, maxDelayMs: 400 },
    });
    // Slack's Web API client retries for 31 s and more when it cannot connect: none of that before serving.
    expect(Date.now() - started).toBeLessThan(20_000);
    const base = app.url;

    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<html');
    expect((await fetch(`${base}/bricolages.json`)).status).toBe(200);
    expect((await fetch(`${base}/chat/`)).status).toBe(200);
    expect((await fetch(`${base}/chat/api/agents`, { headers: { 'x-local-chat': '1' } })).status).toBe(200);
    const reaction = {
      token: 'legacy',
      team_id: 'T0PARIS01',
      type: 'event_callback',
      event_id: 'Ev0OUTAGE1',
      event_time: Math.floor(Date.now() / 1000),
      event: {
        type: 'reaction_added',
        user: 'U0MARIE01',
        reaction: 'thumbsup',
        item: { type: 'message', channel: 'C0COMMUNE1', ts: '1.2' },
        event_ts: '1.3',
      },
    };
    expect((await postSlackEvent(`${base}/slack/events`, reaction, { secret: SECRET })).status).toBe(200);

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    await waitFor('Slack reported failing', async () => {
      const body = await (await fetch(`${base}/readyz`)).json();
      return body.platforms?.slack?.state === 'failing';
    });
    const notReady = await fetch(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    const body = await notReady.json();
    expect(body).toMatchObject({ status: 'not_ready', database: 'ok', media: 'ok', platforms: { slack: { state: 'failing' } } });
    expect(body.platforms.slack.lastError).toMatch(/auth\.test|socket|ECONN|fetch|request/i);
    expect(body.platforms.slack.attempts).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(body)).not.toContain(fake.botToken);

    slack.bringUp();
    await waitFor('Slack connected after it came back', async () => (await fetch(`${base}/readyz`)).status === 200, 10_000);
    const ready = await (await fetch(`${base}/readyz`)).json();
    expect(ready).toMatchObject({ status: 'ready', platforms: { slack: { state: 'connected' } } });
    // The outage stays on record for the operator.
    expect(ready.platforms.slack.lastError).not.toBeNull();
  });

  it('never answers with Express’s default page, whatever the address or method', async () => {
    app = await startApp(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir.dir, SEED_DEMO: 'false', LOCAL_CHAT: 'true' }),
      createLogger('outage-test', true),
      { scheduler: { tickMs: 0 } },
    );
    for (const [method, path] of [
      ['GET', '/nope'],
      ['POST', '/nope'],
      ['PUT', '/'],
      ['DELETE', '/bricolages/1'],
      ['PATCH', '/chat/'],
      ['POST', '/chat/nope'],
      ['GET', '/chat/api/nope'],
      ['POST', '/slack/events'],
      ['POST', '/api/messages'],
      ['OPTIONS', '/'],
      ['GET', '/exports/'],
    ]) {
      const res = await fetch(`${app.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : '{}',
      });
      expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(await res.text(), `${method} ${path}`).not.toMatch(EXPRESS_DEFAULT);
    }
  });
});

describe('npm start with Slack hanging and the local chat on the network', () => {
  let child: ChildServer | null = null;
  let slack: Awaited<ReturnType<typeof hangingServer>>;
  const dir = tempDir();

  beforeAll(async () => {
    slack = await hangingServer();
  });
  afterAll(async () => {
    await child?.kill();
    await slack?.close();
    dir.remove();
  });

  it('listens, warns loudly that the local chat has no login, and logs no mes données token', { timeout: 150_000 }, async () => {
    // Before this change the gallery waited for Slack: 30 s per try, six tries, with a Slack that hangs.
    child = await startChildServer(
      {
        DATA_DIR: dir.dir,
        HOST: '0.0.0.0',
        LOCAL_CHAT: 'true',
        LOG_LEVEL: 'debug',
        SLACK_BOT_TOKEN: 'xoxb-outage',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_CHANNEL_ID: 'C0COMMUNE1',
        SLACK_API_URL: slack.url,
      },
      120_000,
    );
    const base = child.url;
    expect((await fetch(`${base}/`)).status).toBe(200);
    expect(child.output()).toMatch(/WARNING: HOST=0\.0\.0\.0 — the local chat has NO LOGIN/);
    expect(child.output()).toMatch(/"level":40[^\n]*local chat has NO LOGIN/);

    const token = 'f'.repeat(64);
    expect((await fetch(`${base}/exports/${token}`)).status).toBe(404);
    await waitFor('the access log line', () => /"route":"\/exports\/:token"/.test(child!.output()));
    expect(child.output()).toContain('/exports/[redacted]');
    expect(child.output()).not.toContain(token);

    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect((await ready.json()).platforms.slack.state).not.toBe('connected');
  });
});
