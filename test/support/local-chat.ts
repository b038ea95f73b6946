/**
 * Test helpers for the local chat: a BotCore fake that records what it receives (optionally
 * answering through the port, like a tiny scripted bot), and the chat alone on a real HTTP server.
 */
import type { Server } from 'node:http';
import express from 'express';
import { createLocalChat, type LocalChat } from '../../adapters/local/index.js';
import type { BotCore, ChatPort, InboundEvent } from '../../bot/ports.js';
import { type Config, loadConfig } from '../../config.js';
import { createLogger } from '../../log.js';
import { type Db, migrate, openDatabase } from '../../storage/db.js';

export interface RecordingBot extends BotCore {
  events: InboundEvent[];
  /** How many next `receive` calls fail, as when the inbox cannot be written. */
  failures: number;
  port(): ChatPort;
}

export type Script = (event: InboundEvent, port: ChatPort) => Promise<void> | void;

export function createRecordingBot(script?: Script): RecordingBot {
  const events: InboundEvent[] = [];
  const seen = new Set<string>();
  let port: ChatPort | null = null;
  let queue: Promise<void> = Promise.resolve();
  const bot: RecordingBot = {
    events,
    failures: 0,
    port() {
      if (!port) throw new Error('no port registered');
      return port;
    },
    registerPort(p) {
      port = p;
    },
    async receive(event) {
      if (bot.failures > 0) {
        bot.failures--;
        throw new Error('inbox unavailable');
      }
      const key = `${event.platform}:${event.eventId}`;
      if (seen.has(key)) return { duplicate: true };
      seen.add(key);
      events.push(event);
      if (script && port) {
        const p = port;
        queue = queue.then(() => script(event, p)).catch(() => undefined);
      }
      return { duplicate: false };
    },
    idle: () => queue,
  };
  return bot;
}

export interface LocalChatServer {
  url: string;
  db: Db;
  config: Config;
  chat: LocalChat;
  close(): Promise<void>;
}

/** The local chat alone, mounted at `/chat` on 127.0.0.1 port 0, over a migrated SQLite file. */
export async function startLocalChatServer(
  bot: BotCore,
  dataDir: string,
  env: Record<string, string> = {},
): Promise<LocalChatServer> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: 'false', ...env });
  const db = openDatabase(config.databaseFile);
  await migrate(db);
  const chat = createLocalChat({ db, config, bot, log: createLogger('local-chat-test', true) });
  const app = express();
  app.use('/chat', chat.router);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    config,
    chat,
    async close() {
      chat.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await db.destroy();
    },
  };
}
