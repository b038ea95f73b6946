/**
 * Every route of the real server, Slack and the local chat both on, walked with bad requests:
 * malformed bodies, oversized bodies, wrong types, unknown routes, a broken database. Whatever the
 * status, no answer shows a stack frame, a file path or an error's own message; API routes answer
 * JSON, pages answer the gallery's page. Also: per-client rate limits answer 429 with Retry-After.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootApp, type TestApp } from './support/app.js';
import { type FakeSlack, startFakeSlack } from './support/fake-slack.js';
import { signSlackBody } from './support/slack-signer.js';
import { describeEngines } from './support/temp-db.js';

describeEngines('no internals shown', (engine) => {
  const SECRET = 'no-internals-secret';
  /** A stack frame, a source path, or Node's own error names: none may reach a client. */
  const INTERNALS =
    /\bat [\w.<>]+ \(|\bat (file|node):|node_modules|\/work\/|\/tmp\/|\.[jt]s:\d+|SyntaxError|TypeError|ReferenceError|SqliteError|ERR_/;

  let fake: FakeSlack;
  let app: TestApp;

  beforeAll(async () => {
    fake = await startFakeSlack();
    // Not "production": Express would show stack traces by default here.
    process.env.NODE_ENV = 'development';
    app = await bootApp(
      {
        SLACK_BOT_TOKEN: fake.botToken,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_CHANNEL_ID: 'C0COMMUNE1',
        SLACK_API_URL: fake.apiUrl,
        LOCAL_CHAT: 'true',
      },
      undefined,
      engine,
    );
  });

  afterAll(async () => {
    await app?.close();
    await fake?.close();
    process.env.NODE_ENV = 'test';
  });

  type Route = [method: string, path: string];

  const API_ROUTES: Route[] = [
    ['POST', '/chat/api/messages'],
    ['PATCH', '/chat/api/messages/1'],
    ['DELETE', '/chat/api/messages/1'],
    ['POST', '/chat/api/messages/1/reactions'],
    ['DELETE', '/chat/api/messages/1/reactions/%F0%9F%91%8D'],
    ['POST', '/chat/api/messages/1/buttons'],
    ['GET', '/chat/api/agents'],
    ['GET', '/chat/api/channels/communaute/messages?as=nobody'],
    ['POST', '/chat/api/nowhere'],
    ['POST', '/slack/events'],
    ['POST', '/slack/nowhere'],
    ['POST', '/api/messages'],
    ['GET', '/api/nowhere'],
    ['GET', '/chat/uploads/..%2F..%2Fbricoleur.sqlite'],
  ];

  const PAGE_ROUTES: Route[] = [
    ['GET', '/'],
    ['GET', '/index.json'],
    ['GET', '/bricolages?page=%E0%A4%A'],
    ['GET', '/bricolages.json?sort=%00'],
    ['GET', '/bricolages/%E0%A4%A'],
    ['GET', '/bricolages/999999'],
    ['GET', '/media/..%2F..%2Fetc%2Fpasswd'],
    ['GET', '/static/..%2Fpackage.json'],
    ['GET', '/nowhere'],
    ['POST', '/'],
    ['POST', '/bricolages'],
    ['PUT', '/chat/'],
  ];

  const BODIES: { name: string; type: string; body: () => string | Uint8Array }[] = [
    { name: 'malformed JSON', type: 'application/json', body: () => '{"as": "camille", "text": ' },
    { name: 'JSON of the wrong shape', type: 'application/json', body: () => '[1, {"as": {"$ne": null}}]' },
    { name: 'oversized JSON', type: 'application/json', body: () => `{"text": "${'x'.repeat(5 * 1024 * 1024)}"}` },
    {
      name: 'broken multipart',
      type: 'multipart/form-data; boundary=zz',
      body: () => '--zz\r\nContent-Disposition: form-data; name="photos"; filename="a.png"\r\n\r\nabc',
    },
    { name: 'binary garbage', type: 'application/octet-stream', body: () => new Uint8Array([0, 255, 1, 254, 2, 253]) },
    { name: 'form', type: 'application/x-www-form-urlencoded', body: () => 'payload=%7Bnot-json' },
  ];

  async function call(
    method: string,
    path: string,
    type?: string,
    body?: string | Uint8Array,
    headers: Record<string, string> = {},
    retried = false,
  ): Promise<{ status: number; type: string; text: string; headers: Headers }> {
    // After refusing an oversized body the server closes that connection; a request the client had
    // already queued on it is sent again, once.
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { 'X-Local-Chat': '1', ...(type ? { 'content-type': type } : {}), ...headers },
      body: method === 'GET' || method === 'HEAD' ? undefined : (body as BodyInit | undefined),
    }).catch((error: Error) => {
      if (!retried && (error.cause as { code?: string })?.code === 'ECONNRESET') return null;
      throw error;
    });
    if (!res) return call(method, path, type, body, headers, true);
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text(), headers: res.headers };
  }

  function expectClean(label: string, answer: { status: number; text: string }): void {
    expect(answer.text, `${label} answered ${answer.status}`).not.toMatch(INTERNALS);
  }

  describe('no internals in any answer', () => {
    it('API routes answer bad bodies with a 4xx in JSON, never a stack frame', async () => {
      for (const [method, path] of API_ROUTES) {
        for (const bad of BODIES) {
          const label = `${method} ${path} with ${bad.name}`;
          const answer = await call(method, path, bad.type, bad.body()).catch((error: Error) => {
            throw new Error(`${label}: ${error.message} (${String((error.cause as Error)?.message)})`);
          });
          expectClean(label, answer);
          // A GET ignores its body; every write must refuse these.
          if (method === 'GET') continue;
          expect(answer.status, label).toBeGreaterThanOrEqual(400);
          expect(answer.status, label).toBeLessThan(500);
          expect(answer.type, label).toContain('application/json');
        }
      }
    });

    it('names the problem: 400 for malformed JSON, 413 for an oversized body, 404 for an unknown API route', async () => {
      const malformed = await call('PATCH', '/chat/api/messages/1', 'application/json', '{"as": "camille", "text": ');
      expect(malformed.status).toBe(400);
      expect(JSON.parse(malformed.text)).toMatchObject({ error: 'bad_request' });
      const huge = await call('PATCH', '/chat/api/messages/1', 'application/json', `{"text": "${'x'.repeat(200_000)}"}`);
      expect(huge.status).toBe(413);
      expect(JSON.parse(huge.text)).toMatchObject({ error: 'too_large' });
      const unknown = await call('POST', '/api/nowhere', 'application/json', '{}');
      expect(unknown.status).toBe(404);
      expect(JSON.parse(unknown.text)).toMatchObject({ error: 'not_found' });
      // Slack's endpoint: unsigned is refused, signed but malformed is a bad request, both in JSON.
      const unsigned = await call('POST', '/slack/events', 'application/json', '{"type":"event_callback"');
      expect(unsigned.status).toBe(401);
      expect(JSON.parse(unsigned.text)).toMatchObject({ error: 'unauthorized' });
      const body = '{"type":"event_callback"';
      const signed = await call('POST', '/slack/events', 'application/json', body, signSlackBody(SECRET, body));
      expect(signed.status).toBe(400);
      expect(JSON.parse(signed.text)).toMatchObject({ error: 'bad_request' });
    });

    it('pages answer with the gallery’s page, never a stack frame', async () => {
      for (const [method, path] of PAGE_ROUTES) {
        for (const bad of [undefined, ...BODIES.slice(0, 2)]) {
          const label = `${method} ${path}${bad ? ` with ${bad.name}` : ''}`;
          const answer = await call(method, path, bad?.type, bad?.body(), { accept: 'text/html' });
          expectClean(label, answer);
          if (answer.status >= 400 && !path.includes('.json')) expect(answer.text, label).toContain('<html');
        }
      }
      const unknown = await call('GET', '/nowhere');
      expect(unknown.status).toBe(404);
      expect(unknown.type).toContain('text/html');
    });

    it('a server fault answers 500 without internals, as JSON on the API and as a page elsewhere', async () => {
      for (const table of ['local_reactions', 'local_messages', 'bricolages'])
        await sql`drop table ${sql.table(table)}${sql.raw(engine === 'postgres' ? ' cascade' : '')}`.execute(app.db);
      const api = await call('GET', '/chat/api/channels/communaute/messages?as=camille');
      expect(api.status).toBe(500);
      expect(api.type).toContain('application/json');
      expectClean('chat API with a broken database', api);
      const page = await call('GET', '/bricolages');
      expect(page.status).toBe(500);
      expect(page.type).toContain('text/html');
      expectClean('gallery with a broken database', page);
    });
  });

  describe('rate limits', () => {
    it('answer 429 with Retry-After once a client sends too many chat writes', async () => {
      const limited = await bootApp({ LOCAL_CHAT: 'true', RATE_LIMIT_PER_MINUTE: '3' }, undefined, engine);
      try {
        const post = () =>
          fetch(`${limited.url}/chat/api/messages`, {
            method: 'POST',
            headers: { 'X-Local-Chat': '1', 'content-type': 'application/json' },
            body: JSON.stringify({ as: 'camille', channel: 'communaute', text: 'Bonjour' }),
          });
        for (let i = 0; i < 3; i += 1) expect((await post()).status).toBe(201);
        const refused = await post();
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(await refused.json()).toMatchObject({ error: 'too_many_requests' });
        // Reading is not limited.
        const read = await fetch(`${limited.url}/chat/api/channels/communaute/messages?as=camille`, {
          headers: { 'X-Local-Chat': '1' },
        });
        expect(read.status).toBe(200);
      } finally {
        await limited.close();
      }
    });
  });
});
