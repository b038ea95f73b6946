/**
 * Pure translation of Slack payloads (Events API envelopes, interactivity, slash commands) into the
 * core's `InboundEvent`s. No I/O here: tested on real payloads saved under `test/fixtures/slack/`.
 * Returns `null` for what the product does not care about (bot messages, top-level channel chatter…).
 */
import type { ChatUser, InboundEvent, IncomingPhoto, MessageRef, SubmittedForm } from '../../bot/ports.js';

/** What the translation needs to know about ourselves, to drop our own messages. */
export interface InboundContext {
  botUserId?: string;
  botId?: string;
  /** The community channel: joining it is a newcomer's arrival. */
  communityChannelId?: string;
}

/** `member_joined_channel`: someone joined a channel (only the community channel matters). */
export interface SlackMemberJoinedEvent {
  type: 'member_joined_channel';
  user: string;
  channel: string;
  channel_type?: string;
  team?: string;
  inviter?: string;
  event_ts?: string;
}

export interface SlackFile {
  id: string;
  name?: string;
  mimetype?: string;
  size?: number;
  mode?: string;
  url_private?: string;
  url_private_download?: string;
}

export interface SlackMessage {
  type?: string;
  subtype?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  channel?: string;
  channel_type?: string;
  files?: SlackFile[];
  user_profile?: { display_name?: string; real_name?: string; name?: string };
  edited?: { user?: string; ts: string };
  message?: SlackMessage;
  previous_message?: SlackMessage;
  deleted_ts?: string;
  event_ts?: string;
  hidden?: boolean;
}

export interface SlackReactionEvent {
  type: 'reaction_added' | 'reaction_removed';
  user: string;
  reaction: string;
  item_user?: string;
  item: { type: string; channel?: string; ts?: string };
  event_ts: string;
}

export interface SlackEventEnvelope {
  type: string;
  event_id?: string;
  event_time?: number;
  event?: { type?: string } & Record<string, unknown>;
}

export interface SlackBlockActionsBody {
  type: 'block_actions';
  trigger_id?: string;
  user: { id: string; name?: string; username?: string };
  container?: { type?: string; channel_id?: string; message_ts?: string; thread_ts?: string };
  channel?: { id: string };
  message?: { ts: string; thread_ts?: string };
  actions: {
    action_id: string;
    value?: string;
    selected_option?: { value: string };
    action_ts?: string;
    url?: string;
  }[];
}

export interface SlackSlashCommand {
  command: string;
  text?: string;
  user_id: string;
  user_name?: string;
  channel_id?: string;
  trigger_id?: string;
}

export interface SlackViewSubmission {
  type: 'view_submission';
  trigger_id?: string;
  user: { id: string; name?: string; username?: string };
  view: {
    id: string;
    callback_id?: string;
    hash?: string;
    private_metadata?: string;
    state: { values: Record<string, Record<string, SlackViewValue>> };
  };
}

export interface SlackViewValue {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  files?: SlackFile[];
}

const PLATFORM = 'slack' as const;

/** Action ids of link buttons: Slack sends an event when clicked, which the product ignores. */
export const LINK_ACTION_PREFIX = 'link:';
/** Outbound suffixes a repeated action id with `~<position>` (Slack wants them unique); the core never sees it. */
export const ACTION_REPEAT_SEPARATOR = '~';
const withoutRepeat = (actionId: string) => actionId.replace(/~\d+$/, '');

/** Callback id of the "formulaire" modal, and the action id its submission is delivered as. */
export const FORM_CALLBACK_ID = 'bricolage_form';

/** Slack timestamps ("1712345678.000200") and epoch seconds → ISO 8601. */
export function slackTsToIso(ts: string | number | undefined): string {
  const [whole, fraction = ''] = String(ts ?? '').split('.');
  const seconds = Number.parseInt(whole ?? '', 10);
  if (!Number.isFinite(seconds)) return new Date().toISOString();
  // Parsed as strings: "…400.000700" as a float would round to the next millisecond.
  return new Date(seconds * 1000 + Number.parseInt((fraction + '000').slice(0, 3), 10)).toISOString();
}

function ref(channelId: string, messageId: string, threadId?: string): MessageRef {
  return threadId ? { platform: PLATFORM, channelId, messageId, threadId } : { platform: PLATFORM, channelId, messageId };
}

function userOf(id: string, profile?: SlackMessage['user_profile'], fallbackName?: string): ChatUser {
  const name = profile?.display_name || profile?.real_name || fallbackName;
  return name ? { id, name } : { id };
}

/** Files we can try to download; tombstones and hidden files have no URL. */
export function photosOf(files: SlackFile[] | undefined): IncomingPhoto[] {
  return (files ?? [])
    .filter((f) => f.mode !== 'tombstone' && (f.url_private_download || f.url_private))
    .map((f) => {
      const photo: IncomingPhoto = { id: f.id, url: (f.url_private_download ?? f.url_private)! };
      if (f.name) photo.name = f.name;
      if (f.mimetype) photo.declaredType = f.mimetype;
      if (typeof f.size === 'number') photo.size = f.size;
      return photo;
    });
}

/**
 * Messages no agent wrote: ours, and any other app's (bots are not colleagues). The live events and
 * the reconciliation share this rule, so a message is never counted by one and removed by the other.
 */
export function isFromBot(m: SlackMessage | undefined, ctx: InboundContext): boolean {
  if (!m) return false;
  if (m.bot_id || m.subtype === 'bot_message') return true;
  return Boolean(ctx.botUserId && m.user === ctx.botUserId);
}

/** Message subtypes that are someone writing something (others are joins, topic changes…). */
export const AUTHORED_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast', 'me_message']);

/**
 * Slack's message markup → the plain text an agent typed: `<url|label>` → `label (url)`,
 * `<url>` → url, `<#C1|name>` → #name, `<@U1>` → @U1, `<!here>` → @here, then the three escaped
 * characters (`&lt;`, `&gt;`, `&amp;` last, so `&amp;lt;` stays `&lt;`).
 */
export function fromSlackText(text: string): string {
  return text
    .replace(/<([^<>|]+)\|([^<>]*)>/g, (_all, target: string, label: string) => {
      if (target.startsWith('#')) return `#${label}`;
      if (target.startsWith('@') || target.startsWith('!')) return `@${label}`;
      return label && label !== target ? `${label} (${target})` : target;
    })
    .replace(/<([^<>]+)>/g, (_all, target: string) => (target.startsWith('!') ? `@${target.slice(1)}` : target))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** An Events API envelope (`event_callback`) → one event, or null when it is not for the product. */
export function fromEventEnvelope(body: SlackEventEnvelope, ctx: InboundContext = {}): InboundEvent | null {
  if (body.type !== 'event_callback' || !body.event || !body.event_id) return null;
  const eventId = body.event_id;
  const e = body.event;
  if (e.type === 'message') return fromMessage(e as unknown as SlackMessage, eventId, body.event_time, ctx);
  if (e.type === 'member_joined_channel') {
    const j = e as unknown as SlackMemberJoinedEvent;
    if (!j.user || !j.channel || j.channel !== ctx.communityChannelId) return null;
    if (ctx.botUserId && j.user === ctx.botUserId) return null;
    return {
      platform: PLATFORM,
      eventId,
      user: { id: j.user },
      at: slackTsToIso(j.event_ts ?? body.event_time),
      type: 'memberJoined',
    };
  }
  if (e.type === 'reaction_added' || e.type === 'reaction_removed') {
    const r = e as unknown as SlackReactionEvent;
    if (r.item?.type !== 'message' || !r.item.channel || !r.item.ts || !r.user || !r.reaction) return null;
    if (ctx.botUserId && r.user === ctx.botUserId) return null;
    return {
      platform: PLATFORM,
      eventId,
      user: { id: r.user },
      at: slackTsToIso(r.event_ts ?? body.event_time),
      type: r.type === 'reaction_added' ? 'reactionAdded' : 'reactionRemoved',
      target: ref(r.item.channel, r.item.ts),
      emoji: r.reaction,
    };
  }
  return null;
}

function fromMessage(m: SlackMessage, eventId: string, eventTime: number | undefined, ctx: InboundContext): InboundEvent | null {
  const channel = m.channel;
  if (!channel) return null;
  const isDm = m.channel_type === 'im';

  if (m.subtype === 'message_changed') {
    const now = m.message;
    const before = m.previous_message;
    if (!now?.ts || !now.user || isFromBot(now, ctx)) return null;
    // Slack also sends message_changed when a reply is added under a post, or a link unfurls: no new text.
    if (before && before.text === now.text) return null;
    return {
      platform: PLATFORM,
      eventId,
      user: userOf(now.user, now.user_profile),
      at: slackTsToIso(now.edited?.ts ?? m.event_ts ?? m.ts),
      type: 'messageEdited',
      ref: ref(channel, now.ts, now.thread_ts && now.thread_ts !== now.ts ? now.thread_ts : undefined),
      text: fromSlackText(now.text ?? ''),
    };
  }

  if (m.subtype === 'message_deleted') {
    const deletedTs = m.deleted_ts ?? m.previous_message?.ts;
    if (!deletedTs) return null;
    const before = m.previous_message;
    // Deletions are kept even for bot messages: an admin deleting the bot's post removes the bricolage.
    return {
      platform: PLATFORM,
      eventId,
      // Slack does not say who deleted; the author of the message, else ourselves (an admin removing our post).
      user: { id: before?.user || ctx.botUserId || 'USLACKBOT' },
      at: slackTsToIso(m.event_ts ?? m.ts ?? eventTime),
      type: 'messageDeleted',
      ref: ref(channel, deletedTs, before?.thread_ts && before.thread_ts !== deletedTs ? before.thread_ts : undefined),
    };
  }

  if (!AUTHORED_SUBTYPES.has(m.subtype) || !m.user || isFromBot(m, ctx)) return null;
  const base = { platform: PLATFORM, eventId, user: userOf(m.user, m.user_profile), at: slackTsToIso(m.ts) };
  const text = fromSlackText(m.text ?? '');
  const photos = photosOf(m.files);

  if (isDm) {
    return { ...base, type: 'directMessage', ref: ref(channel, m.ts), text, photos };
  }
  if (m.thread_ts && m.thread_ts !== m.ts) {
    return {
      ...base,
      type: 'threadReply',
      ref: ref(channel, m.ts, m.thread_ts),
      parent: ref(channel, m.thread_ts),
      text,
      photos,
    };
  }
  return null;
}

/**
 * Interactivity: one `buttonPressed` per clicked button or chosen option. Slack gives no event id,
 * so it is derived from the action's own timestamp, the user and the action id (stable on retries).
 */
export function fromBlockActions(body: SlackBlockActionsBody): InboundEvent[] {
  const channelId = body.container?.channel_id ?? body.channel?.id;
  const messageTs = body.container?.message_ts ?? body.message?.ts;
  if (!channelId || !messageTs || !body.user?.id) return [];
  const threadTs = body.container?.thread_ts ?? body.message?.thread_ts;
  return body.actions
    .filter((a) => a.action_id && !a.action_id.startsWith(LINK_ACTION_PREFIX))
    .map((a) => ({
      platform: PLATFORM,
      eventId: `action:${a.action_ts ?? body.trigger_id ?? messageTs}:${body.user.id}:${a.action_id}`,
      user: { id: body.user.id, ...(body.user.name || body.user.username ? { name: body.user.name ?? body.user.username } : {}) },
      at: slackTsToIso(a.action_ts),
      type: 'buttonPressed' as const,
      ref: ref(channelId, messageTs, threadTs && threadTs !== messageTs ? threadTs : undefined),
      actionId: withoutRepeat(a.action_id),
      value: a.value ?? a.selected_option?.value ?? '',
    }));
}

/** `/bricolage <text>` → slashCommand; the trigger id is unique per invocation. */
export function fromSlashCommand(body: SlackSlashCommand, receivedAt = new Date()): InboundEvent {
  return {
    platform: PLATFORM,
    eventId: `command:${body.trigger_id ?? `${body.user_id}:${receivedAt.getTime()}`}`,
    user: body.user_name ? { id: body.user_id, name: body.user_name } : { id: body.user_id },
    at: receivedAt.toISOString(),
    type: 'slashCommand',
    text: fromSlackText(body.text ?? '').trim(),
    ...(body.channel_id ? { channelId: body.channel_id } : {}),
  };
}

/** The fields of the "formulaire" modal, and the photos of its file input. */
export interface FormSubmission extends SubmittedForm {
  photos: IncomingPhoto[];
}

/** Reads the modal's state. Steps are one per line (blank lines separate nothing: one line, one step). */
export function formValues(view: SlackViewSubmission['view']): FormSubmission {
  const flat: Record<string, SlackViewValue> = {};
  for (const block of Object.values(view.state?.values ?? {})) Object.assign(flat, block);
  const textOf = (key: string) => (flat[key]?.value ?? '').trim();
  return {
    title: textOf('title'),
    problem: textOf('problem'),
    steps: textOf('steps')
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean),
    category: flat.category?.selected_option?.value ?? textOf('category'),
    // file_input files may come without a URL yet: the adapter then asks files.info.
    photos: (flat.photos?.files ?? []).map((f) => photosOf([f])[0] ?? { id: f.id, url: '' }),
  };
}

/**
 * The modal's submission → `formSubmitted`, delivered "in" the agent's DM (the modal has no message
 * of its own, so replies go there).
 */
export function fromViewSubmission(body: SlackViewSubmission, dmChannelId: string, receivedAt = new Date()): InboundEvent | null {
  if (body.type !== 'view_submission' || body.view?.callback_id !== FORM_CALLBACK_ID) return null;
  const { photos, ...form } = formValues(body.view);
  return {
    platform: PLATFORM,
    eventId: `view:${body.view.id}:${body.trigger_id ?? body.view.hash ?? receivedAt.getTime()}`,
    user: { id: body.user.id, ...(body.user.name ? { name: body.user.name } : {}) },
    at: receivedAt.toISOString(),
    type: 'formSubmitted',
    ref: ref(dmChannelId, `view:${body.view.id}`),
    form,
    photos,
  };
}
