/**
 * The Teams `ChatPort`: product intents turned into Bot Connector calls (proactive sends with the
 * bot's credentials, through the Teams SDK's API client wrapped as a `Connector`). Card photos are
 * the chat-card JPEG (Teams takes no WebP in cards, and 1024×1024 at most): Teams clients load card
 * images themselves, so with PUBLIC_URL set the card points at the gallery; otherwise (a gallery on
 * localhost that Teams cannot reach) a small JPEG is inlined as a data URI, as large as the
 * activity's byte budget allows, or left out (`budget.ts`).
 */
import sharp from 'sharp';
import type { ChatPort, MessageRef, OutboundMessage } from '../../bot/ports.js';
import type { Config, TeamsConfig } from '../../config.js';
import type { Logger } from '../../log.js';
import { type MediaStore, mediaStore } from '../../storage/media/index.js';
import { cardImage, ensureCardImage } from '../../storage/photos.js';
import { type FittedMessage, fitMessage } from './budget.js';
import type { TeamsMessage } from './cards.js';
import { downloadTeamsPhoto } from './files.js';
import { httpFailure, type RetryPolicy, withRetry } from './retry.js';

/** The Bot Connector operations the port needs; `index.ts` implements them with the Teams SDK. */
export interface Connector {
  create(conversationId: string, activity: TeamsMessage): Promise<{ id: string }>;
  update(conversationId: string, activityId: string, activity: TeamsMessage): Promise<void>;
  remove(conversationId: string, activityId: string): Promise<void>;
  /** Opens (or finds) the personal chat between the bot and a user; returns its conversation id. */
  openPersonal(userId: string): Promise<string>;
  /** A member of the team channel by Entra object id (its display name), or null when unknown. */
  member(userId: string): Promise<{ name: string } | null>;
  /** The bot's current connector token, for inline image downloads; null when none. */
  token(): Promise<string | null>;
  /** The app's Microsoft Graph token (reconciliation reads, hosted images); null when none. */
  graphToken(): Promise<string | null>;
}

export interface TeamsPortDeps {
  connector: Connector;
  config: Config;
  teams: TeamsConfig;
  log: Logger;
  retry?: RetryPolicy;
  /** Personal conversation ids learnt from inbound messages (user id → conversation id). */
  personalChats: Map<string, string>;
}

/** The inline photo's sizes, tried largest first until the activity fits its budget (box side, JPEG quality). */
const INLINE_SIZES: readonly (readonly [number, number])[] = [
  [480, 60],
  [320, 50],
  [240, 40],
  [160, 40],
];

/** A JPEG data URI of a stored photo's card JPEG, within a `box`-pixel square; null when it cannot be read. */
export async function inlineImage(store: MediaStore, hash: string, box: number, quality: number): Promise<string | null> {
  try {
    const card = await cardImage(store, hash);
    if (!card) return null;
    const jpeg = await sharp(card)
      .resize({ width: box, height: box, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality })
      .toBuffer();
    return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
  } catch {
    return null;
  }
}

/** A channel thread is addressed as `<channel id>;messageid=<root id>`. */
export function threadConversation(channelId: string, rootId: string): string {
  return `${channelId};messageid=${rootId}`;
}

export function createTeamsPort(deps: TeamsPortDeps): ChatPort {
  const { connector, config, teams, log, personalChats } = deps;

  /** The card photo's candidates for the budget: the gallery's JPEG, or inline ones smaller and smaller. */
  function images(message: OutboundMessage): (() => Promise<string | null>)[] {
    const cover = message.card?.coverPhoto;
    if (!cover) return [];
    if (config.publicUrlIsSet) {
      return [async () => ((await ensureCardImage(mediaStore(config.media), cover.hash)) ? cover.cardImageUrl : null)];
    }
    return INLINE_SIZES.map(
      ([box, quality]) =>
        () =>
          inlineImage(mediaStore(config.media), cover.hash, box, quality),
    );
  }

  function render(message: OutboundMessage, sendApart: boolean): Promise<FittedMessage> {
    return fitMessage(message, { images: images(message), sendApart });
  }

  /** Sends what must come first (whole steps, the start of a long text), then the message itself. */
  async function send(what: string, conversationId: string, context: Record<string, unknown>, fitted: FittedMessage) {
    for (const part of fitted.before) {
      await call(`${what} (part)`, context, false, () => connector.create(conversationId, part));
    }
    return call(what, context, false, () => connector.create(conversationId, fitted.activity));
  }

  async function call<T>(what: string, context: Record<string, unknown>, idempotent: boolean, run: () => Promise<T>) {
    try {
      return await withRetry(run, { idempotent, policy: deps.retry });
    } catch (error) {
      log.error('Bot Connector call failed', { what, status: httpFailure(error).status, ...context });
      throw error;
    }
  }

  async function personalChat(userId: string): Promise<string> {
    const known = personalChats.get(userId);
    if (known) return known;
    const id = await call('open personal chat', { userId }, true, () => connector.openPersonal(userId));
    personalChats.set(userId, id);
    return id;
  }

  return {
    platform: 'teams',
    async sendDirect(userId, message) {
      const conversationId = await personalChat(userId);
      const { id } = await send('send direct', conversationId, { conversationId }, await render(message, true));
      return { platform: 'teams', channelId: conversationId, messageId: id };
    },
    async postToCommunity(message) {
      const { id } = await send('post to channel', teams.channelId, {}, await render(message, false));
      return { platform: 'teams', channelId: teams.channelId, messageId: id };
    },
    async replyInThread(parent, message) {
      const rootId = parent.threadId ?? parent.messageId;
      const conversationId = threadConversation(parent.channelId, rootId);
      const { id } = await send('reply in thread', conversationId, { rootId }, await render(message, false));
      return { platform: 'teams', channelId: parent.channelId, messageId: id, threadId: rootId };
    },
    async update(ref, message) {
      // An update replaces one message: nothing can come before it, so it is only shortened.
      const { activity } = await render(message, false);
      const conversationId = ref.threadId ? threadConversation(ref.channelId, ref.threadId) : ref.channelId;
      await call('update', { messageId: ref.messageId }, true, () => connector.update(conversationId, ref.messageId, activity));
    },
    async remove(ref: MessageRef) {
      const conversationId = ref.threadId ? threadConversation(ref.channelId, ref.threadId) : ref.channelId;
      try {
        await call('delete', { messageId: ref.messageId }, true, () => connector.remove(conversationId, ref.messageId));
      } catch (error) {
        // Already gone in Teams: what the core wanted.
        if (httpFailure(error).status !== 404) throw error;
      }
    },
    download(photo) {
      return downloadTeamsPhoto(photo, {
        serviceUrl: teams.serviceUrl,
        maxBytes: config.maxPhotoBytes,
        token: () => connector.token(),
        graphUrl: teams.graphUrl,
        graphToken: () => connector.graphToken(),
      });
    },
    async profile(userId) {
      // Activities carry the display name; Graph reactions (reconciliation) do not, the roster does.
      // The mairie is not in Teams: the core asks it once.
      try {
        const member = await call('channel member', {}, true, () => connector.member(userId));
        return member?.name ? { name: member.name } : null;
      } catch {
        return null;
      }
    },
    async permalink(ref) {
      if (!teams.teamId) return null;
      const parent = ref.threadId ?? ref.messageId;
      const query = new URLSearchParams({
        tenantId: teams.tenantId ?? '',
        groupId: teams.teamId,
        parentMessageId: parent,
      });
      return `https://teams.microsoft.com/l/message/${encodeURIComponent(ref.channelId)}/${ref.messageId}?${query}`;
    },
  };
}
