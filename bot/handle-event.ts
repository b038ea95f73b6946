/**
 * The one entry point adapters call. An event is stored in the inbox first (group commit: so
 * acknowledging the platform never loses it and a redelivery is dropped), then processed apart from
 * the acknowledgement, in order per agent and in parallel across agents: photos are fetched, the
 * event's writes and its "processed" mark commit in one transaction, and only then are the replies
 * sent. A failing event is retried with backoff, then kept aside, never blocking the agent's later
 * events; a restart resumes the retries.
 * On PostgreSQL several instances share the inbox: an instance processes an agent's rows under a
 * claim (`storage/inbox-claims.ts`), so the agent's order holds across instances, and a sweep takes
 * over the rows a killed instance left. Stopping finishes the events in flight and leaves the rest
 * in the inbox (the next start, or another instance, processes them).
 */
import os from 'node:os';

import { stripControlCharacters } from '../domain/control-characters.js';
import { metrics } from '../metrics.js';
import { ensureAgent, findAgent, updateAgent } from '../storage/agents.js';
import { engineOf } from '../storage/dialect.js';
import {
  checkpointWal,
  createInboxWriter,
  isPending,
  listDueRetries,
  listUnprocessed,
  markProcessed,
  nextRetryAt,
  recordFailure,
  takeOverCheckpoints,
} from '../storage/inbox.js';
import { agentKeyOf, claimNextOfAgent, listUnclaimedAgents, releaseClaim, renewClaim } from '../storage/inbox-claims.js';
import type { DatabaseNotifications } from '../storage/notifications.js';
import type { Agent, InboxRow } from '../storage/schema.js';
import { converse } from './conversation.js';
import { deleted, edited, reacted, repliedInThread } from './engagement.js';
import { InvalidInboundEventError } from './errors.js';
import { submitForm } from './form.js';
import { KeyedQueue } from './keyed-queue.js';
import { t } from './messages/index.js';
import { type ReceivedPhotos, receivePhotos } from './photos.js';
import type { BotCore, ChatPort, InboundEvent } from './ports.js';
import { DEFAULT_PACING, ProcessingPacer } from './processing-pacer.js';
import { progressJob } from './progress.js';
import { retryUnposted } from './publish.js';
import type { ScheduledJob } from './scheduler.js';
import { type BotDeps, createTurn, localeOf } from './turn.js';
import { cleanEvent, validateEvent } from './validate-event.js';
import { welcomeNewcomer } from './welcome.js';

export interface Bot extends BotCore {
  /** Replays what was stored but not processed, and retries unposted publications. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The ports registered so far: scheduled jobs (digest, reminders) post through them. */
  ports(): ChatPort[];
  /** The core's scheduled jobs (progress announcements…), for `main.ts` to add to the scheduler. */
  jobs(): ScheduledJob[];
}

/**
 * `notifications` (PostgreSQL): replies wait until this instance has heard its own commit, so the
 * gallery an agent opens from a reply already shows what the turn wrote.
 */
export function createBot(deps: BotDeps & { notifications?: DatabaseNotifications | null }): Bot {
  const ports = new Map<string, ChatPort>();
  // At most 16 agents' events in progress at once: a burst waits in the inbox, not in memory.
  const queue = new KeyedQueue(16);
  const { db, log } = deps;
  const inbox = createInboxWriter(db);
  // PostgreSQL: rows are claimed per agent (several instances); agents whose claim loop is queued.
  const claims = engineOf(db) === 'postgres';
  // Acknowledging first: processing's database work runs in short slices while events arrive (on
  // PostgreSQL a few steps at once: each mostly waits on the network, leaving the loop to the acks).
  const pacer = new ProcessingPacer({ ...DEFAULT_PACING, concurrency: claims ? POSTGRES_STEPS_AT_ONCE : 1 });
  /** Rows queued or running, so a retry sweep never queues one twice. */
  const inFlight = new Set<number>();
  const instance = `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const queuedAgents = new Set<string>();
  let claimSweepTimer: NodeJS.Timeout | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let checkpointTimer: NodeJS.Timeout | null = null;
  let lastCheckpoint = 0;
  let stopped = false;
  const policy = {
    maxAttempts: deps.config.inboxMaxAttempts,
    backoffMs: (attempts: number) => Math.min(deps.config.inboxRetryBaseMs * 2 ** (attempts - 1), 5 * 60_000),
  };

  function schedule(row: Pick<InboxRow, 'id'>, event: InboundEvent): void {
    if (claims) return scheduleAgent(agentKeyOf(event));
    if (inFlight.has(row.id)) return;
    inFlight.add(row.id);
    void queue.run(agentKeyOf(event), () => processRow(row.id, event).finally(() => inFlight.delete(row.id)));
  }

  /**
   * PostgreSQL: processes the agent's rows, whichever instance received them, one claim at a time,
   * until none is due or another instance holds one. Queued again when one is already running, so
   * a row committed just after its last claim is not left to the sweep.
   */
  function scheduleAgent(key: string): void {
    if (queuedAgents.has(key)) return;
    queuedAgents.add(key);
    void queue.run(key, async () => {
      queuedAgents.delete(key);
      try {
        while (!stopped) {
          const row = await pacer.run(() => claimNextOfAgent(db, key, instance, deps.config.inboxLeaseMs));
          if (!row) return;
          // Not this instance's platform (not configured here): left to one that has it.
          if (!ports.has(row.platform)) return await releaseClaim(db, row.id, instance);
          // Held while it runs, however long: another instance takes it over only from a dead one.
          const lease = deps.config.inboxLeaseMs;
          const renewal = setInterval(
            () => void renewClaim(db, row.id, instance, lease).catch((error) => log.warn('claim renewal failed', { error })),
            lease / 3,
          );
          try {
            await processRow(row.id, JSON.parse(row.payload) as InboundEvent);
          } finally {
            clearInterval(renewal);
          }
          // Held until answered: the agent's next event, wherever it arrived, waits for the replies.
          await releaseClaim(db, row.id, instance);
        }
      } catch (error) {
        // The rows stay in the inbox: the next event of the agent, or the sweep, claims them again.
        log.error('claiming inbound events failed', { agent: key, error });
      }
    });
  }

  /** PostgreSQL: claims what a killed or stopped instance left (its leases expired). */
  async function sweepClaims(): Promise<void> {
    if (stopped) return;
    try {
      const agents = await listUnclaimedAgents(db, [...ports.keys()], CLAIM_GRACE_MS);
      for (const key of agents) scheduleAgent(key);
    } catch (error) {
      log.error('claim sweep failed', { error });
    }
  }

  /** Queues the retries that are due, then sleeps until the next one (at most a minute). */
  async function sweepRetries(): Promise<void> {
    retryTimer = null;
    if (stopped) return;
    try {
      const rows = await listDueRetries(db, [...ports.keys()]);
      for (const row of rows) schedule(row, JSON.parse(row.payload) as InboundEvent);
    } catch (error) {
      log.error('retry sweep failed', { error });
    }
    await armRetryTimer();
  }

  async function armRetryTimer(): Promise<void> {
    if (stopped) return;
    const next = await nextRetryAt(db).catch(() => null);
    const delay = next ? Math.max(Date.parse(next) - Date.now(), 10) : 60_000;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void sweepRetries(), Math.min(delay, 60_000));
    retryTimer.unref();
  }

  /** WAL checkpoints between bursts (see `takeOverCheckpoints`), at least every CHECKPOINT_MAX_MS. */
  function checkpointWhenQuiet(): void {
    if (pacer.busy() && Date.now() - lastCheckpoint < CHECKPOINT_MAX_MS) return;
    lastCheckpoint = Date.now();
    checkpointWal(db).catch((error) => log.warn('WAL checkpoint failed', { error }));
  }

  async function processRow(rowId: number, event: InboundEvent): Promise<void> {
    const port = ports.get(event.platform);
    if (!port || stopped) {
      if (!port)
        log.warn('no chat port for platform; event left for a later start', { platform: event.platform, eventId: event.eventId });
      if (claims) await releaseClaim(db, rowId, instance).catch(() => undefined);
      return;
    }
    // A row received while `start()` replays may be queued twice; one agent's rows run in order,
    // so the second run finds it processed (a claimed row is pending: its claim said so).
    if (!claims && !(await pacer.run(() => isPending(db, rowId)))) return;
    const pending: (() => Promise<void>)[] = [];
    let agent: Agent | undefined;
    try {
      agent = await resolveAgent(port, event);
      const photos = 'photos' in event ? await receivePhotos({ db, config: deps.config, log }, port, event.photos) : noPhotos;
      await pacer.run(() =>
        db.transaction().execute(async (trx) => {
          // First: holds the row, so another instance's processing of it waits, then rolls back.
          if (!(await markProcessed(trx, rowId))) throw new AlreadyProcessed();
          const turn = createTurn(deps, trx, agent!, port, pending);
          await route(turn, event, photos);
        }),
      );
      metrics.eventsProcessed.inc({ platform: event.platform });
      if (pending.length > 0) await deps.notifications?.caughtUp();
    } catch (error) {
      if (error instanceof AlreadyProcessed) return;
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const outcome = await recordFailure(db, rowId, message, policy).catch(() => null);
      metrics.eventsFailed.inc({ platform: event.platform, outcome: outcome?.setAside ? 'set_aside' : 'retry' });
      log.error(outcome?.setAside ? 'event processing failed; kept aside' : 'event processing failed; will retry', {
        platform: event.platform,
        eventId: event.eventId,
        type: event.type,
        attempts: outcome?.attempts,
        error,
      });
      if (outcome && !outcome.setAside) void armRetryTimer();
      // The agent hears of it once, on the first failure; a later retry answers normally.
      if (agent && isConversational(event) && outcome?.attempts === 1) {
        const text = t(localeOf(agent, deps.config), 'somethingWentWrong');
        pending.splice(0, pending.length, () => port.sendDirect(agent!.platform_user_id, { text }).then(() => undefined));
      } else {
        pending.length = 0;
      }
    }
    for (const work of pending) {
      await work().catch((error) =>
        log.error('sending to chat failed', { platform: event.platform, eventId: event.eventId, error }),
      );
    }
  }

  /** The agent behind an event, created on first sight with what the platform knows of them. */
  async function resolveAgent(port: ChatPort, event: InboundEvent): Promise<Agent> {
    const known = await findAgent(db, event.platform, event.user.id);
    const locale = event.user.locale === 'fr' || event.user.locale === 'en' ? event.user.locale : null;
    if (known && locale && known.locale !== locale) {
      // The agent switched their chat client's language: answer in the new one.
      await updateAgent(db, known.id, { locale });
      return { ...known, locale };
    }
    if (known) return known;
    const profile = await port.profile(event.user.id).catch((error) => {
      log.warn('profile lookup failed', { platform: event.platform, userId: event.user.id, error });
      return null;
    });
    return ensureAgent(db, {
      platform: event.platform,
      platformUserId: event.user.id,
      displayName: stripControlCharacters(profile?.name || event.user.name || event.user.id),
      mairie: profile?.mairie ?? null,
      locale: locale ?? (profile?.locale === 'en' || profile?.locale === 'fr' ? profile.locale : null),
    });
  }

  return {
    async receive(given) {
      const problem = validateEvent(given);
      if (problem) throw new InvalidInboundEventError(problem);
      const event = cleanEvent(given);
      metrics.eventsReceived.inc({ platform: event.platform });
      pacer.noteIngress();
      const rowId = await inbox.record(event);
      metrics.eventsAcknowledged.inc({ platform: event.platform, duplicate: rowId === null ? 'true' : 'false' });
      if (rowId === null) return { duplicate: true };
      if (!stopped) schedule({ id: rowId }, event);
      return { duplicate: false };
    },
    registerPort(port) {
      ports.set(port.platform, port);
    },
    idle: () => queue.idle(),
    ports: () => [...ports.values()],
    jobs: () => [progressJob(deps, (platform) => ports.get(platform))],
    async start() {
      if (claims) {
        claimSweepTimer = setInterval(() => void sweepClaims(), Math.min(CLAIM_SWEEP_MS, deps.config.inboxLeaseMs));
        claimSweepTimer.unref();
      }
      await takeOverCheckpoints(db);
      checkpointTimer = setInterval(checkpointWhenQuiet, CHECKPOINT_EVERY_MS);
      checkpointTimer.unref();
      const rows = await listUnprocessed(db, [...ports.keys()]);
      if (rows.length > 0) log.info('replaying inbound events stored before the last stop', { count: rows.length });
      for (const row of rows) schedule(row, JSON.parse(row.payload) as InboundEvent);
      await queue.idle();
      await armRetryTimer();
      const reposted = await retryUnposted(deps, ports);
      if (reposted > 0) log.info('posted bricolages that had not reached the chat', { count: reposted });
    },
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      if (checkpointTimer) clearInterval(checkpointTimer);
      checkpointTimer = null;
      if (claimSweepTimer) clearInterval(claimSweepTimer);
      claimSweepTimer = null;
      await inbox.drain();
      await queue.idle();
    },
  };
}

/** How often the WAL is checkpointed between bursts, and at the latest during a long one. */
const CHECKPOINT_EVERY_MS = 250;
const CHECKPOINT_MAX_MS = 5000;

/** PostgreSQL: processing steps under way at once per instance (well under the pool's 10 connections). */
const POSTGRES_STEPS_AT_ONCE = 4;

/** PostgreSQL: how often an instance looks for rows no live instance holds, and how old they must be. */
const CLAIM_SWEEP_MS = 1000;
const CLAIM_GRACE_MS = 1000;

/** The row was processed elsewhere meanwhile: its transaction rolls back, and nothing is sent. */
class AlreadyProcessed extends Error {}

const noPhotos: ReceivedPhotos = { hashes: [], refused: [] };

function isConversational(event: InboundEvent): boolean {
  return ['directMessage', 'slashCommand', 'buttonPressed', 'formSubmitted'].includes(event.type);
}

async function route(turn: ReturnType<typeof createTurn>, event: InboundEvent, photos: ReceivedPhotos): Promise<void> {
  // Slack welcomes an agent on their first message too (they may never have joined the channel).
  if (event.platform === 'slack' && (event.type === 'directMessage' || event.type === 'slashCommand'))
    await welcomeNewcomer(turn);
  switch (event.type) {
    case 'memberJoined':
      return welcomeNewcomer(turn);
    case 'directMessage':
      return converse(turn, { kind: 'message', text: event.text, photos });
    case 'slashCommand':
      return converse(turn, { kind: 'slash', text: event.text });
    case 'buttonPressed':
      return converse(turn, { kind: 'button', actionId: event.actionId, value: event.value });
    case 'formSubmitted':
      return submitForm(turn, event.form, photos);
    case 'reactionAdded':
    case 'reactionRemoved':
      return reacted(turn, event.target, event.emoji, event.type === 'reactionAdded');
    case 'threadReply':
      return repliedInThread(turn, event.ref, event.parent, event.text, photos, event.at);
    case 'messageEdited':
      return edited(turn, event.ref, event.text, event.at);
    case 'messageDeleted':
      return deleted(turn, event.ref);
  }
}
