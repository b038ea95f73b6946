/**
 * The contract the core owns. Adapters translate platform payloads into `InboundEvent`s and
 * implement `ChatPort`; raw Slack / Teams / local payloads never cross this line.
 */

export type Platform = 'slack' | 'teams' | 'local';

/** Where a message lives on a platform. `threadId` is set for replies inside a thread. */
export interface MessageRef {
  platform: Platform;
  channelId: string;
  messageId: string;
  threadId?: string;
}

/** Who did something, as the platform knows them. */
export interface ChatUser {
  /** The platform's own user id (Slack `U…`, Teams AAD id, local demo id). */
  id: string;
  /** Display name when the payload carries it; the adapter's `profile()` fills gaps. */
  name?: string;
  /** The language of the user's chat client when the platform tells it (`fr`, `en`…): the bot follows it. */
  locale?: string;
}

/**
 * A file attached to a message. Serialisable on purpose: inbound events are stored in the inbox
 * before processing and replayed after a crash, so the bytes are fetched later via `ChatPort.download`.
 */
export interface IncomingPhoto {
  /** Platform file id, or any stable id the adapter can download from. */
  id: string;
  name?: string;
  /** What the platform claims; never trusted, the bytes are sniffed. */
  declaredType?: string;
  /** Size in bytes when the platform says it (lets the core refuse before downloading). */
  size?: number;
  /** Where the adapter downloads it from (authenticated URL, local upload key…). */
  url: string;
}

interface EventBase {
  platform: Platform;
  /** Unique per platform; a redelivery carries the same id and is dropped by the inbox. */
  eventId: string;
  user: ChatUser;
  /** ISO 8601 timestamp of when the platform says it happened. */
  at: string;
}

export type InboundEvent = EventBase &
  (
    | { type: 'directMessage'; ref: MessageRef; text: string; photos: IncomingPhoto[] }
    | { type: 'threadReply'; ref: MessageRef; parent: MessageRef; text: string; photos: IncomingPhoto[] }
    | { type: 'messageEdited'; ref: MessageRef; text: string }
    | { type: 'messageDeleted'; ref: MessageRef }
    | { type: 'reactionAdded' | 'reactionRemoved'; target: MessageRef; emoji: string }
    | { type: 'buttonPressed'; ref: MessageRef; actionId: string; value: string }
    | { type: 'slashCommand'; text: string; channelId?: string }
    /** A whole bricolage sent at once from a form (Slack modal): published without the wizard. */
    | { type: 'formSubmitted'; ref: MessageRef; form: SubmittedForm; photos: IncomingPhoto[] }
    /** The agent arrived: joined the community channel, added the bot, or opened the local chat (a welcome is due once). */
    | { type: 'memberJoined' }
  );

/** The fields of the posting form; photos (the event's `photos`) illustrate the first step. */
export interface SubmittedForm {
  title: string;
  problem: string;
  /** A category name or number, read like a typed answer. */
  category: string;
  steps: string[];
}

export type InboundEventType = InboundEvent['type'];

/** A button shown under a message; pressing it comes back as a `buttonPressed` event. */
export interface Button {
  actionId: string;
  value: string;
  label: string;
  style?: 'primary' | 'danger';
  /** A link button opens this URL instead of sending an event. */
  url?: string;
}

/** A photo the adapter can show. */
export interface CardPhoto {
  hash: string;
  /** The gallery URL of a stored WebP rendition (the local chat's page shows it). */
  url: string;
  /**
   * The gallery URL of its chat-card JPEG, within 1024×1024: what Slack and Teams show, as neither
   * takes WebP in cards. Photos stored before it existed get it from the adapter (`ensureCardImage`).
   */
  cardImageUrl: string;
  alt: string;
}

/**
 * The rich card of a bricolage (the community post, and the preview before publishing).
 * Every label is already rendered in the reader's language by the core.
 */
export interface BricolageCard {
  bricolageId?: number;
  title: string;
  problem: string;
  category: string;
  authorName: string;
  mairie: string | null;
  steps: { position: number; text: string; photos: CardPhoto[] }[];
  /** The first photo, shown large on the community post. */
  coverPhoto?: CardPhoto;
  galleryUrl?: string;
  labels: {
    problem: string;
    steps: string;
    stepCount: string;
    category: string;
    byline: string;
    /** Said when a platform shortens the steps to fit its size limit and sends them whole apart. */
    stepsShortened: string;
  };
}

/**
 * A platform-neutral message. `text` is always set (fallback and notification text).
 *
 * Formatting contract of `text` — the subset the catalogues (`bot/messages/*.ts`) already use, and
 * nothing else:
 * - `*bold*`: one asterisk on each side, on one line (`*1/5 — Quel est son titre ?*`);
 * - bare `http://` / `https://` URLs, shown as links (`… dans la galerie : {url}`);
 * - `\n` line breaks (`•` bullets are plain characters).
 * Everything else is literal text, including what agents typed (`« {text} »`): adapters escape it for
 * their platform (`<`, `&`, markup characters) so it is shown as typed and never becomes markup,
 * mentions or HTML. `parseRichText` (`bot/rich-text.ts`) is the one parser; each adapter renders its
 * runs (Slack mrkdwn in `adapters/slack/text.ts`, Teams HTML in `adapters/teams/text.ts`, the local
 * page's DOM from runs computed in `adapters/local/text.ts`).
 */
export interface OutboundMessage {
  text: string;
  buttons?: Button[];
  /**
   * The buttons whose action id is `choices.actionId` are one list of choices (`bot/choices.ts`): a
   * platform that cannot show them all as buttons (Teams shows six) offers them as a menu instead.
   */
  choices?: ChoiceList;
  card?: BricolageCard;
}

/** A list of choices among a message's buttons, with the labels of the menu it may become. */
export interface ChoiceList {
  actionId: string;
  /** The menu's placeholder ("Choisissez dans la liste…"). */
  placeholder: string;
  /** The one button that sends the chosen item ("Valider"). */
  submit: string;
}

/** What an adapter knows of a user beyond the event (Slack `users.info`, local demo list…). */
export interface UserProfile {
  name: string;
  /** True for bots and apps (never welcomed). */
  isBot?: boolean;
  mairie?: string | null;
  locale?: string | null;
}

/** Product intents, not platform features. One per platform, implemented by its adapter. */
export interface ChatPort {
  readonly platform: Platform;
  /** Sends a direct message to a user (opening the DM conversation if needed). */
  sendDirect(userId: string, message: OutboundMessage): Promise<MessageRef>;
  /** Posts in the configured community channel. */
  postToCommunity(message: OutboundMessage): Promise<MessageRef>;
  replyInThread(parent: MessageRef, message: OutboundMessage): Promise<MessageRef>;
  update(ref: MessageRef, message: OutboundMessage): Promise<void>;
  remove(ref: MessageRef): Promise<void>;
  /**
   * Downloads an attached file's bytes, authenticated as the platform requires. Throws
   * `PhotoTooLargeError` over the size limit and `PhotoDownloadError` when the bytes cannot be had
   * (`bot/errors.ts`); the agent is told which.
   */
  download(photo: IncomingPhoto): Promise<Buffer>;
  /** Profile details for a user id; `null` when the platform cannot tell. */
  profile(userId: string): Promise<UserProfile | null>;
  /** A link that opens the message in the chat client, when the platform has one. */
  permalink(ref: MessageRef): Promise<string | null>;
  /**
   * `oublie-moi`: erases what the platform's own storage holds of this user (their messages, their
   * conversation with the bot, reactions, uploads). Only adapters that own that storage implement it
   * (the local chat); Slack and Teams keep their own data under their own retention rules.
   */
  forgetUser?(userId: string): Promise<void>;
  /**
   * A file the bot refused (too large, not an image, unreadable): the platform's copy can go at once.
   * Only adapters that keep uploads themselves implement it (the local chat).
   */
  discardPhoto?(photo: IncomingPhoto): Promise<void>;
}

/** What adapters call. Implemented by `createBot` in `bot/handle-event.ts`. */
export interface BotCore {
  /**
   * Records the event in the inbox (idempotent on platform + eventId) and schedules its processing.
   * Resolves once the event is durably stored, so the adapter may acknowledge the platform then.
   */
  receive(event: InboundEvent): Promise<{ duplicate: boolean }>;
  /** Makes this adapter's port the way the core talks to its platform. */
  registerPort(port: ChatPort): void;
  /** Resolves once everything received so far has been processed (tests, graceful stop). */
  idle(): Promise<void>;
}
