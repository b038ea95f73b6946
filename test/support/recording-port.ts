/** A ChatPort that records what the bot sends, like a chat would show it; files come from a map. */
import type { ChatPort, IncomingPhoto, MessageRef, OutboundMessage, Platform, UserProfile } from '../../bot/ports.js';

export interface Sent {
  kind: 'direct' | 'community' | 'thread' | 'update' | 'remove';
  to: string;
  message: OutboundMessage;
  ref: MessageRef;
}

export class RecordingPort implements ChatPort {
  readonly sent: Sent[] = [];
  readonly files = new Map<string, Buffer>();
  readonly profiles = new Map<string, UserProfile>();
  failCommunityPosts = false;
  /** When set, `permalink` waits for it (a slow chat API). */
  permalinkGate: Promise<void> | null = null;
  private counter = 0;

  readonly platform: Platform;

  constructor(platform: Platform = 'local') {
    this.platform = platform;
  }

  private ref(channelId: string, threadId?: string): MessageRef {
    return { platform: this.platform, channelId, messageId: String(++this.counter), threadId };
  }

  async sendDirect(userId: string, message: OutboundMessage): Promise<MessageRef> {
    const ref = this.ref(`dm:${userId}`);
    this.sent.push({ kind: 'direct', to: userId, message, ref });
    return ref;
  }
  async postToCommunity(message: OutboundMessage): Promise<MessageRef> {
    if (this.failCommunityPosts) throw new Error('channel_not_found');
    const ref = this.ref('communaute');
    this.sent.push({ kind: 'community', to: 'communaute', message, ref });
    return ref;
  }
  async replyInThread(parent: MessageRef, message: OutboundMessage): Promise<MessageRef> {
    const ref = this.ref(parent.channelId, parent.messageId);
    this.sent.push({ kind: 'thread', to: parent.messageId, message, ref });
    return ref;
  }
  async update(ref: MessageRef, message: OutboundMessage): Promise<void> {
    this.sent.push({ kind: 'update', to: ref.messageId, message, ref });
  }
  async remove(ref: MessageRef): Promise<void> {
    this.sent.push({ kind: 'remove', to: ref.messageId, message: { text: '' }, ref });
  }
  async download(photo: IncomingPhoto): Promise<Buffer> {
    const bytes = this.files.get(photo.url);
    if (!bytes) throw new Error(`no such file ${photo.url}`);
    return bytes;
  }
  async profile(userId: string): Promise<UserProfile | null> {
    return this.profiles.get(userId) ?? null;
  }
  async permalink(ref: MessageRef): Promise<string | null> {
    if (this.permalinkGate) await this.permalinkGate;
    return `https://chat.example/${ref.channelId}/${ref.messageId}`;
  }

  /** Texts of the direct messages sent to a user, oldest first. */
  directTexts(userId: string): string[] {
    return this.sent.filter((s) => s.kind === 'direct' && s.to === userId).map((s) => s.message.text);
  }
  lastDirect(userId: string): OutboundMessage | undefined {
    return this.sent.filter((s) => s.kind === 'direct' && s.to === userId).at(-1)?.message;
  }
  community(): Sent[] {
    return this.sent.filter((s) => s.kind === 'community');
  }
}
