/**
 * The local chat's HTTP API and page. JSON in and out; state-changing requests must come from the
 * page (custom header, same-origin when an Origin is sent).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import type { BotCore, ChatUser, InboundEvent } from '../../bot/ports.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import type { Db } from '../../storage/db.js';
import { COMMUNITY_CHANNEL, type DemoAgent, dmChannel } from './agents.js';
import { ChatError, sendError } from './errors.js';
import { readUpload, sniffImageType } from './files.js';
import { canRead, type EventHub } from './hub.js';
import { buttonEvent, deleteEvent, editEvent, messageEvent, openedEvent, reactionEvent } from './inbound.js';
import { agentViews, view } from './message-view.js';
import { actor, cleanText, csrfGuard, field, hostGuard, MAX_PHOTOS, messageId, REACTION_EMOJIS, stamp } from './request.js';
import {
  addReaction,
  deleteMessage,
  getMessage,
  insertMessage,
  type LocalMessage,
  listChannel,
  reactionsFor,
  removeReaction,
  restoreMessage,
  updateMessage,
} from './store.js';

export interface RouterDeps {
  db: Db;
  config: Config;
  bot: BotCore;
  log: Logger;
  hub: EventHub;
  uploadsDir: string;
  publicDir: string;
  /** The page language per user (set by the page's switch), told to the bot with every event. */
  locales: Map<string, 'fr' | 'en'>;
}

export function createRouter(deps: RouterDeps): express.Router {
  const { db, config, bot, log, hub, uploadsDir, publicDir } = deps;
  const router = express.Router();
  fs.mkdirSync(uploadsDir, { recursive: true });
  const upload = multer({
    // Streamed to disk under its final random name: a photo is never held whole in memory here.
    storage: multer.diskStorage({
      destination: uploadsDir,
      filename: (_req, _file, done) => done(null, crypto.randomBytes(16).toString('hex')),
    }),
    // Above the product limit on purpose: the bot says "too big" kindly; only absurd sizes stop here.
    limits: { fileSize: config.maxPhotoBytes * 2, files: MAX_PHOTOS, fields: 20, fieldSize: 64 * 1024 },
    // File names are UTF-8 (« étiquette.png »); busboy's default is latin1.
    defParamCharset: 'utf8',
  });
  const json = express.json({ limit: '64kb' });

  /**
   * Hands the event to the bot. If the bot cannot store it, the local write that produced it is
   * undone, so the page never shows a message, edit or reaction the bot will not know about.
   */
  async function deliver(event: InboundEvent | null, undo: () => Promise<void>, channelId: string): Promise<void> {
    if (!event) return;
    try {
      await bot.receive(event);
    } catch (error) {
      log.error('bot did not receive a local event; the local change is undone', {
        eventId: event.eventId,
        type: event.type,
        error,
      });
      await undo().catch((undoError: unknown) =>
        log.error('undoing a local change failed', { eventId: event.eventId, error: undoError }),
      );
      hub.publish(channelId);
      throw new ChatError(503, 'bot_unavailable');
    }
  }

  function rememberLocale(agent: DemoAgent, lang: unknown): void {
    if (lang === 'fr' || lang === 'en') deps.locales.set(agent.id, lang);
  }

  function chatUser(agent: DemoAgent): ChatUser {
    const locale = deps.locales.get(agent.id);
    return { id: agent.id, name: agent.name, ...(locale ? { locale } : {}) };
  }

  async function readable(id: number, agent: DemoAgent): Promise<LocalMessage> {
    const message = await getMessage(db, id);
    if (!message || message.deletedAt || !canRead(agent.id, message.channelId)) throw new ChatError(404, 'not_found');
    return message;
  }

  async function own(id: number, agent: DemoAgent): Promise<LocalMessage> {
    const message = await readable(id, agent);
    if (message.authorId !== agent.id) throw new ChatError(403, 'not_yours');
    return message;
  }

  /** Multer errors become friendly JSON instead of an HTML error page. */
  function uploadPhotos(req: Request, res: Response, next: NextFunction): void {
    if (!req.is('multipart/form-data')) return json(req, res, next);
    upload.array('photos')(req, res, (error: unknown) => {
      if (!error) return next();
      if (error instanceof multer.MulterError) {
        if (error.code === 'LIMIT_FILE_SIZE') return sendError(res, 413, 'too_large');
        if (error.code === 'LIMIT_FILE_COUNT') return sendError(res, 400, 'too_many_files');
      }
      return sendError(res, 400, 'bad_request');
    });
  }

  /** Async handlers: a `ChatError` is the expected refusal, anything else is logged once here. */
  const handle =
    (fn: (req: Request, res: Response) => Promise<void>) =>
    (req: Request, res: Response): void => {
      fn(req, res).catch((error: unknown) => {
        if (error instanceof ChatError) return sendError(res, error.status, error.code);
        log.error('local chat request failed', { requestId: req.id, method: req.method, path: req.path, error });
        if (!res.headersSent) sendError(res, 500, 'server');
      });
    };

  // First: the configured host names only (DNS rebinding), on every route of the chat.
  router.use(hostGuard(config.localChatHosts, publicDir));
  router.use((_req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    res.set('Referrer-Policy', 'same-origin');
    next();
  });

  router.get('/', (req, res) => {
    // The page uses relative URLs: make sure it is addressed as `/chat/`.
    if (!req.originalUrl.split('?')[0].endsWith('/')) {
      const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
      return res.redirect(301, `${req.baseUrl}/${query}`);
    }
    res.set(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data: blob: http: https:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    res.set('Cache-Control', 'no-cache');
    res.sendFile(path.join(publicDir, 'chat.html'));
  });
  router.use(express.static(publicDir, { index: false, maxAge: 0 }));

  router.get(
    '/uploads/:id',
    handle(async (req, res) => {
      let bytes: Buffer;
      try {
        bytes = await readUpload(uploadsDir, String(req.params.id));
      } catch {
        throw new ChatError(404, 'not_found');
      }
      const type = sniffImageType(bytes);
      if (!type) throw new ChatError(404, 'not_found');
      res.set('Content-Type', type);
      res.set('Cache-Control', 'private, max-age=86400');
      res.send(bytes);
    }),
  );

  router.use('/api', csrfGuard);

  router.get(
    '/api/agents',
    handle(async (_req, res) => {
      res.set('Cache-Control', 'no-store');
      res.json({
        agents: [...(await agentViews(db, config)).values()],
        emojis: REACTION_EMOJIS,
        maxPhotos: MAX_PHOTOS,
        maxPhotoBytes: config.maxPhotoBytes,
        categories: config.categories,
      });
    }),
  );

  router.get(
    '/api/channels/:channel/messages',
    handle(async (req, res) => {
      const agent = actor(req.query.as);
      const channel = String(req.params.channel);
      if (!canRead(agent.id, channel)) throw new ChatError(403, 'bad_channel');
      const messages = await listChannel(db, channel);
      const reactions = await reactionsFor(
        db,
        messages.map((m) => m.id),
      );
      const agents = await agentViews(db, config);
      res.set('Cache-Control', 'no-store');
      res.json({ channel, messages: messages.map((m) => view(m, reactions.get(m.id) ?? [], agent.id, agents)) });
    }),
  );

  /** Uploaded files of a request that was refused: removed at once (retention would catch them later). */
  const discardUploads = (req: Request) => {
    for (const file of Array.isArray(req.files) ? req.files : []) fs.rm(file.path, { force: true }, () => undefined);
  };

  router.post(
    '/api/messages',
    uploadPhotos,
    handle(async (req, res) => {
      res.once('finish', () => {
        if (res.statusCode >= 400) discardUploads(req);
      });
      const agent = actor(field(req.body, 'as'));
      rememberLocale(agent, field(req.body, 'lang'));
      const channel = field(req.body, 'channel');
      if (typeof channel !== 'string' || !canRead(agent.id, channel)) throw new ChatError(400, 'bad_channel');
      const files = Array.isArray(req.files) ? req.files : [];
      const text = cleanText(field(req.body, 'text'), files.length > 0);
      const rawThread = field(req.body, 'threadId');
      let threadId: number | null = null;
      if (rawThread !== undefined && rawThread !== '' && rawThread !== null) {
        const root = await getMessage(db, messageId(String(rawThread))).catch(() => undefined);
        if (!root || root.deletedAt || root.channelId !== channel || root.threadId !== null || channel !== COMMUNITY_CHANNEL) {
          throw new ChatError(400, 'bad_thread');
        }
        threadId = root.id;
      }
      const photos = files.map((file) => ({
        id: file.filename,
        name: file.originalname.slice(0, 200),
        type: file.mimetype,
        size: file.size,
      }));
      const message = await insertMessage(db, { channelId: channel, threadId, authorId: agent.id, text, extra: { photos } });
      hub.publish(channel);
      await deliver(messageEvent(message, chatUser(agent)), () => deleteMessage(db, message.id), channel);
      res.status(201).json({ message: view(message, [], agent.id) });
    }),
  );

  router.patch(
    '/api/messages/:id',
    json,
    handle(async (req, res) => {
      const agent = actor(field(req.body, 'as'));
      rememberLocale(agent, field(req.body, 'lang'));
      const message = await own(messageId(req.params.id), agent);
      const text = cleanText(field(req.body, 'text'), (message.extra.photos ?? []).length > 0);
      await updateMessage(db, message.id, { text, edited: true });
      const updated = (await getMessage(db, message.id))!;
      hub.publish(message.channelId);
      const previous = { text: message.text, edited: false };
      await deliver(
        editEvent(updated, chatUser(agent), stamp()),
        () => updateMessage(db, message.id, previous),
        message.channelId,
      );
      res.json({ message: view(updated, [], agent.id) });
    }),
  );

  router.delete(
    '/api/messages/:id',
    json,
    handle(async (req, res) => {
      const agent = actor(field(req.body, 'as') ?? req.query.as);
      const message = await own(messageId(req.params.id), agent);
      await deleteMessage(db, message.id);
      hub.publish(message.channelId);
      await deliver(deleteEvent(message, chatUser(agent), stamp()), () => restoreMessage(db, message.id), message.channelId);
      res.status(204).end();
    }),
  );

  async function reactable(req: Request, agent: DemoAgent, emoji: unknown): Promise<{ message: LocalMessage; emoji: string }> {
    if (typeof emoji !== 'string' || !(REACTION_EMOJIS as readonly string[]).includes(emoji)) {
      throw new ChatError(400, 'bad_emoji');
    }
    const message = await readable(messageId(req.params.id as string), agent);
    if (message.channelId !== COMMUNITY_CHANNEL) throw new ChatError(400, 'no_reaction_here');
    return { message, emoji };
  }

  router.post(
    '/api/messages/:id/reactions',
    json,
    handle(async (req, res) => {
      const agent = actor(field(req.body, 'as'));
      const { message, emoji } = await reactable(req, agent, field(req.body, 'emoji'));
      if (await addReaction(db, message.id, agent.id, emoji)) {
        hub.publish(message.channelId);
        const undo = () => removeReaction(db, message.id, agent.id, emoji).then(() => undefined);
        await deliver(reactionEvent('added', message, chatUser(agent), emoji, stamp()), undo, message.channelId);
      }
      res.status(201).json({ ok: true });
    }),
  );

  router.delete(
    '/api/messages/:id/reactions/:emoji',
    json,
    handle(async (req, res) => {
      const agent = actor(field(req.body, 'as') ?? req.query.as);
      const { message, emoji } = await reactable(req, agent, req.params.emoji);
      if (await removeReaction(db, message.id, agent.id, emoji)) {
        hub.publish(message.channelId);
        const undo = () => addReaction(db, message.id, agent.id, emoji).then(() => undefined);
        await deliver(reactionEvent('removed', message, chatUser(agent), emoji, stamp()), undo, message.channelId);
      }
      res.status(204).end();
    }),
  );

  router.post(
    '/api/opened',
    json,
    handle(async (req, res) => {
      const agent = actor(field(req.body, 'as'));
      rememberLocale(agent, field(req.body, 'lang'));
      await deliver(openedEvent(chatUser(agent), new Date().toISOString()), async () => {}, dmChannel(agent.id));
      res.status(202).json({ ok: true });
    }),
  );

  router.post(
    '/api/messages/:id/buttons',
    json,
    handle(async (req, res) => {
      const agent = actor(field(req.body, 'as'));
      rememberLocale(agent, field(req.body, 'lang'));
      const actionId = field(req.body, 'actionId');
      const value = field(req.body, 'value');
      if (typeof actionId !== 'string' || typeof value !== 'string') throw new ChatError(400, 'bad_request');
      const message = await readable(messageId(req.params.id), agent);
      const button = (message.extra.buttons ?? []).find((b) => b.actionId === actionId && b.value === value && !b.url);
      if (!button) throw new ChatError(400, 'bad_button');
      await deliver(buttonEvent(message, chatUser(agent), { actionId, value }, stamp()), async () => {}, message.channelId);
      res.status(202).json({ ok: true });
    }),
  );

  router.get(
    '/api/events',
    handle(async (req, res) => {
      const agent = actor(req.query.as);
      rememberLocale(agent, req.query.lang);
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.write(`retry: 2000\nevent: ready\ndata: ${JSON.stringify({ as: agent.id })}\n\n`);
      const unsubscribe = hub.subscribe(agent.id, res);
      req.on('close', unsubscribe);
    }),
  );

  router.use('/api', (_req, res) => sendError(res, 404, 'not_found'));
  return router;
}

/** Where the page assets are: beside this module, or in the source tree when running from `dist/`. */
export function findPublicDir(moduleDir: string): string {
  const candidates = [path.join(moduleDir, 'public'), path.resolve(moduleDir, '../../../adapters/local/public')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'chat.html'))) ?? candidates[0];
}
