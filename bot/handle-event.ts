/**
 * The one entry point adapters call. An event is stored in the inbox first (so acknowledging the
 * platform never loses it and a redelivery is dropped), then processed in order per agent: photos
 * are fetched, the event's writes and its "processed" mark commit in one transaction, and only then
 * are the replies sent.
 */
import { ensureAgent, findAgent, updateAgent } from '../storage/agents.js';
import { isProcessed, listUnprocessed, markProcessed, recordInbound } from '../storage/inbox.js';
import type { Agent, InboxRow } from '../storage/schema.js';
import { converse } from './conversation.js';
import { deleted, edited, reacted, repliedInThread } from './engagement.js';
import { submitForm } from './form.js';
import { KeyedQueue } from './keyed-queue.js';
import { t } from './messages/index.js';
import { type ReceivedPhotos, receivePhotos } from './photos.js';
import type { BotCore, ChatPort, InboundEvent } from './ports.js';
import { retryUnposted } from './publish.js';
import { type BotDeps, createTurn, localeOf } from './turn.js';
import { validateEvent } from './validate-event.js';

export interface Bot extends BotCore {
  /** Replays what was stored but not processed, and retries unposted publications. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The ports registered so far: scheduled jobs (digest, reminders) post through them. */
  ports(): ChatPort[];
}

export function createBot(deps: BotDeps): Bot {
  const ports = new Map<string, ChatPort>();
  const queue = new KeyedQueue();
  const { db, log } = deps;

  function schedule(row: Pick<InboxRow, 'id'>, event: InboundEvent): void {
    queue.run(`${event.platform}:${event.user.id}`, () => processRow(row.id, event));
  }

  async function processRow(rowId: number, event: InboundEvent): Promise<void> {
    const port = ports.get(event.platform);
    if (!port) {
      log.warn('no chat port for platform; event left for a later start', { platform: event.platform, eventId: event.eventId });
      return;
    }
    // A row received while `start()` replays is queued twice; one agent's rows run in order, so the
    // second run finds it processed.
    if (await isProcessed(db, rowId)) return;
    const pending: (() => Promise<void>)[] = [];
    let agent: Agent | undefined;
    try {
      agent = await resolveAgent(port, event);
      const photos = 'photos' in event ? await receivePhotos({ db, config: deps.config, log }, port, event.photos) : noPhotos;
      await db.transaction().execute(async (trx) => {
        const turn = createTurn(deps, trx, agent!, port, pending);
        await route(turn, event, photos);
        await markProcessed(trx, rowId);
      });
    } catch (error) {
      log.error('event processing failed', { platform: event.platform, eventId: event.eventId, type: event.type, error });
      await markProcessed(db, rowId, error instanceof Error ? error.message : String(error)).catch(() => undefined);
      if (agent && isConversational(event)) {
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
      displayName: profile?.name || event.user.name || event.user.id,
      mairie: profile?.mairie ?? null,
      locale: locale ?? (profile?.locale === 'en' || profile?.locale === 'fr' ? profile.locale : null),
    });
  }

  return {
    async receive(event) {
      const problem = validateEvent(event);
      if (problem) throw new TypeError(`invalid inbound event: ${problem}`);
      const rowId = await recordInbound(db, event);
      if (rowId === null) return { duplicate: true };
      schedule({ id: rowId }, event);
      return { duplicate: false };
    },
    registerPort(port) {
      ports.set(port.platform, port);
    },
    idle: () => queue.idle(),
    ports: () => [...ports.values()],
    async start() {
      const rows = await listUnprocessed(db, [...ports.keys()]);
      if (rows.length > 0) log.info('replaying inbound events stored before the last stop', { count: rows.length });
      for (const row of rows) schedule(row, JSON.parse(row.payload) as InboundEvent);
      await queue.idle();
      const reposted = await retryUnposted(deps, ports);
      if (reposted > 0) log.info('posted bricolages that had not reached the chat', { count: reposted });
    },
    async stop() {
      await queue.idle();
    },
  };
}

const noPhotos: ReceivedPhotos = { hashes: [], refused: [] };

function isConversational(event: InboundEvent): boolean {
  return ['directMessage', 'slashCommand', 'buttonPressed', 'formSubmitted'].includes(event.type);
}

async function route(turn: ReturnType<typeof createTurn>, event: InboundEvent, photos: ReceivedPhotos): Promise<void> {
  switch (event.type) {
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
