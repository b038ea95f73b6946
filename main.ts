/**
 * Composition root: config → database + migrations → one Express app → enabled adapters + gallery
 * → listen. The only module that imports `adapters/`.
 */
import http, { type RequestListener, type Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import express from 'express';
import { createLocalChat } from './adapters/local/index.js';
import { challengeCloseJob } from './bot/challenges/result.js';
import { digestJob } from './bot/digest.js';
import { createBot } from './bot/handle-event.js';
import { provenJob } from './bot/proven.js';
import { remindersJob } from './bot/reminders.js';
import { type Clock, createScheduler, type Scheduler } from './bot/scheduler.js';
import { type Config, ConfigError, configWarnings, isLoopbackInterface, loadConfig, loadDotEnv } from './config.js';
import { createDownloads } from './downloads/index.js';
import { createGallery } from './gallery/index.js';
import { createLogger, type Logger } from './log.js';
import { createFrontDoor } from './ops/front-door.js';
import { apiNotFound, errorHandler, isApiPath, opsRoutes, rateLimits, requestContext } from './ops/http.js';
import { createPlatformMonitor, type PlatformMonitor } from './ops/platforms.js';
import { pruneRetention } from './ops/retention.js';
import { backfillCardImages } from './storage/card-images.js';
import { dataVersionSource } from './storage/data-version.js';
import { type Db, openConfiguredDatabase, prepareSchema, SchemaBehindError } from './storage/db.js';
import { mediaStore } from './storage/media/index.js';
import { listenForNotifications } from './storage/notifications.js';
import { compactSearchIndex } from './storage/search/search.js';
import { seedDemo } from './storage/seed.js';

export interface RunningApp {
  config: Config;
  db: Db;
  /** The base URL the server listens on (real port when PORT=0). */
  url: string;
  /** Resolves once every chat event received so far has been processed (tests, graceful stop). */
  idle(): Promise<void>;
  /** Named jobs (Slack reconciliation, digest, reminders…), started after the bot. */
  scheduler: Scheduler;
  /** Where each configured chat platform stands (checked and retried in the background). */
  platforms: PlatformMonitor;
  stop(): Promise<void>;
}

/** Builds and starts the whole product on `config`; resolves once it listens. */
/** Test hooks: the scheduler's clock and tick period (`tickMs: 0` leaves ticking to the test). */
export interface StartOptions {
  scheduler?: { clock?: Clock; tickMs?: number };
  /** Test hook: the platforms' retry delays. */
  platforms?: { firstDelayMs?: number; maxDelayMs?: number };
}

export async function startApp(
  config: Config,
  log: Logger = createLogger('app'),
  options: StartOptions = {},
): Promise<RunningApp> {
  for (const warning of configWarnings(config)) log.warn(warning);
  // The object store is checked (and its SDK loaded) in the background: start never waits for it;
  // /healthz and /readyz say whether it answers.
  if (config.media.store === 's3') {
    mediaStore(config.media)
      .probe()
      .catch((error: unknown) => log.warn('media store unreachable', { error }));
  }
  const db = openConfiguredDatabase(config);
  const applied = await prepareSchema(db).catch(async (error: unknown) => {
    await db.destroy();
    throw error;
  });
  if (applied.length > 0) log.info('database migrated', { applied });
  if (config.seedDemo) {
    const seeded = await seedDemo(db, config);
    if (seeded > 0) log.info('demo bricolages seeded', { count: seeded });
  }
  // local chat hosts (DNS rebinding): the local chat has no login.
  if (config.localChat && !isLoopbackInterface(config.host)) {
    log.warn(
      `HOST=${config.host} serves the local chat to other machines, and the local chat has NO LOGIN: anyone who reaches ` +
        'this address can act as any demo agent, animateur included. Only for a demo on a trusted network; set ' +
        'LOCAL_CHAT=false (or HOST=127.0.0.1) otherwise. Host names it answers: ' +
        config.localChatHosts.join(', '),
    );
  }
  // Each platform SDK weighs 40–55 MB of memory: loaded only when configured, before listening.
  const slackModule = config.slack ? await import('./adapters/slack/index.js') : null;
  const teamsModule = config.teams ? await import('./adapters/teams/index.js') : null;

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // Never waits for a chat platform: each one is checked and retried in the background (ops/platforms.ts).
  const platforms = createPlatformMonitor({ log: createLogger('platforms'), ...options.platforms });
  // ops: request ids and latency, health and metrics, per-client limits on chat writes
  app.use(requestContext());
  app.use(opsRoutes({ db, config, log: createLogger('http'), platforms: () => platforms.statuses() }));
  const limits = rateLimits(config);
  app.use(['/slack', '/api'], limits.inbound);
  app.use('/chat/api', limits.chatWrites);
  // ops: the Slack events hot path is answered before Express (ops/front-door.ts)
  const front = createFrontDoor(
    app,
    { counter: limits.inboundCounter, perMinute: config.inboundRateLimitPerMinute },
    // The same client address as the app's limiters see (`req.ip`).
    app.get('trust proxy fn'),
    isApiPath,
  );
  // Listen first so that, on PORT=0 (tests), links carry the real port; the front door answers 503
  // until every route below is mounted.
  const server = await listen(front.listener, config.port, config.host);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}`;
  if (!config.publicUrlIsSet && config.port === 0) config = Object.freeze({ ...config, publicUrl: url });

  // PostgreSQL: the instances sharing the database tell each other of changes (page cache, local chat).
  const notifications = config.databaseUrl ? listenForNotifications(config.databaseUrl, createLogger('notifications')) : null;
  const bot = createBot({ db, config, log: createLogger('bot'), notifications });
  const scheduler = createScheduler({ db, log: createLogger('scheduler'), ...options.scheduler });
  const stoppers: (() => Promise<void> | void)[] = [];
  /** A platform's reconciliation; an error it meets is the platform's last error in /readyz. */
  const reconcileJob = (name: 'slack' | 'teams', reconcile: () => Promise<unknown>) => ({
    name: `${name}-reconcile`,
    cron: '*/15 * * * *',
    runAtStart: true,
    run: async () => {
      try {
        await reconcile();
      } catch (error) {
        platforms.noteError(name, error);
        throw error;
      }
    },
  });
  if (slackModule && config.slack) {
    const slack = slackModule.createSlackAdapter({ db, config, slack: config.slack, bot, app, log: createLogger('slack') });
    stoppers.push(() => slack.stop());
    if (slack.eventsRoute) front.post('/slack/events', slack.eventsRoute);
    platforms.connect('slack', () => slack.connect());
    // Repairs what the Events API missed: every 15 minutes, and at start.
    scheduler.add(reconcileJob('slack', () => slack.reconcile()));
  }
  if (teamsModule && config.teams) {
    // Mounts POST /api/messages on this Express app (no call to Microsoft); must come before the gallery below.
    const teams = teamsModule.createTeamsAdapter({ db, config, teams: config.teams, bot, app, log: createLogger('teams') });
    stoppers.push(() => teams.stop());
    await teams.start();
    platforms.connect('teams', () => teams.connect());
    // Repairs what Teams stopped redelivering, through Microsoft Graph: every 15 minutes, and at start.
    scheduler.add(reconcileJob('teams', () => teams.reconcile()));
  }
  if (config.localChat) {
    const local = createLocalChat({ db, config, bot, log: createLogger('local-chat'), notifications });
    app.use('/chat', local.router);
    stoppers.push(() => local.stop());
  }
  // `mes données` exports, by unguessable expiring token.
  app.use(createDownloads({ db }));
  // Animation: the weekly digest and the draft reminders, through every chat port that is on.
  const animation = { db, config, log: createLogger('animation'), ports: () => bot.ports() };
  scheduler.add(digestJob(animation));
  scheduler.add(remindersJob(animation));
  // Proven: bricolages that proved themselves in other mairies, announced once.
  scheduler.add(provenJob(animation));
  // Défis: closed and announced at their end date, once.
  scheduler.add(challengeCloseJob(animation));
  // ops: retention of processed inbox rows, orphan local uploads and expired questions, nightly
  scheduler.add({
    name: 'retention',
    cron: '30 3 * * *',
    run: async () => {
      const pruned = await pruneRetention(db, config);
      log.info('retention pruned', { ...pruned });
    },
  });
  // Search: each write adds a segment to the full-text index and FTS5 merges them only by fours, so
  // a live index drifts to a dozen; every word looked up pays once per segment (the "Ça existe
  // déjà ?" suggestion looks up some fifteen). Merged back into one nightly: about 2 s at 100,000
  // bricolages, and nothing when no write came since (PostgreSQL keeps its own index: nothing to do).
  scheduler.add({
    name: 'search-index',
    cron: '15 4 * * *',
    run: () => compactSearchIndex(db),
  });
  // Cards: photos stored before the chat-card JPEG get one, once, in the background (storage/card-images.ts);
  // stopping aborts it between photos, and the next start goes on.
  const cardImages = new AbortController();
  scheduler.add({
    name: 'card-images',
    cron: '45 3 * * *',
    runAtStart: true,
    run: async () => {
      const result = await backfillCardImages(db, mediaStore(config.media), { signal: cardImages.signal });
      if (result.ran) log.info('card images backfilled', { ...result });
    },
  });
  // ops: unknown API routes answer JSON 404 before the gallery's pages
  app.use(apiNotFound());
  // Last: the gallery answers 405 to anything that is not GET/HEAD, so it must not shadow adapters.
  app.use(createGallery({ db, config, dataVersion: dataVersionSource(db, notifications) }));
  // ops: whatever escaped a router answers without internals
  app.use(errorHandler({ db, config, log: createLogger('http') }));
  front.open();
  await bot.start();
  for (const job of bot.jobs()) scheduler.add(job);
  await scheduler.start();

  return {
    config,
    db,
    url,
    idle: () => bot.idle(),
    scheduler,
    platforms,
    async stop() {
      platforms.stop();
      // Draining: no new connection; idle keep-alive ones close now, requests under way get their
      // answer (at most REQUEST_DRAIN_MS); the local chat's live streams end (pages reconnect).
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      cardImages.abort();
      for (const stop of stoppers.reverse()) await stop();
      const drained = await Promise.race([closed.then(() => true), delay(REQUEST_DRAIN_MS).then(() => false)]);
      if (!drained) server.closeAllConnections();
      await closed;
      await scheduler.stop();
      // The events in flight finish; those waiting stay in the inbox for the next start or another instance.
      await bot.stop();
      await notifications?.close();
      await db.destroy();
    },
  };
}

/** How long requests under way may take to finish once stopping (SIGTERM exits within STOP_DEADLINE_MS). */
const REQUEST_DRAIN_MS = 5000;
const STOP_DEADLINE_MS = 9500;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function listen(listener: RequestListener, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(listener);
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

async function main(): Promise<void> {
  const log = createLogger('app');
  loadDotEnv();
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error — ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  let running: RunningApp;
  try {
    running = await startApp(config, log);
  } catch (error) {
    // A clear message for the operator, not a stack trace: the schema is behind this version.
    if (error instanceof SchemaBehindError) {
      console.error(`Database error — ${error.message}`);
      process.exit(3);
    }
    throw error;
  }
  const base = running.config.publicUrl;
  console.log(`\nL'agent bricoleur is running.\n  Gallery:    ${base}/`);
  if (config.localChat) console.log(`  Local chat: ${base}/chat`);
  if (config.slack) console.log(`  Slack:      ${config.slack.appToken ? 'Socket Mode' : `${base}/slack/events`}`);
  if (config.teams) console.log(`  Teams:      ${base}/api/messages`);
  console.log(`  Health:     ${base}/healthz (liveness), ${base}/readyz (database, media, chat platforms)`);
  console.log('');
  if (config.localChat && !isLoopbackInterface(config.host)) {
    console.warn(
      `  WARNING: HOST=${config.host} — the local chat has NO LOGIN and is open to every machine that reaches this one.\n` +
        '  Anyone there can act as any demo agent, animateur included. Use it only for a demo on a trusted network;\n' +
        '  otherwise set LOCAL_CHAT=false or HOST=127.0.0.1.\n',
    );
  }
  const shutdown = () => {
    // A load balancer gives an instance 10 s after SIGTERM: whatever still hangs is cut short.
    setTimeout(() => {
      log.error('stop took too long; exiting', { afterMs: STOP_DEADLINE_MS });
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    running.stop().then(
      () => process.exit(0),
      (error) => {
        log.error('stop failed', { error });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
