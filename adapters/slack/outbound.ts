/**
 * The Slack `ChatPort`: renders the core's platform-neutral messages as Block Kit and calls the Web
 * API. Errors are logged here with context (never the token) and rethrown as `SlackApiError` so the
 * core can keep a publish "not yet posted" and retry it; lookups (profile, permalink) return null.
 */
import type { webApi } from '@slack/bolt';
import type { ChatPort, IncomingPhoto, MessageRef, OutboundMessage, UserProfile } from '../../bot/ports.js';
import type { Config, SlackConfig } from '../../config.js';
import type { Logger } from '../../log.js';
import { mediaStore } from '../../storage/media/index.js';
import { cardImageName } from '../../storage/media/names.js';
import { cardImage, ensureCardImage } from '../../storage/photos.js';
import { downloadSlackFile } from './files.js';
import { ACTION_REPEAT_SEPARATOR, LINK_ACTION_PREFIX } from './inbound.js';
import { escapeMrkdwn, renderSlackText } from './text.js';

type WebClient = webApi.WebClient;

/** A Slack Web API failure, with Slack's error code (`channel_not_found`, `invalid_auth`, `ratelimited`…). */
export class SlackApiError extends Error {
  readonly code: string;
  readonly method: string;

  constructor(code: string, method: string) {
    super(`Slack ${method} failed: ${code}`);
    this.code = code;
    this.method = method;
    this.name = 'SlackApiError';
  }
}

/** Slack's error code of any thrown value from the WebClient. */
export function slackErrorCode(error: unknown): string {
  const e = error as { code?: string; data?: { error?: string }; message?: string };
  return (
    e?.data?.error ??
    (e?.code === 'slack_webapi_rate_limited_error' ? 'ratelimited' : undefined) ??
    e?.code ??
    e?.message ??
    'unknown'
  );
}

type Block = Record<string, unknown>;

/** Section texts are limited to 3000 characters, header texts to 150, button labels to 75. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

export interface RenderOptions {
  /** Show the cover photo as an image block (only when the gallery is reachable by Slack). */
  showCoverImage: boolean;
}

/** OutboundMessage → Block Kit blocks. Pure: what Slack shows is decided here and unit-tested. */
export function renderBlocks(message: OutboundMessage, options: RenderOptions): Block[] {
  const blocks: Block[] = [];
  const card = message.card;
  if (card) {
    blocks.push({ type: 'header', text: { type: 'plain_text', text: clip(card.title || '…', 150), emoji: true } });
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(escapeMrkdwn(card.labels.byline), 3000) }] });
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: clip(`*${escapeMrkdwn(card.labels.problem)}*\n${escapeMrkdwn(card.problem)}`, 3000) },
    });
    if (card.coverPhoto && options.showCoverImage) {
      // The JPEG: Slack's image block shows png, jpg, jpeg and gif only, never the gallery's WebP.
      blocks.push({
        type: 'image',
        image_url: card.coverPhoto.cardImageUrl,
        alt_text: clip(card.coverPhoto.alt || card.title, 2000),
      });
    }
    if (!card.bricolageId) {
      // The preview before publishing shows every step; the community post only counts them.
      for (const step of card.steps) {
        blocks.push({
          type: 'section',
          text: { type: 'mrkdwn', text: clip(`*${step.position}.* ${escapeMrkdwn(step.text)}`, 3000) },
        });
      }
    }
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: clip(`${escapeMrkdwn(card.labels.category)} : *${escapeMrkdwn(card.category)}*`, 3000) },
        { type: 'mrkdwn', text: clip(escapeMrkdwn(card.labels.stepCount), 3000) },
      ],
    });
  } else {
    // Escaped: user text quoted by the core must not become @channel mentions or links.
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(renderSlackText(message.text) || ' ', 3000) } });
  }
  // Slack refuses two buttons with one action_id in a block, and the core gives a set of choices
  // (categories, preview actions) one id: every repeat gets its position, which inbound strips.
  const seen = new Set<string>();
  const elements = (message.buttons ?? []).map((b, index) => {
    const base = b.url ? `${LINK_ACTION_PREFIX}${b.actionId}` : b.actionId;
    const actionId = seen.has(base) ? `${base}${ACTION_REPEAT_SEPARATOR}${index}` : base;
    seen.add(base);
    const button: Block = {
      type: 'button',
      action_id: clip(actionId, 255),
      text: { type: 'plain_text', text: clip(b.label, 75), emoji: true },
      value: clip(b.value, 2000),
    };
    if (b.url) button.url = b.url;
    if (b.style) button.style = b.style;
    return button;
  });
  // An actions block holds at most 25 elements.
  for (let i = 0; i < elements.length; i += 25) {
    blocks.push({ type: 'actions', block_id: `actions-${i / 25}`, elements: elements.slice(i, i + 25) });
  }
  return blocks;
}

export interface SlackPortDeps {
  client: WebClient;
  config: Config;
  slack: SlackConfig;
  log: Logger;
}

export function createSlackPort(deps: SlackPortDeps): ChatPort {
  const { client, config, slack, log } = deps;
  const dmChannels = new Map<string, string>();
  const showCoverImage = config.publicUrlIsSet;

  async function call<T>(method: string, context: Record<string, unknown>, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const code = slackErrorCode(error);
      log.error('Slack API call failed', { method, code, ...context });
      throw new SlackApiError(code, method);
    }
  }

  async function dmChannel(userId: string): Promise<string> {
    const known = dmChannels.get(userId);
    if (known) return known;
    const opened = await call('conversations.open', { user: userId }, () => client.conversations.open({ users: userId }));
    const id = opened.channel?.id;
    if (!id) throw new SlackApiError('no_channel', 'conversations.open');
    dmChannels.set(userId, id);
    return id;
  }

  /** The cover's card JPEG is stored before Slack is told to fetch it (photos stored before it existed). */
  async function cardImageReady(message: OutboundMessage): Promise<boolean> {
    const cover = message.card?.coverPhoto;
    return cover ? ensureCardImage(mediaStore(config.media), cover.hash) : false;
  }

  async function post(
    channel: string,
    message: OutboundMessage,
    threadTs?: string,
    withImages = showCoverImage,
  ): Promise<MessageRef> {
    if (withImages) withImages = await cardImageReady(message);
    const result = await call('chat.postMessage', { channel, threadTs }, () =>
      client.chat.postMessage({
        channel,
        text: renderSlackText(message.text),
        blocks: renderBlocks(message, { showCoverImage: withImages }) as never,
        unfurl_links: false,
        unfurl_media: false,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      }),
    );
    if (!result.ts) throw new SlackApiError('no_ts', 'chat.postMessage');
    const ref: MessageRef = { platform: 'slack', channelId: result.channel ?? channel, messageId: result.ts };
    if (threadTs) ref.threadId = threadTs;
    return ref;
  }

  /** Without a public gallery, Slack cannot fetch the cover photo: upload it in the post's thread. */
  async function uploadCover(message: OutboundMessage, posted: MessageRef): Promise<void> {
    const cover = message.card?.coverPhoto;
    if (!cover) return;
    try {
      const bytes = await cardImage(mediaStore(config.media), cover.hash);
      if (!bytes) return;
      await client.filesUploadV2({
        channel_id: posted.channelId,
        thread_ts: posted.messageId,
        file: bytes,
        filename: cardImageName(cover.hash),
        alt_text: cover.alt,
      } as never);
    } catch (error) {
      // The card is posted; a missing photo is worth a log line, not a failed publish.
      log.warn('cover photo upload failed', { channel: posted.channelId, ts: posted.messageId, code: slackErrorCode(error) });
    }
  }

  return {
    platform: 'slack',

    async sendDirect(userId, message) {
      return post(await dmChannel(userId), message);
    },

    async postToCommunity(message) {
      if (showCoverImage && message.card?.coverPhoto) {
        try {
          return await post(slack.channelId, message);
        } catch (error) {
          // Slack refuses the whole card when it cannot fetch the image (a PUBLIC_URL only the
          // intranet reaches): post it without, and upload the photo instead.
          if (!(error instanceof SlackApiError) || error.code !== 'invalid_blocks') throw error;
          log.warn('Slack could not fetch the gallery image; posting the card with an uploaded photo instead', {
            channel: slack.channelId,
          });
        }
      }
      const posted = await post(slack.channelId, message, undefined, false);
      await uploadCover(message, posted);
      return posted;
    },

    async replyInThread(parent, message) {
      return post(parent.channelId, message, parent.threadId ?? parent.messageId);
    },

    async update(ref, message) {
      const withImage = showCoverImage && (await cardImageReady(message));
      await call('chat.update', { channel: ref.channelId, ts: ref.messageId }, () =>
        client.chat.update({
          channel: ref.channelId,
          ts: ref.messageId,
          text: renderSlackText(message.text),
          blocks: renderBlocks(message, { showCoverImage: withImage }) as never,
        }),
      );
    },

    async remove(ref) {
      try {
        await client.chat.delete({ channel: ref.channelId, ts: ref.messageId });
      } catch (error) {
        const code = slackErrorCode(error);
        // Already gone is what we wanted.
        if (code === 'message_not_found') return;
        log.error('Slack API call failed', { method: 'chat.delete', code, channel: ref.channelId, ts: ref.messageId });
        throw new SlackApiError(code, 'chat.delete');
      }
    },

    async download(photo: IncomingPhoto) {
      return downloadSlackFile(photo, { botToken: slack.botToken, apiUrl: slack.apiUrl, maxBytes: config.maxPhotoBytes, client });
    },

    async profile(userId): Promise<UserProfile | null> {
      try {
        const info = await client.users.info({ user: userId, include_locale: true });
        const user = info.user;
        if (!user) return null;
        const name = user.profile?.display_name || user.profile?.real_name || user.real_name || user.name || userId;
        let mairie: string | null = null;
        if (slack.mairieField) {
          const field = slack.mairieField;
          // A standard profile attribute ("title"…) or a custom field id ("Xf0…", users.profile.get).
          const standard = (user.profile as Record<string, unknown> | undefined)?.[field];
          if (typeof standard === 'string' && standard.trim()) mairie = standard.trim();
          else {
            const full = await client.users.profile.get({ user: userId });
            const value = (full.profile?.fields as Record<string, { value?: string }> | undefined)?.[field]?.value;
            if (value?.trim()) mairie = value.trim();
          }
        }
        const locale = user.locale ? user.locale.slice(0, 2).toLowerCase() : null;
        const isBot = user.is_bot === true || user.id === 'USLACKBOT';
        return { name, mairie, locale: locale === 'fr' || locale === 'en' ? locale : null, ...(isBot ? { isBot } : {}) };
      } catch (error) {
        log.warn('Slack profile lookup failed', { user: userId, code: slackErrorCode(error) });
        return null;
      }
    },

    async permalink(ref) {
      try {
        const result = await client.chat.getPermalink({ channel: ref.channelId, message_ts: ref.messageId });
        return result.permalink ?? null;
      } catch (error) {
        log.warn('Slack permalink lookup failed', { channel: ref.channelId, ts: ref.messageId, code: slackErrorCode(error) });
        return null;
      }
    },
  };
}
