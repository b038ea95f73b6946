/**
 * The built-in local chat: the product's default platform when no Slack or Teams is configured,
 * and the main end-to-end harness. `main.ts` mounts `router` at `/chat`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type express from 'express';
import type { BotCore, ChatPort } from '../../bot/ports.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import type { Db } from '../../storage/db.js';
import type { DatabaseNotifications } from '../../storage/notifications.js';
import { createRouter, findPublicDir } from './http.js';
import { acrossInstances, createEventHub } from './hub.js';
import { createLocalPort } from './outbound.js';

export interface LocalChat {
  router: express.Router;
  port: ChatPort;
  stop(): void;
}

/** `notifications` (PostgreSQL): live updates reach the pages served by every instance. */
export function createLocalChat(deps: {
  db: Db;
  config: Config;
  bot: BotCore;
  log: Logger;
  notifications?: DatabaseNotifications | null;
}): LocalChat {
  const { db, config, bot, log } = deps;
  const here = createEventHub();
  const hub = deps.notifications ? acrossInstances(here, db, deps.notifications, log) : here;
  const uploadsDir = path.join(config.dataDir, 'uploads');
  const locales = new Map<string, 'fr' | 'en'>();
  const port = createLocalPort({ db, config, hub, uploadsDir, localeOf: (id) => locales.get(id) ?? null });
  bot.registerPort(port);
  const router = createRouter({
    db,
    config,
    bot,
    log,
    hub,
    uploadsDir,
    publicDir: findPublicDir(path.dirname(fileURLToPath(import.meta.url))),
    locales,
  });
  return { router, port, stop: () => here.close() };
}
