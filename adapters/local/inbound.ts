/**
 * Pure translation of what a person does on the local chat page into the core's `InboundEvent`s.
 * The HTTP layer stores the message first, then hands the stored row here.
 */
import type { ChatUser, InboundEvent, IncomingPhoto } from '../../bot/ports.js';
import { COMMUNITY_CHANNEL, dmChannel } from './agents.js';
import { UPLOAD_URL_PREFIX } from './files.js';
import { localRef } from './outbound.js';
import type { LocalMessage } from './store.js';

/** What makes an event id unique per action (edits, reactions, clicks repeat on one message). */
export interface ActionStamp {
  /** ISO time of the action. */
  at: string;
  /** Any value unique per action: a counter, or time plus randomness. */
  nonce: string;
}

function photosOf(message: LocalMessage): IncomingPhoto[] {
  return (message.extra.photos ?? []).map((p) => ({
    id: p.id,
    name: p.name,
    declaredType: p.type,
    size: p.size,
    url: `${UPLOAD_URL_PREFIX}${p.id}`,
  }));
}

/** Whether the bot sees this message at all: DMs with it, and replies in community threads. */
function botSees(message: LocalMessage, userId: string): boolean {
  if (message.channelId === dmChannel(userId)) return true;
  return message.channelId === COMMUNITY_CHANNEL && message.threadId !== null;
}

/** A new message from a person; null for a plain top-level community message (just chat). */
export function messageEvent(message: LocalMessage, user: ChatUser): InboundEvent | null {
  const base = { platform: 'local' as const, eventId: `local-msg-${message.id}`, user, at: message.createdAt };
  if (message.channelId === dmChannel(user.id)) {
    return { ...base, type: 'directMessage', ref: localRef(message), text: message.text, photos: photosOf(message) };
  }
  if (message.channelId === COMMUNITY_CHANNEL && message.threadId !== null) {
    return {
      ...base,
      type: 'threadReply',
      ref: localRef(message),
      parent: { platform: 'local', channelId: message.channelId, messageId: String(message.threadId) },
      text: message.text,
      photos: photosOf(message),
    };
  }
  return null;
}

/** An edit of one's own message; `message` carries the new text. */
export function editEvent(message: LocalMessage, user: ChatUser, stamp: ActionStamp): InboundEvent | null {
  if (!botSees(message, user.id)) return null;
  return {
    platform: 'local',
    eventId: `local-edit-${message.id}-${stamp.nonce}`,
    user,
    at: stamp.at,
    type: 'messageEdited',
    ref: localRef(message),
    text: message.text,
  };
}

/** A deletion (once per message: a message is deleted only once). */
export function deleteEvent(message: LocalMessage, user: ChatUser, stamp: ActionStamp): InboundEvent | null {
  if (!botSees(message, user.id)) return null;
  return {
    platform: 'local',
    eventId: `local-delete-${message.id}`,
    user,
    at: stamp.at,
    type: 'messageDeleted',
    ref: localRef(message),
  };
}

export function reactionEvent(
  kind: 'added' | 'removed',
  message: LocalMessage,
  user: ChatUser,
  emoji: string,
  stamp: ActionStamp,
): InboundEvent {
  return {
    platform: 'local',
    eventId: `local-reaction-${kind}-${message.id}-${stamp.nonce}`,
    user,
    at: stamp.at,
    type: kind === 'added' ? 'reactionAdded' : 'reactionRemoved',
    target: localRef(message),
    emoji,
  };
}

/** A click on a button the bot put under `message`. */
export function buttonEvent(
  message: LocalMessage,
  user: ChatUser,
  press: { actionId: string; value: string },
  stamp: ActionStamp,
): InboundEvent {
  return {
    platform: 'local',
    eventId: `local-button-${message.id}-${stamp.nonce}`,
    user,
    at: stamp.at,
    type: 'buttonPressed',
    ref: localRef(message),
    actionId: press.actionId,
    value: press.value,
  };
}

/**
 * The agent opened the chat: one event per agent ever (its id is the agent's), so the inbox keeps
 * only the first; the core welcomes a newcomer once.
 */
export function openedEvent(user: ChatUser, at: string): InboundEvent {
  return { platform: 'local', eventId: `local-opened-${user.id}`, user, at, type: 'memberJoined' };
}
