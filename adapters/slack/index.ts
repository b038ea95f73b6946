/**
 * The Slack adapter on @slack/bolt 5. HTTP mode (default): Bolt's ExpressReceiver is mounted on the
 * product's one Express app at `POST /slack/events` (events, slash command and interactivity), with
 * `processBeforeResponse` so Slack is only answered once the event is in the inbox. Socket Mode
 * instead when `SLACK_APP_TOKEN` is set, through our own receiver (`socket-receiver.ts`) which
 * likewise acknowledges only once stored. Listeners only translate and `await bot.receive(event)`;
 * the core processes asynchronously and talks back through the `ChatPort` built in `outbound.ts`.
 */
import { App, type Logger as BoltLogger, ExpressReceiver, LogLevel, webApi } from '@slack/bolt';
import type express from 'express';
import { InvalidInboundEventError } from '../../bot/errors.js';
import type { BotCore, ChatPort, InboundEvent } from '../../bot/ports.js';
import type { Config, SlackConfig } from '../../config.js';
import type { Logger } from '../../log.js';
import type { Db } from '../../storage/db.js';
import { eventsFastPath, type SlackEventsRoute, slackEventsRoute } from './events-fast-path.js';
import {
  FORM_CALLBACK_ID,
  fromBlockActions,
  fromEventEnvelope,
  fromSlashCommand,
  fromViewSubmission,
  type InboundContext,
  type SlackBlockActionsBody,
  type SlackEventEnvelope,
  type SlackSlashCommand,
  type SlackViewSubmission,
} from './inbound.js';
import { formModal } from './modal.js';
import { createSlackPort, slackErrorCode } from './outbound.js';
import { type ReconcileResult, reconcileSlack } from './reconcile.js';
import { AckAfterStoreReceiver } from './socket-receiver.js';

type RetryOptions = webApi.RetryOptions;

export interface SlackAdapterOptions {
  /** Web API retry policy (429 with Retry-After, network errors). Tests keep it small. */
  retryConfig?: RetryOptions;
}

export interface SlackAdapterDeps {
  db: Db;
  config: Config;
  slack: SlackConfig;
  bot: BotCore;
  app: express.Express;
  log: Logger;
  options?: SlackAdapterOptions;
}

export interface SlackAdapter {
  port: ChatPort;
  /**
   * Checks that Slack answers (`auth.test`, which also tells who the bot is) and, in Socket Mode,
   * opens the socket; rejects when Slack cannot be reached. Each call is one quick try: `main.ts`
   * runs it in the background and retries (`ops/platforms.ts`), so nothing waits for Slack.
   */
  connect(): Promise<void>;
  stop(): Promise<void>;
  /** Repairs what the Events API missed; `main.ts` runs it as the scheduler job `slack-reconcile`. */
  reconcile(): Promise<ReconcileResult>;
  /** HTTP mode: the events hot path, for `main.ts` to mount on the server's front door before Express. */
  eventsRoute: SlackEventsRoute | null;
}

const DEFAULT_RETRY: RetryOptions = { retries: 5, factor: 2, minTimeout: 1000, maxTimeout: 30_000, randomize: true };

/** Bolt and the WebClient log through ours; their debug output (request bodies) is dropped. */
function boltLogger(log: Logger): BoltLogger {
  const text = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : String(m))).join(' ');
  return {
    debug: () => {},
    info: (...msg) => log.info(text(msg)),
    warn: (...msg) => log.warn(text(msg)),
    error: (...msg) => log.error(text(msg)),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

export function createSlackAdapter(deps: SlackAdapterDeps): SlackAdapter {
  const { db, config, slack, bot, log } = deps;
  const options = deps.options ?? {};
  const logger = boltLogger(log);
  const client = new webApi.WebClient(slack.botToken, {
    slackApiUrl: slack.apiUrl,
    retryConfig: options.retryConfig ?? DEFAULT_RETRY,
    logger,
    timeout: 30_000,
  });
  // The connection check tries once per call (no Web API retries): the caller spaces the retries.
  const probe = new webApi.WebClient(slack.botToken, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    logger,
    timeout: 10_000,
  });
  const port = createSlackPort({ client, config, slack, log });
  bot.registerPort(port);

  /** Who the bot is (auth.test), to drop its own messages; filled at start. */
  const identity: InboundContext = { communityChannelId: slack.channelId };
  const socketMode = slack.appToken !== null;

  // ops: reactions and messages skip Bolt's dispatch (see events-fast-path.ts): on the front door,
  // and inside Express (before Bolt's route) for what the front door does not take.
  const fastPath = { signingSecret: slack.signingSecret, identity, log, receive: (e: InboundEvent | null) => receive(e) };
  if (!socketMode) deps.app.post('/slack/events', eventsFastPath(fastPath));

  // Either way Slack is acknowledged only after `receive` below has stored the event. Socket Mode
  // mounts nothing on Express: `/slack/events` is then left to the gallery (405).
  const receiver = socketMode
    ? new AckAfterStoreReceiver({
        appToken: slack.appToken!,
        slackApiUrl: slack.apiUrl,
        logger,
        retryConfig: options.retryConfig,
      })
    : new ExpressReceiver({
        signingSecret: slack.signingSecret,
        app: deps.app,
        endpoints: '/slack/events',
        processBeforeResponse: true,
        logger,
      });

  const app = new App({
    receiver,
    authorize: async () => ({ botToken: slack.botToken, botId: identity.botId, botUserId: identity.botUserId }),
    logger,
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: options.retryConfig ?? DEFAULT_RETRY },
  });

  /** The inbox insert: resolves once stored, so acknowledging Slack afterwards is safe. */
  async function receive(event: InboundEvent | null): Promise<void> {
    if (!event) return;
    let duplicate: boolean;
    try {
      ({ duplicate } = await bot.receive(event));
    } catch (error) {
      // A translation the core refuses will never become valid: log it and let Slack stop retrying.
      if (error instanceof InvalidInboundEventError) {
        log.error('Slack event refused by the core', { eventId: event.eventId, type: event.type, problem: error.problem });
        return;
      }
      throw error;
    }
    if (duplicate) log.info('Slack redelivery ignored', { eventId: event.eventId, type: event.type });
  }

  app.event('message', async ({ body }) => {
    await receive(fromEventEnvelope(body as unknown as SlackEventEnvelope, identity));
  });
  app.event('reaction_added', async ({ body }) => {
    await receive(fromEventEnvelope(body as unknown as SlackEventEnvelope, identity));
  });
  app.event('reaction_removed', async ({ body }) => {
    await receive(fromEventEnvelope(body as unknown as SlackEventEnvelope, identity));
  });
  app.event('member_joined_channel', async ({ body }) => {
    await receive(fromEventEnvelope(body as unknown as SlackEventEnvelope, identity));
  });

  app.command(/.*/, async ({ command, ack, client: boltClient }) => {
    const body = command as unknown as SlackSlashCommand;
    if (/^(formulaire|form)$/i.test((body.text ?? '').trim()) && body.trigger_id) {
      // A modal must be opened within 3 seconds of the trigger: the adapter does it itself.
      try {
        await boltClient.views.open({
          trigger_id: body.trigger_id,
          view: formModal(config, body.channel_id ?? body.user_id) as never,
        });
        await ack();
        return;
      } catch (error) {
        log.warn('could not open the form modal', { user: body.user_id, code: slackErrorCode(error) });
      }
    }
    await receive(fromSlashCommand(body));
    await ack();
  });

  app.action(/.*/, async ({ body, ack }) => {
    if (body.type === 'block_actions') {
      for (const event of fromBlockActions(body as unknown as SlackBlockActionsBody)) await receive(event);
    }
    await ack();
  });

  app.view(FORM_CALLBACK_ID, async ({ body, ack }) => {
    const submission = body as unknown as SlackViewSubmission;
    const dm = submission.view.private_metadata?.startsWith('D') ? submission.view.private_metadata : submission.user.id;
    await receive(fromViewSubmission(submission, dm));
    await ack();
  });

  app.error(async (error) => {
    // Rethrown so Bolt answers 500 and Slack retries: the event was not stored.
    log.error('Slack event could not be recorded', { code: slackErrorCode(error), error: error.message });
    throw error;
  });

  let running: Promise<ReconcileResult> | null = null;

  async function reconcile(): Promise<ReconcileResult> {
    if (running) return running;
    running = reconcileSlack({ db, bot, client, log, identity }).finally(() => {
      running = null;
    });
    return running;
  }

  async function whoAmI(): Promise<void> {
    let me: Awaited<ReturnType<typeof probe.auth.test>>;
    try {
      me = await probe.auth.test();
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === 'invalid_auth' || code === 'token_revoked' || code === 'account_inactive') {
        throw new Error(`Slack refused the bot token (SLACK_BOT_TOKEN, ${code}): reinstall the app or copy the token again`);
      }
      // A request that never reached Slack carries the network error (ECONNREFUSED…) as its cause.
      const original = (error as { original?: { message?: string; cause?: { code?: string } } }).original;
      const cause = [original?.message, original?.cause?.code].filter(Boolean).join(', ');
      throw new Error(`Slack auth.test failed at ${slack.apiUrl} (${code}${cause ? `: ${cause}` : ''})`);
    }
    identity.botUserId = me.user_id;
    identity.botId = me.bot_id;
    log.info('Slack connected', { team: me.team, botUserId: me.user_id });
  }

  let socketStarted = false;

  return {
    port,
    reconcile,
    eventsRoute: socketMode ? null : slackEventsRoute(fastPath),
    async connect() {
      await whoAmI();
      if (socketMode && !socketStarted) {
        try {
          await app.start();
        } catch (error) {
          throw new Error(
            `Slack Socket Mode could not connect (SLACK_APP_TOKEN, ${slackErrorCode(error) ?? (error as Error).message})`,
          );
        }
        socketStarted = true;
        log.info('Slack Socket Mode connected');
      }
    },
    async stop() {
      await running?.catch(() => undefined);
      if (socketMode && socketStarted)
        await app.stop().catch((error: unknown) => log.warn('Slack Socket Mode stop failed', { code: slackErrorCode(error) }));
    },
  };
}
