/**
 * The bot core on a real SQLite file with a recording port, and the chat gestures of the community
 * tests: direct messages, buttons, reactions and replies on a post, a quick publication.
 */
import path from 'node:path';
import { type Bot, createBot } from '../../bot/handle-event.js';
import type { InboundEvent, MessageRef } from '../../bot/ports.js';
import { type Config, loadConfig } from '../../config.js';
import { createLogger } from '../../log.js';
import { type Db, migrate, openDatabase } from '../../storage/db.js';
import type { Engine } from '../../storage/dialect.js';
import { RecordingPort } from './recording-port.js';
import { createDatabaseLocation, tempDir } from './temp-db.js';

export interface Harness {
  db: Db;
  bot: Bot;
  port: RecordingPort;
  config: Config;
  dm(user: string, text: string): Promise<void>;
  press(user: string, actionId: string, value: string): Promise<void>;
  react(user: string, target: MessageRef, emoji: string, added?: boolean): Promise<void>;
  reply(user: string, parent: MessageRef, text: string): Promise<MessageRef>;
  /** Publishes a one-step bricolage through the wizard; returns its id and community post. */
  publish(user: string, title: string): Promise<{ id: number; ref: MessageRef }>;
  /** Runs one of the core's scheduled jobs now. */
  runJob(name: string, previousRunAt?: Date | null): Promise<void>;
  close(): Promise<void>;
}

const quiet = createLogger('community-test', true);

/** Demo agents with their mairies; `julien` is an animateur through `ANIMATORS`. */
export const PEOPLE: Record<string, { name: string; mairie: string | null }> = {
  camille: { name: 'Camille Martin', mairie: '11e' },
  karim: { name: 'Karim Benali', mairie: '18e' },
  sophie: { name: 'Sophie Lefèvre', mairie: '5e' },
  julien: { name: 'Julien Moreau', mairie: 'Hôtel de Ville' },
  aicha: { name: 'Aïcha Diallo', mairie: '20e' },
  nadia: { name: 'Nadia Roux', mairie: '11e' },
};

export async function startHarness(env: Record<string, string> = {}, engine: Engine = 'sqlite'): Promise<Harness> {
  const dir = tempDir();
  const config = loadConfig({
    DATA_DIR: dir.dir,
    SEED_DEMO: 'false',
    PUBLIC_URL: 'http://gallery.test',
    ANIMATORS: 'local:julien',
    ...env,
  });
  const database = await createDatabaseLocation(engine, path.join(dir.dir, 'bricoleur.sqlite'));
  const db = openDatabase(database.location);
  await migrate(db);
  const port = new RecordingPort('local');
  for (const [id, p] of Object.entries(PEOPLE)) port.profiles.set(id, p);
  for (let i = 0; i < 20; i++) port.profiles.set(`fan${i}`, { name: `Fan ${i}`, mairie: `${(i % 20) + 1}` });
  const bot = createBot({ db, config, log: quiet });
  bot.registerPort(port);
  await bot.start();
  let seq = 0;
  const base = (user: string) => ({
    platform: 'local' as const,
    eventId: `e${++seq}`,
    user: { id: user },
    at: new Date().toISOString(),
  });
  const send = async (event: InboundEvent) => {
    await bot.receive(event);
    await bot.idle();
  };
  const h: Harness = {
    db,
    bot,
    port,
    config,
    dm: (user, text) =>
      send({
        ...base(user),
        type: 'directMessage',
        ref: { platform: 'local', channelId: `dm:${user}`, messageId: `m${seq}` },
        text,
        photos: [],
      }),
    press: (user, actionId, value) =>
      send({
        ...base(user),
        type: 'buttonPressed',
        ref: { platform: 'local', channelId: `dm:${user}`, messageId: 'x' },
        actionId,
        value,
      }),
    react: (user, target, emoji, added = true) =>
      send({ ...base(user), type: added ? 'reactionAdded' : 'reactionRemoved', target, emoji }),
    async reply(user, parent, text) {
      const ref = {
        platform: 'local' as const,
        channelId: parent.channelId,
        messageId: `r${seq + 1}`,
        threadId: parent.messageId,
      };
      await send({ ...base(user), type: 'threadReply', ref, parent, text, photos: [] });
      return ref;
    },
    async publish(user, title) {
      for (const text of ['nouveau', title, 'Le problème que ça règle', 'Une étape', 'terminé', '1', 'publier'])
        await h.dm(user, text);
      const { id } = await db.selectFrom('bricolages').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
      const post = port.community().at(-1)!;
      return { id, ref: post.ref };
    },
    async runJob(name, previousRunAt = null) {
      const job = bot.jobs().find((j) => j.name === name);
      if (!job) throw new Error(`no job ${name}`);
      await job.run({ slot: new Date(), previousRunAt });
    },
    async close() {
      await bot.stop();
      await db.destroy();
      await database.drop();
      dir.remove();
    },
  };
  return h;
}
