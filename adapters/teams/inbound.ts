/**
 * Pure translation of Bot Framework activities (as Teams sends them to `POST /api/messages`) into
 * the core's `InboundEvent`s. No I/O here: tested on activities saved under `test/fixtures/teams/`.
 * Returns `[]` for what the product does not care about (installs, typing, top-level channel posts…)
 * and throws `MalformedPayloadError` for a body that is not an activity at all.
 */
import { MalformedPayloadError } from '../../bot/errors.js';
import type { ChatUser, InboundEvent, IncomingPhoto, MessageRef } from '../../bot/ports.js';

/** The fields of a Bot Framework activity this adapter reads (the SDK's `Activity` is wider). */
export interface TeamsActivity {
  type?: string;
  id?: string;
  timestamp?: string;
  localTimestamp?: string;
  serviceUrl?: string;
  channelId?: string;
  from?: { id?: string; name?: string; aadObjectId?: string; role?: string };
  recipient?: { id?: string; name?: string };
  conversation?: { id?: string; conversationType?: string; isGroup?: boolean; tenantId?: string };
  text?: string;
  textFormat?: string;
  locale?: string;
  replyToId?: string;
  value?: unknown;
  attachments?: TeamsAttachment[];
  reactionsAdded?: { type?: string }[];
  reactionsRemoved?: { type?: string }[];
  /** `conversationUpdate`: who was added (the bot itself included when it is installed). */
  membersAdded?: { id?: string; name?: string; aadObjectId?: string }[];
  channelData?: {
    eventType?: string;
    tenant?: { id?: string };
    channel?: { id?: string };
    team?: { id?: string; aadGroupId?: string };
  };
}

export interface TeamsAttachment {
  contentType?: string;
  contentUrl?: string;
  name?: string;
  content?: unknown;
}

/** Prefix of photo ids whose bytes sit on the Bot Connector and need the bot token. */
export const INLINE_PREFIX = 'inline:';
/** Prefix of photo ids uploaded as files: a short-lived, pre-authenticated `downloadUrl`. */
export const FILE_PREFIX = 'file:';
/** Prefix of photo ids read back from Microsoft Graph (a reply's hosted image): the Graph token is needed. */
export const GRAPH_PREFIX = 'graph:';

/** Images pasted in a message as Graph shows its HTML body (`hostedContents/…/$value` on `graphUrl`). */
export function hostedImagesOf(html: string, graphUrl: string): IncomingPhoto[] {
  const photos: IncomingPhoto[] = [];
  for (const [, src] of html.matchAll(/<img\b[^>]*\bsrc="([^"]+)"/gi)) {
    const url = src.replace(/&amp;/g, '&');
    if (!url.startsWith(`${graphUrl}/`) || !url.includes('/hostedContents/')) continue;
    photos.push({ id: `${GRAPH_PREFIX}${url}`, name: 'image', url });
  }
  return photos;
}

const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';
const IMAGE_EXTENSIONS = new Set(['jpg', 'jpeg', 'png', 'gif', 'webp', 'heic', 'heif', 'bmp', 'tif', 'tiff']);

/** A channel thread's conversation id is `<channel id>;messageid=<root message id>`. */
export function splitThread(conversationId: string): { channelId: string; rootId: string | null } {
  const match = /^(.*);messageid=(\d+)$/.exec(conversationId);
  return match ? { channelId: match[1], rootId: match[2] } : { channelId: conversationId, rootId: null };
}

/** Teams text carries HTML when formatted and `<at>` mentions in channels: keep what the agent wrote. */
export function teamsTextToPlain(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Photos of a message: inline pasted images and uploaded files; other attachments are ignored. */
export function photosOf(attachments: TeamsAttachment[] | undefined): IncomingPhoto[] {
  const photos: IncomingPhoto[] = [];
  for (const a of attachments ?? []) {
    if (a.contentType === FILE_DOWNLOAD_INFO) {
      const content = (a.content ?? {}) as { downloadUrl?: string; uniqueId?: string; fileType?: string };
      if (!content.downloadUrl) continue;
      const ext = (content.fileType ?? a.name?.split('.').pop() ?? '').toLowerCase();
      photos.push({
        id: `${FILE_PREFIX}${content.uniqueId ?? a.name ?? content.downloadUrl}`,
        name: a.name,
        declaredType: IMAGE_EXTENSIONS.has(ext) ? `image/${ext === 'jpg' ? 'jpeg' : ext}` : ext || undefined,
        url: content.downloadUrl,
      });
    } else if (a.contentType?.startsWith('image/') && a.contentUrl) {
      photos.push({
        id: `${INLINE_PREFIX}${a.contentUrl}`,
        // Pasted images come as `image/*`: the bytes tell the real type.
        name: a.name ?? 'image',
        declaredType: a.contentType === 'image/*' ? undefined : a.contentType,
        url: a.contentUrl,
      });
    }
  }
  return photos;
}

function userOf(activity: TeamsActivity): ChatUser {
  const from = activity.from!;
  // The Entra object id is what Microsoft Graph reports too, so reconciliation compares like with like.
  const user: ChatUser = { id: from.aadObjectId || from.id! };
  if (from.name) user.name = from.name;
  if (activity.locale) user.locale = activity.locale.slice(0, 2).toLowerCase();
  return user;
}

function requireShape(activity: TeamsActivity): void {
  if (!activity || typeof activity !== 'object' || Array.isArray(activity)) throw new MalformedPayloadError('not an object');
  if (typeof activity.type !== 'string' || !activity.type) throw new MalformedPayloadError('missing type');
}

function requireIds(activity: TeamsActivity): void {
  if (typeof activity.id !== 'string' || !activity.id) throw new MalformedPayloadError('missing id');
  if (typeof activity.from?.id !== 'string' || !activity.from.id) throw new MalformedPayloadError('missing from.id');
  if (typeof activity.conversation?.id !== 'string' || !activity.conversation.id) {
    throw new MalformedPayloadError('missing conversation.id');
  }
}

/** What an `Action.Submit` button sends back (see `outbound.ts`); anything else is not ours. */
function submitted(value: unknown): { actionId: string; value: string } | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  return typeof v.actionId === 'string' && typeof v.value === 'string' ? { actionId: v.actionId, value: v.value } : null;
}

/**
 * `conversationUpdate` with `membersAdded`: one `memberJoined` per person added (a newcomer in the
 * team, or someone who installed the bot), never for the bot itself nor other bots (`28:` ids).
 */
function membersJoined(activity: TeamsActivity, context: { botId?: string }): InboundEvent[] {
  const conversationId = activity.conversation?.id;
  if (!conversationId) return [];
  const botId = context.botId ?? activity.recipient?.id;
  return (activity.membersAdded ?? [])
    .filter((m) => typeof m?.id === 'string' && m.id && m.id !== botId && !m.id.startsWith('28:'))
    .map((m) => {
      const user: ChatUser = { id: m.aadObjectId || m.id! };
      if (m.name) user.name = m.name;
      return {
        platform: 'teams' as const,
        eventId: `joined:${conversationId}:${m.id}`,
        user,
        at: activity.timestamp ?? new Date().toISOString(),
        type: 'memberJoined' as const,
      };
    });
}

/** Translates one activity. `botId` drops the bot's own messages if Teams ever echoes them. */
export function fromActivity(activity: TeamsActivity, context: { botId?: string } = {}): InboundEvent[] {
  requireShape(activity);
  if (activity.type === 'conversationUpdate') return membersJoined(activity, context);
  const known = ['message', 'messageReaction', 'messageUpdate', 'messageDelete'];
  if (!known.includes(activity.type!)) return [];
  requireIds(activity);
  if (activity.from?.role === 'bot' || (context.botId && activity.from?.id === context.botId)) return [];

  const id = activity.id!;
  const conversationId = activity.conversation!.id!;
  const personal = activity.conversation!.conversationType === 'personal';
  const { channelId, rootId } = splitThread(conversationId);
  const base = {
    platform: 'teams' as const,
    user: userOf(activity),
    at: activity.timestamp ?? new Date().toISOString(),
  };

  switch (activity.type) {
    case 'message': {
      const button = submitted(activity.value);
      if (button) {
        // Action.Submit: the card's own activity id is `replyToId`.
        const ref: MessageRef = { platform: 'teams', channelId, messageId: activity.replyToId ?? id };
        return [{ ...base, eventId: `submit:${conversationId}:${id}`, type: 'buttonPressed', ref, ...button }];
      }
      const text = teamsTextToPlain(activity.text ?? '');
      const photos = photosOf(activity.attachments);
      if (personal) {
        const ref: MessageRef = { platform: 'teams', channelId: conversationId, messageId: id };
        return [{ ...base, eventId: `message:${conversationId}:${id}`, type: 'directMessage', ref, text, photos }];
      }
      if (!rootId || rootId === id) return [];
      const ref: MessageRef = { platform: 'teams', channelId, messageId: id, threadId: rootId };
      const parent: MessageRef = { platform: 'teams', channelId, messageId: rootId };
      return [{ ...base, eventId: `message:${channelId}:${id}`, type: 'threadReply', ref, parent, text, photos }];
    }
    case 'messageReaction': {
      if (!activity.replyToId) throw new MalformedPayloadError('reaction without replyToId');
      const target: MessageRef = { platform: 'teams', channelId, messageId: activity.replyToId };
      const events: InboundEvent[] = [];
      const lists = [
        ['reactionAdded', activity.reactionsAdded],
        ['reactionRemoved', activity.reactionsRemoved],
      ] as const;
      for (const [type, reactions] of lists) {
        for (const [index, reaction] of (reactions ?? []).entries()) {
          if (typeof reaction?.type !== 'string' || !reaction.type) continue;
          events.push({ ...base, eventId: `reaction:${channelId}:${id}:${type}:${index}`, type, target, emoji: reaction.type });
        }
      }
      return events;
    }
    case 'messageUpdate': {
      if (activity.channelData?.eventType !== 'editMessage') return [];
      const ref: MessageRef = { platform: 'teams', channelId, messageId: id, ...(rootId ? { threadId: rootId } : {}) };
      // Each edit is its own event; a redelivery of the same edit carries the same timestamp.
      return [
        {
          ...base,
          eventId: `edit:${channelId}:${id}:${activity.timestamp ?? ''}`,
          type: 'messageEdited',
          ref,
          text: teamsTextToPlain(activity.text ?? ''),
        },
      ];
    }
    case 'messageDelete': {
      if (activity.channelData?.eventType !== 'softDeleteMessage') return [];
      const ref: MessageRef = { platform: 'teams', channelId, messageId: id, ...(rootId ? { threadId: rootId } : {}) };
      return [{ ...base, eventId: `delete:${channelId}:${id}`, type: 'messageDeleted', ref }];
    }
    default:
      return [];
  }
}
