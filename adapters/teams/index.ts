/**
 * The Microsoft Teams adapter on the Teams SDK v2 (`@microsoft/teams.apps`). The SDK's App is mounted
 * on the product's one Express app through its `ExpressAdapter` and `app.initialize()` (never
 * `app.start()`: the server is ours), so `POST /api/messages` shares the port. The SDK validates the
 * inbound JWT whenever credentials are configured; `TEAMS_ALLOW_UNAUTHENTICATED` (refused in
 * production by `config.ts`) is the only way around it. The handler only translates and awaits
 * `bot.receive` (the inbox insert) before Teams gets its 200, so a redelivery after a timeout hits
 * the inbox's unique key; the core processes asynchronously and talks back through `outbound.ts`.
 */
import { ExpressAdapter, App as TeamsApp } from '@microsoft/teams.apps';
import type { ILogger } from '@microsoft/teams.common';
import type express from 'express';
import { InvalidInboundEventError, MalformedPayloadError } from '../../bot/errors.js';
import type { BotCore, ChatPort } from '../../bot/ports.js';
import type { Config, TeamsConfig } from '../../config.js';
import type { Logger } from '../../log.js';
import type { Db } from '../../storage/db.js';
import type { TeamsMessage } from './cards.js';
import { fromActivity, type TeamsActivity } from './inbound.js';
import { type Connector, createTeamsPort } from './outbound.js';
import { type ReconcileResult, reconcileTeams } from './reconcile.js';
import type { RetryPolicy } from './retry.js';

export interface TeamsAdapterOptions {
  retry?: RetryPolicy;
}

export interface TeamsAdapterDeps {
  db: Db;
  config: Config;
  teams: TeamsConfig;
  bot: BotCore;
  app: express.Express;
  log: Logger;
  options?: TeamsAdapterOptions;
}

export interface TeamsAdapter {
  port: ChatPort;
  /** Mounts `POST /api/messages` on the Express app (local work: no call to Microsoft). */
  start(): Promise<void>;
  /**
   * Checks that the bot can get its Bot Connector token from Microsoft (with credentials; nothing to
   * check in unauthenticated mode); rejects when it cannot. `main.ts` runs it in the background and
   * retries (`ops/platforms.ts`), so nothing waits for Microsoft.
   */
  connect(): Promise<void>;
  stop(): Promise<void>;
  /** Repairs what Teams did not redeliver; `main.ts` runs it as the scheduler job `teams-reconcile`. */
  reconcile(): Promise<ReconcileResult>;
}

const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** The SDK logs through ours; its debug output (activity bodies) is dropped. */
function sdkLogger(log: Logger): ILogger {
  const text = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : String(m))).join(' ');
  const logger: ILogger = {
    debug: () => {},
    trace: () => {},
    info: (...msg) => log.info(text(msg)),
    warn: (...msg) => log.warn(text(msg)),
    error: (...msg) => log.error(text(msg)),
    log: (level, ...msg) => {
      if (level === 'error' || level === 'warn' || level === 'info') logger[level](...msg);
    },
    child: () => logger,
  };
  return logger;
}

/**
 * A placeholder bearer for unauthenticated mode (Agents Playground, tests): an unsigned JWT that no
 * Microsoft service would accept. It is minted locally, so no Microsoft login is ever attempted.
 */
function unsignedToken(appId: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ aud: appId, iss: 'agent-bricoleur-unauthenticated', iat: now, exp: now + 3600 })}.`;
}

export function createTeamsAdapter(deps: TeamsAdapterDeps): TeamsAdapter {
  const { db, config, teams, bot, log } = deps;
  const options = deps.options ?? {};
  const logger = sdkLogger(log);

  if (teams.allowUnauthenticated) {
    log.warn(
      'TEAMS_ALLOW_UNAUTHENTICATED=true: /api/messages accepts UNSIGNED activities and nothing is sent with a real token. ' +
        'Only for the Agents Playground and tests; never expose this server.',
    );
  }

  const sdk = new TeamsApp({
    httpServerAdapter: new ExpressAdapter(deps.app, { logger }),
    logger,
    clientId: teams.appId,
    ...(teams.allowUnauthenticated
      ? { token: async () => unsignedToken(teams.appId), dangerouslyAllowUnauthenticatedRequests: true }
      : { clientSecret: teams.appPassword!, tenantId: teams.tenantId ?? undefined }),
    serviceUrl: teams.serviceUrl,
    messagingEndpoint: '/api/messages',
  });

  const api = sdk.api;
  const connector: Connector = {
    async create(conversationId, activity: TeamsMessage) {
      const res = await api.conversations.activities(conversationId).create(activity as never);
      return { id: res.id };
    },
    async update(conversationId, activityId, activity) {
      await api.conversations.activities(conversationId).update(activityId, activity as never);
    },
    async remove(conversationId, activityId) {
      await api.conversations.activities(conversationId).delete(activityId);
    },
    async openPersonal(userId) {
      const res = await api.conversations.create({
        isGroup: false,
        bot: { id: teams.appId },
        members: [{ id: userId, role: 'user', name: '' }],
        ...(teams.tenantId ? { tenantId: teams.tenantId } : {}),
      });
      return res.id;
    },
    async member(userId) {
      const member = await api.conversations.members(teams.channelId).getById(userId);
      return member?.name ? { name: member.name } : null;
    },
    async graphToken() {
      return (await sdk.tokenProvider.getAppToken(GRAPH_SCOPE, teams.tenantId ?? undefined))?.toString() ?? null;
    },
    async token() {
      const token = await sdk.tokenProvider.getAppToken();
      return token ? token.toString() : null;
    },
  };

  const personalChats = new Map<string, string>();
  const port = createTeamsPort({ connector, config, teams, log, retry: options.retry, personalChats });
  bot.registerPort(port);

  // Every activity the SDK lets through (signed, or the explicit unauthenticated switch) ends here.
  sdk.use(async (ctx) => {
    const activity = ctx.activity as unknown as TeamsActivity;
    let events: ReturnType<typeof fromActivity>;
    try {
      events = fromActivity(activity, { botId: ctx.activity.recipient?.id });
    } catch (error) {
      if (error instanceof MalformedPayloadError) {
        log.warn('Teams activity refused', { problem: error.problem });
        return { status: 400, body: { error: 'malformed activity' } };
      }
      throw error;
    }
    // Remember personal chats, so replies go to the conversation the agent wrote from.
    if (
      activity.conversation?.conversationType === 'personal' &&
      events[0] &&
      ('ref' in events[0] || events[0].type === 'memberJoined')
    ) {
      personalChats.set(events[0].user.id, activity.conversation.id!);
    }
    for (const event of events) {
      try {
        const { duplicate } = await bot.receive(event);
        if (duplicate) log.info('Teams redelivery ignored', { eventId: event.eventId, type: event.type });
      } catch (error) {
        // A translation the core refuses will never become valid: say so, and let Teams stop retrying.
        if (error instanceof InvalidInboundEventError) {
          log.error('Teams activity refused by the core', { eventId: event.eventId, problem: error.problem });
          return { status: 400, body: { error: 'invalid activity' } };
        }
        // Not stored: a 500 makes Teams deliver it again.
        throw error;
      }
    }
    return { status: 200, body: {} };
  });

  sdk.event('error', ({ error }) => {
    log.error('Teams activity could not be recorded', { error: error.message });
  });

  let running: Promise<ReconcileResult> | null = null;

  async function reconcile(): Promise<ReconcileResult> {
    if (running) return running;
    running = reconcileTeams({
      db,
      bot,
      teams,
      log,
      retry: options.retry,
      graphToken: () => connector.graphToken(),
    }).finally(() => {
      running = null;
    });
    return running;
  }

  return {
    port,
    reconcile,
    async start() {
      // Registers `POST /api/messages` on our Express app (ExpressAdapter), before the gallery's catch-all.
      await sdk.initialize();
      // A body that is not JSON fails in the SDK's `express.json()`: answer 400 without a stack trace.
      deps.app.use(
        '/api/messages',
        (error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
          if (res.headersSent) return next(error);
          const status = (error as { status?: number }).status;
          res.status(status && status >= 400 && status < 500 ? status : 400).json({ error: 'bad request' });
        },
      );
      if (!teams.teamId) log.warn('TEAMS_TEAM_ID is not set: the reconciliation through Microsoft Graph is off');
    },
    async connect() {
      if (teams.allowUnauthenticated) return;
      if (!(await connector.token())) throw new Error('Microsoft gave no Bot Connector token (TEAMS_APP_ID, TEAMS_APP_PASSWORD)');
    },
    async stop() {
      await running?.catch(() => undefined);
    },
  };
}
