/**
 * The local chat's HTTP API as its page uses it, for journeys through the real server: an agent
 * says something, reads a channel, presses a button. Each write waits until the bot has handled it.
 */
import { expect } from 'vitest';
import type { TestApp } from './app.js';

/** The header the page sends with every API call (the router's cross-site guard wants it). */
export const LOCAL_CHAT_HEADERS = { 'X-Local-Chat': '1' };

export interface ChatButton {
  actionId: string;
  value: string;
  label: string;
}

/** A message as the API returns it (the fields the journeys read). */
export interface ChatMessage {
  id: number;
  author: { id: string; name: string };
  text: string;
  card?: { bricolageId?: number } | null;
  buttons: ChatButton[];
}

/** What pressing a button needs of a message. */
export interface Pressable {
  id: number;
  buttons: { actionId: string; value: string; label?: string }[];
}

export interface SayOptions {
  /** Default: the agent's conversation with the bot, `dm:<agent>`. */
  channel?: string;
  threadId?: string;
  photos?: { name: string; bytes: Buffer; type?: string }[];
}

export interface LocalChatClient {
  say(as: string, text: string, options?: SayOptions): Promise<void>;
  /** A channel's messages as `as` sees them; `M` narrows the type to what a test reads. */
  messages<M = ChatMessage>(as: string, channel: string): Promise<M[]>;
  /** Opens the chat as `as`, as the page does when an agent is picked. */
  open(as: string): Promise<void>;
  /** Presses a button of a message, found by its action id or its label. */
  press(as: string, message: Pressable, which: { actionId: string } | { label: string }): Promise<void>;
}

/** `getApp` is read at each call, so a test may boot a new app per case. */
export function localChatClient(getApp: () => TestApp | undefined): LocalChatClient {
  const app = () => {
    const running = getApp();
    if (!running) throw new Error('the app is not started');
    return running;
  };
  return {
    async say(as, text, options = {}) {
      const form = new FormData();
      form.set('as', as);
      form.set('channel', options.channel ?? `dm:${as}`);
      form.set('text', text);
      if (options.threadId) form.set('threadId', options.threadId);
      for (const p of options.photos ?? []) {
        form.append('photos', new Blob([new Uint8Array(p.bytes)], { type: p.type ?? 'image/jpeg' }), p.name);
      }
      const res = await fetch(`${app().url}/chat/api/messages`, { method: 'POST', body: form, headers: LOCAL_CHAT_HEADERS });
      expect(res.status).toBe(201);
      await app().idle();
    },
    async open(as) {
      const res = await fetch(`${app().url}/chat/api/opened`, {
        method: 'POST',
        headers: { ...LOCAL_CHAT_HEADERS, 'Content-Type': 'application/json' },
        body: JSON.stringify({ as }),
      });
      expect(res.status).toBe(202);
      await app().idle();
    },
    async messages<M>(as: string, channel: string): Promise<M[]> {
      const res = await fetch(`${app().url}/chat/api/channels/${encodeURIComponent(channel)}/messages?as=${as}`, {
        headers: LOCAL_CHAT_HEADERS,
      });
      return ((await res.json()) as { messages: M[] }).messages;
    },
    async press(as, message, which) {
      const button = message.buttons.find((b) => ('actionId' in which ? b.actionId === which.actionId : b.label === which.label));
      expect(button, `button ${JSON.stringify(which)}`).toBeDefined();
      const res = await fetch(`${app().url}/chat/api/messages/${message.id}/buttons`, {
        method: 'POST',
        headers: { ...LOCAL_CHAT_HEADERS, 'Content-Type': 'application/json' },
        body: JSON.stringify({ as, actionId: button!.actionId, value: button!.value }),
      });
      expect(res.status).toBe(202);
      await app().idle();
    },
  };
}
