/**
 * The Teams `ChatPort`: product intents turned into Bot Connector calls (proactive sends with the
 * bot's credentials, through the Teams SDK's API client wrapped as a `Connector`). Card photos:
 * Teams clients load card images themselves, so with PUBLIC_URL set the card points at the gallery;
 * otherwise (a gallery on localhost that Teams cannot reach) a small JPEG is inlined as a data URI,
 * kept well under the ~28 KB card payload limit, or left out.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { ChatPort, MessageRef, OutboundMessage } from '../../bot/ports.js';
import type { Config, TeamsConfig } from '../../config.js';
import type { Logger } from '../../log.js';
import { renderMessage, type TeamsMessage } from './cards.js';
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

/** The largest inline card image, in bytes of JPEG, before base64 (which adds a third). */
const MAX_INLINE_IMAGE = 18_000;

/** A small JPEG data URI of a stored card photo, or null when it cannot be made small enough. */
export async function inlineImage(mediaDir: string, photoUrl: string): Promise<string | null> {
  const name = path.posix.basename(new URL(photoUrl, 'http://x').pathname);
  if (!/^[a-f0-9]{16,128}-\d{2,5}\.webp$/.test(name)) return null;
  let source: Buffer;
  try {
    source = await fs.readFile(path.join(mediaDir, name));
  } catch {
    return null;
  }
  for (const [width, quality] of [
    [480, 60],
    [320, 50],
    [240, 40],
  ] as const) {
    const jpeg = await sharp(source).resize({ width, withoutEnlargement: true }).jpeg({ quality }).toBuffer();
    if (jpeg.length <= MAX_INLINE_IMAGE) return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
  }
  return null;
}

/** A channel thread is addressed as `<channel id>;messageid=<root id>`. */
export function threadConversation(channelId: string, rootId: string): string {
  return `${channelId};messageid=${rootId}`;
}

export function createTeamsPort(deps: TeamsPortDeps): ChatPort {
  const { connector, config, teams, log, personalChats } = deps;

  async function render(message: OutboundMessage): Promise<TeamsMessage> {
    const cover = message.card?.coverPhoto;
    let imageUrl: string | null = null;
    if (cover) imageUrl = config.publicUrlIsSet ? cover.url : await inlineImage(config.mediaDir, cover.url);
    return renderMessage(message, { imageUrl });
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
      const activity = await render(message);
      const { id } = await call('send direct', { conversationId }, false, () => connector.create(conversationId, activity));
      return { platform: 'teams', channelId: conversationId, messageId: id };
    },
    async postToCommunity(message) {
      const activity = await render(message);
      const { id } = await call('post to channel', {}, false, () => connector.create(teams.channelId, activity));
      return { platform: 'teams', channelId: teams.channelId, messageId: id };
    },
    async replyInThread(parent, message) {
      const rootId = parent.threadId ?? parent.messageId;
      const conversationId = threadConversation(parent.channelId, rootId);
      const activity = await render(message);
      const { id } = await call('reply in thread', { rootId }, false, () => connector.create(conversationId, activity));
      return { platform: 'teams', channelId: parent.channelId, messageId: id, threadId: rootId };
    },
    async update(ref, message) {
      const activity = await render(message);
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
