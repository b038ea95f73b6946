/**
 * The local `ChatPort`: the bot's messages are rows of `local_messages` written as author `bot`,
 * pushed to open pages over server-sent events.
 */

import { PhotoDownloadError } from '../../bot/errors.js';
import type { ChatPort, IncomingPhoto, MessageRef, OutboundMessage, UserProfile } from '../../bot/ports.js';
import type { Config } from '../../config.js';
import type { Db } from '../../storage/db.js';
import { BOT_ID, COMMUNITY_CHANNEL, dmChannel, findDemoAgent } from './agents.js';
import { deleteUploads, readUpload, UPLOAD_URL_PREFIX } from './files.js';
import type { EventHub } from './hub.js';
import {
  dropUploadFromMessage,
  eraseMessage,
  forgetLocalUser,
  getMessage,
  insertMessage,
  type LocalMessage,
  updateMessage,
} from './store.js';

/** The ref of a stored message, as the core knows it. */
export function localRef(message: Pick<LocalMessage, 'id' | 'channelId' | 'threadId'>): MessageRef {
  const ref: MessageRef = { platform: 'local', channelId: message.channelId, messageId: String(message.id) };
  if (message.threadId !== null) ref.threadId = String(message.threadId);
  return ref;
}

function refId(ref: MessageRef): number {
  const id = Number(ref.messageId);
  if (ref.platform !== 'local' || !Number.isSafeInteger(id) || id <= 0) {
    throw new Error(`not a local message ref: ${JSON.stringify(ref)}`);
  }
  return id;
}

function extraOf(message: OutboundMessage) {
  return { buttons: message.buttons, card: message.card };
}

export interface LocalPortDeps {
  db: Db;
  config: Config;
  hub: EventHub;
  uploadsDir: string;
  /** The language the person last used on the page, so the bot answers in it. */
  localeOf?: (userId: string) => string | null;
}

export function createLocalPort(deps: LocalPortDeps): ChatPort {
  const { db, config, hub, uploadsDir } = deps;

  async function post(channelId: string, message: OutboundMessage, threadId: number | null = null): Promise<MessageRef> {
    const stored = await insertMessage(db, {
      channelId,
      threadId,
      authorId: BOT_ID,
      text: message.text,
      extra: extraOf(message),
    });
    hub.publish(channelId);
    return localRef(stored);
  }

  return {
    platform: 'local',
    sendDirect(userId, message) {
      return post(dmChannel(userId), message);
    },
    postToCommunity(message) {
      return post(COMMUNITY_CHANNEL, message);
    },
    async replyInThread(parent, message) {
      const parentMessage = await getMessage(db, refId(parent));
      if (!parentMessage) throw new Error(`thread parent ${parent.messageId} not found`);
      // A reply to a reply goes into the same thread (threads are one level deep, as on Slack).
      const rootId = parentMessage.threadId ?? parentMessage.id;
      return post(parentMessage.channelId, message, rootId);
    },
    async update(ref, message) {
      const id = refId(ref);
      const existing = await getMessage(db, id);
      if (!existing) throw new Error(`message ${id} not found`);
      await updateMessage(db, id, { text: message.text, extra: { ...existing.extra, ...extraOf(message) }, edited: false });
      hub.publish(existing.channelId);
    },
    async remove(ref) {
      const id = refId(ref);
      const existing = await getMessage(db, id);
      if (!existing || existing.deletedAt) return;
      // A post the bot removes (a deleted bricolage) keeps none of its words.
      await eraseMessage(db, id);
      hub.publish(existing.channelId);
    },
    async forgetUser(userId) {
      const uploads = await forgetLocalUser(db, userId, dmChannel(userId));
      await deleteUploads(uploadsDir, uploads);
      hub.publish(COMMUNITY_CHANNEL);
      hub.publish(dmChannel(userId));
    },
    async discardPhoto(photo: IncomingPhoto) {
      if (!photo.url.startsWith(UPLOAD_URL_PREFIX)) return;
      const id = photo.url.slice(UPLOAD_URL_PREFIX.length);
      const channel = await dropUploadFromMessage(db, id);
      await deleteUploads(uploadsDir, [id]);
      if (channel) hub.publish(channel);
    },
    async download(photo: IncomingPhoto) {
      if (!photo.url.startsWith(UPLOAD_URL_PREFIX)) throw new PhotoDownloadError(photo.id, 'untrustedHost', 'not a local upload');
      return readUpload(uploadsDir, photo.url.slice(UPLOAD_URL_PREFIX.length)).catch((error: unknown) => {
        throw new PhotoDownloadError(photo.id, 'notFound', (error as Error).message);
      });
    },
    async profile(userId): Promise<UserProfile | null> {
      const agent = findDemoAgent(userId);
      if (!agent) return null;
      return { name: agent.name, mairie: agent.mairie, locale: deps.localeOf?.(userId) ?? null };
    },
    async permalink(ref) {
      const root = ref.threadId ?? ref.messageId;
      return `${config.publicUrl}/chat#m-${root}`;
    },
  };
}
