/**
 * The Teams endpoint's guarantees on the real server: signed requests only with a production
 * configuration, friendly 4xx on what is not an activity, nothing stored for what the product
 * ignores, redeliveries counted once, a clear reply for expired file links, and 429s retried.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { plainPng } from './fixtures/photos/generate.js';
import { bootApp, type TestApp } from './support/app.js';
import { type FakeTeams, startFakeTeams } from './support/fake-teams.js';
import { activity } from './support/teams-activity.js';
import { MARIE, MARIE_CHAT, PAUL, teamsDriver, teamsEnv } from './support/teams-driver.js';
import { describeEngines } from './support/temp-db.js';

describeEngines('Teams adapter', (engine) => {
  let fake: FakeTeams;
  let app: TestApp | null = null;

  afterEach(async () => {
    await app?.close();
    app = null;
    await fake?.close();
  });

  async function inboxSize(): Promise<number> {
    return (await app!.db.selectFrom('inbox').select('id').execute()).length;
  }

  async function rawPost(body: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${app!.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  }

  describe('Teams endpoint', () => {
    it('with a production configuration, answers an unsigned activity with 401 and stores nothing', async () => {
      fake = await startFakeTeams();
      app = await bootApp(
        {
          TEAMS_APP_ID: '0b7a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
          TEAMS_APP_PASSWORD: 'not-a-real-secret',
          TEAMS_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
          TEAMS_CHANNEL_ID: '19:7c1d2e3f4a5b6c7d8e9f@thread.tacv2',
          TEAMS_SERVICE_URL: fake.serviceUrl,
        },
        undefined,
        engine,
      );
      const res = await rawPost(JSON.stringify(activity('personal-message', { serviceUrl: fake.serviceUrl })));
      expect(res.status).toBe(401);
      expect(await res.text()).not.toMatch(/\bat\s.+:\d+:\d+/);
      await app.idle();
      expect(await inboxSize()).toBe(0);
      expect(fake.calls).toEqual([]);
    });

    it('refuses the unauthenticated switch under NODE_ENV=production, naming the variable', () => {
      const env = { TEAMS_ALLOW_UNAUTHENTICATED: 'true', TEAMS_SERVICE_URL: 'http://127.0.0.1:9', TEAMS_CHANNEL_ID: '19:x' };
      expect(() => loadConfig({ ...env, NODE_ENV: 'production' })).toThrow(
        /TEAMS_ALLOW_UNAUTHENTICATED: is refused when NODE_ENV=production/,
      );
      expect(loadConfig(env).teams).toMatchObject({ allowUnauthenticated: true, appPassword: null });
      expect(() => loadConfig({ TEAMS_APP_ID: 'x', TEAMS_CHANNEL_ID: '19:x' })).toThrow(/TEAMS_APP_PASSWORD/);
      expect(loadConfig({}).teams).toBeNull();
    });

    describe('in unauthenticated (Agents Playground) mode', () => {
      async function boot(): Promise<ReturnType<typeof teamsDriver>> {
        fake = await startFakeTeams();
        fake.addUser(MARIE);
        app = await bootApp({ ...teamsEnv(fake), MAX_PHOTO_MB: '2' }, undefined, engine);
        return teamsDriver(fake, () => app!);
      }

      it('answers 400 without a stack trace to what is not an activity, and stores nothing', async () => {
        await boot();
        for (const body of ['{"foo": 1}', '[1, 2]', '{"type": "message"}', 'not json at all {']) {
          const res = await rawPost(body);
          expect(res.status, body).toBe(400);
          const text = await res.text();
          expect(text).not.toMatch(/\bat\s.+:\d+:\d+|node_modules|SyntaxError/);
        }
        expect(await inboxSize()).toBe(0);
      });

      it('acknowledges activity types it does not use and stores nothing', async () => {
        const { post } = await boot();
        await post(activity('personal-message', { type: 'someFutureActivity' }));
        await post(activity('conversation-update'));
        expect(await inboxSize()).toBe(0);
        expect(fake.sent()).toEqual([]);
      });

      it('counts a redelivered message once', async () => {
        const { post } = await boot();
        const message = activity('personal-message', { id: '1732879999999', text: 'aide' });
        await post(message);
        await post(message);
        expect(await inboxSize()).toBe(1);
        expect(fake.sent(MARIE_CHAT)).toHaveLength(1);
      });

      it('tells the agent when an uploaded file’s link has expired', async () => {
        const { dm, uploadedFile, lastDmText } = await boot();
        await dm(MARIE, 'nouveau');
        await dm(MARIE, '11');
        await dm(MARIE, 'Un titre');
        await dm(MARIE, 'Un problème');
        const file = fake.addDownload(await plainPng(200, 100));
        file.expire();
        await dm(MARIE, 'Une étape', [uploadedFile(file.downloadUrl, 'ecran.png')]);
        const replies = fake.sent(MARIE_CHAT).map((c) => String(c.body.text));
        expect(replies.some((t) => t.includes('« ecran.png » a expiré'))).toBe(true);
        expect(lastDmText()).not.toMatch(/stack|Error/);
      });

      it('does not follow a file link that redirects to another host, an internal one here', async () => {
        const { dm, uploadedFile } = await boot();
        // A server inside the network the bot runs in: it must never be asked anything.
        const internalHits: string[] = [];
        const png = await plainPng(200, 100);
        const internal = http.createServer((req, res) => {
          internalHits.push(req.url ?? '');
          res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length) }).end(png);
        });
        await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
        try {
          const { port } = internal.address() as AddressInfo;
          await dm(MARIE, 'nouveau');
          await dm(MARIE, '11');
          await dm(MARIE, 'Un titre');
          await dm(MARIE, 'Un problème');
          const link = fake.addRedirect(`http://127.0.0.1:${port}/latest/meta-data/photo.png`);
          await dm(MARIE, 'Une étape', [uploadedFile(link, 'ecran.png')]);
          // Nor a link straight at it.
          await dm(MARIE, 'Une autre étape', [uploadedFile(`http://127.0.0.1:${port}/direct.png`, 'direct.png')]);
          expect(internalHits).toEqual([]);
          expect(fake.calls.filter((c) => c.method === 'GET redirect')).toHaveLength(1);
          const replies = fake.sent(MARIE_CHAT).map((c) => String(c.body.text));
          expect(replies.some((t) => t.includes('« ecran.png »'))).toBe(true);
          expect(replies.some((t) => t.includes('« direct.png »'))).toBe(true);
          expect(await app!.db.selectFrom('photos').select('hash').execute()).toEqual([]);
        } finally {
          await new Promise<void>((resolve) => internal.close(() => resolve()));
        }
      });

      it('tells a commenter, in a personal chat the bot opens, that a file was not an image', async () => {
        const driver = await boot();
        fake.addUser(PAUL);
        const { id, cardId } = await driver.publishFromTeams();
        const notImage = fake.addInlineImage(Buffer.from('%PDF-1.7 not a photo at all'));
        await driver.reply(PAUL, cardId, 'Voici notre version', [driver.inlineImage(notImage)]);
        const opened = fake.calls.find((c) => c.method === 'CREATE conversation');
        expect(opened?.body.members).toEqual([expect.objectContaining({ id: PAUL.aadObjectId })]);
        const toPaul = fake.sent(opened!.conversationId).map((c) => String(c.body.text));
        expect(toPaul.join('\n')).toContain('n’est pas une image');
        const json = await driver.gallery(id);
        expect(json.comments).toEqual([expect.objectContaining({ text: 'Voici notre version', photos: [] })]);
      });

      it('retries a send the connector refused with 429 after Retry-After', async () => {
        const { dm, lastDmText } = await boot();
        fake.failNext('POST', 429, 1, { 'Retry-After': '0' });
        await dm(MARIE, 'aide');
        expect(fake.calls.map((c) => c.method)).toContain('POST refused 429');
        expect(lastDmText()).toContain('<b>nouveau</b>');
        expect(fake.sent(MARIE_CHAT)).toHaveLength(1);
      });
    });
  });
});
