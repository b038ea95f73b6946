/**
 * The Slack adapter mounted on a plain Express app, with a recording BotCore over the real inbox
 * table and the fake Slack Web API: signed requests in over HTTP, Block Kit out to the fake.
 */
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../adapters/slack/index.js';
import { SlackApiError } from '../adapters/slack/outbound.js';
import { PhotoDownloadError, PhotoTooLargeError } from '../bot/errors.js';
import type { BotCore, ChatPort, InboundEvent, OutboundMessage } from '../bot/ports.js';
import { type Config, loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { recordInbound } from '../storage/inbox.js';
import { type FakeSlack, startFakeSlack } from './support/fake-slack.js';
import { postSlackCommand, postSlackEvent, postSlackInteraction } from './support/slack-signer.js';
import { createTempDb, describeEngines, type TempDb } from './support/temp-db.js';

describeEngines('Slack adapter', (engine) => {
  const SECRET = 'test-signing-secret';
  const CHANNEL = 'C0COMMUNE1';

  function fixture(name: string): any {
    return JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures/slack', `${name}.json`), 'utf8'));
  }

  /** A BotCore that records events through the real inbox table (so duplicates are real duplicates). */
  function recordingBot(db: TempDb['db']) {
    const events: InboundEvent[] = [];
    let port: ChatPort | null = null;
    let failing = false;
    const bot: BotCore & { events: InboundEvent[]; port(): ChatPort; fail(on: boolean): void } = {
      events,
      port: () => port!,
      fail: (on) => {
        failing = on;
      },
      async receive(event) {
        if (failing) throw new Error('database is locked');
        const id = await recordInbound(db, event);
        if (id !== null) events.push(event);
        return { duplicate: id === null };
      },
      registerPort(p) {
        port = p;
      },
      async idle() {},
    };
    return bot;
  }

  describe('Slack adapter over HTTP', () => {
    let temp: TempDb;
    let fake: FakeSlack;
    let server: Server;
    let url: string;
    let config: Config;
    let adapter: SlackAdapter;
    let bot: ReturnType<typeof recordingBot>;

    beforeAll(async () => {
      temp = await createTempDb({ engine });
      fake = await startFakeSlack();
      config = loadConfig({
        DATA_DIR: temp.dir,
        SLACK_BOT_TOKEN: fake.botToken,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_CHANNEL_ID: CHANNEL,
        SLACK_API_URL: fake.apiUrl,
        SLACK_MAIRIE_FIELD: 'Xf0MAIRIE',
        SEED_DEMO: 'false',
      });
      bot = recordingBot(temp.db);
      const app = express();
      adapter = createSlackAdapter({
        db: temp.db,
        config,
        slack: config.slack!,
        bot,
        app,
        log: createLogger('slack-test', true),
        options: {
          retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 50 },
        },
      });
      app.use((_req, res) => void res.status(404).send('gallery'));
      await adapter.connect();
      server = await new Promise<Server>((resolve) => {
        const s = app.listen(0, '127.0.0.1', () => resolve(s));
      });
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    });

    afterAll(async () => {
      await adapter.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.close();
      await temp.cleanup();
    });

    afterEach(async () => {
      bot.events.length = 0;
      bot.fail(false);
      await temp.db.deleteFrom('inbox').execute();
    });

    const inboxCount = async () => (await temp.db.selectFrom('inbox').select('id').execute()).length;

    it('registers its port with the core and learns who the bot is', () => {
      expect(bot.port()).toBe(adapter.port);
      expect(fake.callsTo('auth.test').length).toBeGreaterThan(0);
    });

    it('records a signed DM with photos in the inbox before answering 200', async () => {
      const res = await postSlackEvent(url, fixture('message-im-files'), { secret: SECRET });
      expect(res.status).toBe(200);
      expect(bot.events).toHaveLength(1);
      expect(bot.events[0]).toMatchObject({
        type: 'directMessage',
        eventId: 'Ev0IMFILES1',
        text: 'Première étape : on imprime le ticket',
      });
      expect(await inboxCount()).toBe(1);
    });

    it('answers the URL verification challenge', async () => {
      const res = await postSlackEvent(url, { type: 'url_verification', challenge: 'abc123', token: 'x' }, { secret: SECRET });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ challenge: 'abc123' });
    });

    it('refuses wrong, missing and stale signatures with 401 and stores nothing', async () => {
      const body = fixture('reaction-added');
      expect((await postSlackEvent(url, body, { secret: SECRET, signWith: 'not-the-secret' })).status).toBe(401);
      expect((await postSlackEvent(url, body, { secret: SECRET, unsigned: true })).status).toBe(401);
      const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
      expect((await postSlackEvent(url, body, { secret: SECRET, timestamp: tenMinutesAgo })).status).toBe(401);
      expect(bot.events).toHaveLength(0);
      expect(await inboxCount()).toBe(0);
    });

    it('counts a delivery retried by Slack (X-Slack-Retry-Num) once', async () => {
      const body = fixture('reaction-added');
      expect((await postSlackEvent(url, body, { secret: SECRET })).status).toBe(200);
      const retry = await postSlackEvent(url, body, {
        secret: SECRET,
        headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
      });
      expect(retry.status).toBe(200);
      expect(bot.events.filter((e) => e.eventId === 'Ev0REACTADD')).toHaveLength(1);
      expect(await inboxCount()).toBe(1);
    });

    it('answers 500 when the event cannot be stored, so that Slack retries it', async () => {
      bot.fail(true);
      const res = await postSlackEvent(url, fixture('thread-reply'), { secret: SECRET });
      expect(res.status).toBe(500);
      expect(await inboxCount()).toBe(0);
    });

    it('turns a button click (block_actions) into buttonPressed and acknowledges it', async () => {
      const res = await postSlackInteraction(url, fixture('block-actions'), { secret: SECRET });
      expect(res.status).toBe(200);
      expect(bot.events).toEqual([expect.objectContaining({ type: 'buttonPressed', actionId: 'adopt', value: '42' })]);
    });

    it('ignores clicks on link buttons but acknowledges them', async () => {
      const body = fixture('block-actions');
      body.actions[0].action_id = 'link:openGallery';
      const res = await postSlackInteraction(url, body, { secret: SECRET });
      expect(res.status).toBe(200);
      expect(bot.events).toHaveLength(0);
    });

    it('turns /bricolage into slashCommand', async () => {
      const res = await postSlackCommand(url, fixture('slash-command'), { secret: SECRET });
      expect(res.status).toBe(200);
      expect(bot.events).toEqual([
        expect.objectContaining({
          type: 'slashCommand',
          text: 'chercher  ticket file',
          user: { id: 'U0MARIE01', name: 'marie.dupont' },
        }),
      ]);
    });

    it('opens the form modal for /bricolage formulaire, and delivers its submission as formSubmitted', async () => {
      const command = { ...fixture('slash-command'), text: 'formulaire' };
      const res = await postSlackCommand(url, command, { secret: SECRET });
      expect(res.status).toBe(200);
      const opened = fake.callsTo('views.open').at(-1)!;
      expect(opened.args.trigger_id).toBe(command.trigger_id);
      expect(opened.args.view.callback_id).toBe('bricolage_form');
      expect(bot.events).toHaveLength(0);

      const submit = await postSlackInteraction(url, fixture('view-submission'), { secret: SECRET });
      expect(submit.status).toBe(200);
      expect(bot.events).toEqual([
        expect.objectContaining({ type: 'formSubmitted', form: expect.objectContaining({ title: expect.any(String) }) }),
      ]);
    });

    it('answers 400 to a signed but malformed body and stores nothing', async () => {
      const res = await postSlackEvent(url, '{"type": "event_callback", ', { secret: SECRET });
      expect(res.status).toBe(400);
      expect(await inboxCount()).toBe(0);
    });

    it('acknowledges unknown event types without passing them on', async () => {
      const body = fixture('reaction-added');
      body.event = { type: 'app_home_opened', user: 'U0PAUL002', channel: 'D0X', tab: 'home', event_ts: '1.2' };
      body.event_id = 'Ev0UNKNOWN1';
      const res = await postSlackEvent(url, body, { secret: SECRET });
      expect(res.status).toBe(200);
      expect(bot.events).toHaveLength(0);
      expect(await inboxCount()).toBe(0);
    });
  });

  describe('Slack ChatPort against the fake Web API', () => {
    let temp: TempDb;
    let fake: FakeSlack;
    let port: ChatPort;
    let adapter: SlackAdapter;
    let config: Config;
    const hash = 'ab'.repeat(32);

    async function build(env: Record<string, string> = {}, token?: string) {
      config = loadConfig({
        DATA_DIR: temp.dir,
        SLACK_BOT_TOKEN: token ?? fake.botToken,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_CHANNEL_ID: CHANNEL,
        SLACK_API_URL: fake.apiUrl,
        SLACK_MAIRIE_FIELD: 'Xf0MAIRIE',
        SEED_DEMO: 'false',
        MAX_PHOTO_MB: '1',
        ...env,
      });
      const bot = recordingBot(temp.db);
      const a = createSlackAdapter({
        db: temp.db,
        config,
        slack: config.slack!,
        bot,
        app: express(),
        log: createLogger('slack-test', true),
        options: { retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 50 } },
      });
      return a;
    }

    beforeAll(async () => {
      temp = await createTempDb({ engine });
      fake = await startFakeSlack();
      fs.mkdirSync(path.join(temp.dir, 'media'), { recursive: true });
      // A photo stored before the card JPEG existed: its WebP only (the adapter makes the JPEG).
      fs.writeFileSync(
        path.join(temp.dir, 'media', `${hash}-800.webp`),
        await sharp({ create: { width: 800, height: 1200, channels: 3, background: '#3366cc' } })
          .webp()
          .toBuffer(),
      );
      adapter = await build();
      port = adapter.port;
    });

    afterAll(async () => {
      await fake.close();
      await temp.cleanup();
    });

    function cardMessage(): OutboundMessage {
      const cover = {
        hash,
        url: `${config.publicUrl}/media/${hash}-800.webp`,
        cardImageUrl: `${config.publicUrl}/media/${hash}-card.jpg`,
        alt: 'Étape 1, photo 1',
      };
      return {
        text: 'Nouveau bricolage : Le ticket coloré',
        card: {
          bricolageId: 42,
          title: 'Le ticket coloré',
          problem: 'La file <se> mélange & déborde',
          category: "Accueil et files d'attente",
          authorName: 'Marie',
          mairie: '11e',
          steps: [
            {
              position: 1,
              text: 'Imprimer',
              photos: [cover],
            },
            { position: 2, text: 'Ranger', photos: [] },
          ],
          coverPhoto: cover,
          galleryUrl: `${config.publicUrl}/bricolages/42`,
          labels: {
            problem: 'Le problème',
            steps: 'Les étapes',
            stepCount: '2 étape(s)',
            category: 'Catégorie',
            byline: 'par Marie, 11e',
            stepsShortened: 'Étapes raccourcies',
          },
        },
        buttons: [
          { actionId: 'openGallery', value: '42', label: 'Voir dans la galerie', url: `${config.publicUrl}/bricolages/42` },
          { actionId: 'adopt', value: '42', label: 'Je l’ai adopté' },
        ],
      };
    }

    it('posts the bricolage card as Block Kit in the channel, and uploads the cover photo in its thread', async () => {
      const ref = await port.postToCommunity(cardMessage());
      expect(ref).toMatchObject({ platform: 'slack', channelId: CHANNEL });
      const call = fake.callsTo('chat.postMessage').at(-1)!;
      expect(call.token).toBe(fake.botToken);
      expect(call.args.channel).toBe(CHANNEL);
      expect(call.args.text).toBe('Nouveau bricolage : Le ticket coloré');
      const blocks = call.args.blocks as any[];
      expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Le ticket coloré' } });
      expect(JSON.stringify(blocks)).toContain('par Marie, 11e');
      expect(JSON.stringify(blocks)).toContain('La file &lt;se&gt; mélange &amp; déborde');
      expect(JSON.stringify(blocks)).toContain('2 étape(s)');
      // No public URL: Slack cannot fetch the gallery, so no image block, an upload instead.
      expect(blocks.some((b) => b.type === 'image')).toBe(false);
      const actions = blocks.find((b) => b.type === 'actions');
      expect(actions.elements).toEqual([
        expect.objectContaining({ action_id: 'link:openGallery', url: `${config.publicUrl}/bricolages/42` }),
        expect.objectContaining({ action_id: 'adopt', value: '42', text: expect.objectContaining({ text: 'Je l’ai adopté' }) }),
      ]);
      expect(fake.callsTo('files.getUploadURLExternal')).toHaveLength(1);
      expect(fake.callsTo('upload')).toHaveLength(1);
      const completed = fake.callsTo('files.completeUploadExternal')[0];
      expect(completed.args).toMatchObject({ channel_id: CHANNEL, thread_ts: ref.messageId });
      // The chat-card JPEG, made from the stored WebP of a photo older than it (Slack shows no WebP).
      const shared = fake.messages.find((m) => m.subtype === 'file_share' && m.thread_ts === ref.messageId);
      expect(shared?.files?.[0]).toMatchObject({ mimetype: 'image/jpeg', name: `${hash}-card.jpg` });
    });

    it('shows the cover photo from the gallery when PUBLIC_URL is set, without uploading', async () => {
      const publicAdapter = await build({ PUBLIC_URL: 'https://bricolages.paris.example' });
      const uploads = fake.callsTo('files.getUploadURLExternal').length;
      await publicAdapter.port.postToCommunity(cardMessage());
      const blocks = fake.callsTo('chat.postMessage').at(-1)!.args.blocks as any[];
      // The JPEG, never the gallery's WebP (Slack's image block shows png, jpg and gif only).
      expect(blocks.find((b) => b.type === 'image')).toMatchObject({
        image_url: `https://bricolages.paris.example/media/${hash}-card.jpg`,
      });
      expect(fake.callsTo('files.getUploadURLExternal')).toHaveLength(uploads);
    });

    it('falls back to an uploaded photo when Slack cannot fetch the gallery image (intranet-only PUBLIC_URL)', async () => {
      const publicAdapter = await build({ PUBLIC_URL: 'https://bricolages.intranet.example' });
      const uploads = fake.callsTo('files.getUploadURLExternal').length;
      fake.failNext('chat.postMessage', { error: 'invalid_blocks' });
      const ref = await publicAdapter.port.postToCommunity(cardMessage());
      const blocks = fake.callsTo('chat.postMessage').at(-1)!.args.blocks as any[];
      expect(blocks.some((b) => b.type === 'image')).toBe(false);
      expect(fake.callsTo('files.getUploadURLExternal')).toHaveLength(uploads + 1);
      expect(fake.callsTo('files.completeUploadExternal').at(-1)!.args).toMatchObject({ thread_ts: ref.messageId });
    });

    it('sends a DM with buttons through conversations.open, and replies in threads', async () => {
      const ref = await port.sendDirect('U0MARIE01', {
        text: 'Quelle catégorie ?',
        buttons: [{ actionId: 'category', value: 'Autre', label: 'Autre' }],
      });
      expect(ref.channelId).toBe('D0MARIE01');
      const call = fake.callsTo('chat.postMessage').at(-1)!;
      expect(call.args.blocks).toEqual([
        { type: 'section', text: { type: 'mrkdwn', text: 'Quelle catégorie ?' } },
        {
          type: 'actions',
          block_id: 'actions-0',
          elements: [
            { type: 'button', action_id: 'category', value: 'Autre', text: { type: 'plain_text', text: 'Autre', emoji: true } },
          ],
        },
      ]);
      const reply = await port.replyInThread(
        { platform: 'slack', channelId: CHANNEL, messageId: ref.messageId },
        { text: 'merci' },
      );
      expect(fake.callsTo('chat.postMessage').at(-1)!.args.thread_ts).toBe(ref.messageId);
      await port.update(reply, { text: 'merci !' });
      expect(fake.callsTo('chat.update').at(-1)!.args).toMatchObject({ ts: reply.messageId, text: 'merci !' });
      await port.remove(reply);
      await port.remove(reply); // already gone: not an error
      expect(await port.permalink(ref)).toMatch(/^https:\/\/paris\.slack\.com\/archives\//);
    });

    it('waits for Retry-After on a 429 and then succeeds', async () => {
      fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
      const before = fake.callsTo('chat.postMessage').length;
      const started = Date.now();
      const ref = await port.postToCommunity({ text: 'après la limite' });
      expect(ref.messageId).toBeTruthy();
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(fake.callsTo('chat.postMessage').length - before).toBe(2);
    });

    it('reports channel_not_found as a SlackApiError instead of crashing', async () => {
      fake.failNext('chat.postMessage', { error: 'channel_not_found' });
      const refused = port.postToCommunity({ text: 'x' });
      await expect(refused).rejects.toBeInstanceOf(SlackApiError);
      await expect(refused).rejects.toMatchObject({ code: 'channel_not_found' });
      // The next post goes through: one refusal does not break the port.
      await expect(port.postToCommunity({ text: 'x' })).resolves.toMatchObject({
        platform: 'slack',
        channelId: expect.any(String),
      });
    });

    it('downloads private files with the bot token only; without it the file server answers 401', async () => {
      const bytes = Buffer.from('fake-jpeg-bytes');
      const file = fake.addFile(bytes, 'photo.jpg', 'image/jpeg');
      const photo = { id: file.id, url: file.url_private_download, size: file.size, name: file.name };
      expect(await port.download(photo)).toEqual(bytes);
      expect((await fetch(file.url_private_download)).status).toBe(401);
      const wrong = await build({}, 'xoxb-revoked');
      const denied = wrong.port.download(photo);
      await expect(denied).rejects.toBeInstanceOf(PhotoDownloadError);
      await expect(denied).rejects.toMatchObject({ problem: 'expired' });
    });

    it('refuses files that are too big, before or while downloading, and never sends the token elsewhere', async () => {
      const big = fake.addFile(Buffer.alloc(1024 * 1024 + 10, 1), 'big.jpg', 'image/jpeg');
      await expect(port.download({ id: big.id, url: big.url_private_download, size: big.size })).rejects.toBeInstanceOf(
        PhotoTooLargeError,
      );
      await expect(port.download({ id: big.id, url: big.url_private_download })).rejects.toBeInstanceOf(PhotoTooLargeError);
      await expect(port.download({ id: 'F1', url: 'https://evil.example/steal' })).rejects.toMatchObject({
        problem: 'untrustedHost',
      });
      // A file_input upload carries no URL: files.info tells where it is.
      const small = fake.addFile(Buffer.from('abc'), 'a.png', 'image/png');
      expect(await port.download({ id: small.id, url: '' })).toEqual(Buffer.from('abc'));
    });

    it('reads the display name, the mairie profile field and the locale from users.info', async () => {
      fake.addUser({
        id: 'U0MARIE01',
        name: 'marie.dupont',
        displayName: 'Marie',
        locale: 'fr-FR',
        fields: { Xf0MAIRIE: 'Mairie du 11e' },
      });
      expect(await port.profile('U0MARIE01')).toEqual({ name: 'Marie', mairie: 'Mairie du 11e', locale: 'fr' });
      expect(await port.profile('U0NOBODY')).toBeNull();
    });
  });

  describe('Slack adapter in Socket Mode', () => {
    it('does not mount the HTTP endpoint when SLACK_APP_TOKEN is set', async () => {
      const temp = await createTempDb({ engine });
      try {
        const config = loadConfig({
          DATA_DIR: temp.dir,
          SLACK_BOT_TOKEN: 'xoxb-x',
          SLACK_SIGNING_SECRET: SECRET,
          SLACK_APP_TOKEN: 'xapp-1-x',
          SLACK_CHANNEL_ID: CHANNEL,
          SLACK_API_URL: 'http://127.0.0.1:9/api',
        });
        const app = express();
        const bot = recordingBot(temp.db);
        // Not started: starting would dial Slack's Socket Mode endpoint.
        const adapter = createSlackAdapter({ db: temp.db, config, slack: config.slack!, bot, app, log: createLogger('t', true) });
        expect(bot.port()).toBe(adapter.port);
        app.use((_req, res) => void res.status(404).send('none'));
        const server = await new Promise<Server>((resolve) => {
          const s = app.listen(0, '127.0.0.1', () => resolve(s));
        });
        const res = await postSlackEvent(
          `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
          fixture('reaction-added'),
          { secret: SECRET },
        );
        expect(res.status).toBe(404);
        await new Promise<void>((resolve) => server.close(() => resolve()));
      } finally {
        await temp.cleanup();
      }
    });
  });
});
