/**
 * The bot core on a real SQLite file behind a recording port, for journeys that talk to it as
 * agents do: direct messages, buttons, restarts. One harness per test.
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

export class BotHarness {
  readonly port = new RecordingPort('local');
  readonly log = createLogger('bot-harness', true);
  config!: Config;
  db!: Db;
  bot!: Bot;
  private seq = 0;
  private readonly dir = tempDir();

  private readonly env: Record<string, string>;

  private readonly engine: Engine;
  private database: { location: string; drop(): Promise<void> } | null = null;

  constructor(env: Record<string, string> = {}, engine: Engine = 'sqlite') {
    this.env = env;
    this.engine = engine;
    this.port.profiles.set('camille', { name: 'Camille Martin', mairie: '11e' });
    this.port.profiles.set('karim', { name: 'Karim Benali', mairie: '18e' });
    this.port.profiles.set('sophie', { name: 'Sophie Lefèvre', mairie: '5e' });
    this.port.profiles.set('julien', { name: 'Julien Moreau', mairie: 'Hôtel de Ville' });
  }

  get dataDir(): string {
    return this.dir.dir;
  }

  async boot(): Promise<this> {
    this.config = loadConfig({ DATA_DIR: this.dir.dir, SEED_DEMO: 'false', PUBLIC_URL: 'http://gallery.test', ...this.env });
    this.database ??= await createDatabaseLocation(this.engine, path.join(this.dir.dir, 'bricoleur.sqlite'));
    this.db = openDatabase(this.database.location);
    await migrate(this.db);
    this.bot = createBot({ db: this.db, config: this.config, log: this.log });
    this.bot.registerPort(this.port);
    await this.bot.start();
    return this;
  }

  async restart(): Promise<void> {
    await this.close(false);
    await this.boot();
  }

  async close(remove = true): Promise<void> {
    await this.bot.stop();
    await this.db.destroy();
    if (remove) {
      await this.database?.drop();
      this.dir.remove();
    }
  }

  private base(user: string) {
    return { platform: 'local' as const, eventId: `h${++this.seq}`, user: { id: user }, at: new Date().toISOString() };
  }

  async send(event: InboundEvent): Promise<void> {
    await this.bot.receive(event);
    await this.bot.idle();
  }

  async dm(user: string, text: string): Promise<void> {
    await this.send({
      ...this.base(user),
      type: 'directMessage',
      ref: { platform: 'local', channelId: `dm:${user}`, messageId: `m${this.seq}` },
      text,
      photos: [],
    });
  }

  async slash(user: string, text: string): Promise<void> {
    await this.send({ ...this.base(user), type: 'slashCommand', text });
  }

  async react(user: string, target: MessageRef, emoji = '👍'): Promise<void> {
    await this.send({ ...this.base(user), type: 'reactionAdded', target, emoji });
  }

  async press(user: string, actionId: string, value: string): Promise<void> {
    await this.send({
      ...this.base(user),
      type: 'buttonPressed',
      ref: { platform: 'local', channelId: `dm:${user}`, messageId: 'x' },
      actionId,
      value,
    });
  }

  /** Posts a one-step bricolage as `user` through the wizard; returns its id. */
  async publish(user: string, title: string): Promise<number> {
    for (const text of ['nouveau', title, 'Le problème qu’il résout', 'Une étape', 'terminé', '1', 'publier']) {
      await this.dm(user, text);
    }
    const row = await this.db.selectFrom('bricolages').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    return row.id;
  }

  /** The last direct message sent to `user`, and its text. */
  last(user: string) {
    const message = this.port.lastDirect(user);
    if (!message) throw new Error(`nothing was sent to ${user}`);
    return message;
  }
}
