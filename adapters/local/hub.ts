/**
 * Server-sent events for the page: every change says only which channel changed, and the page
 * refetches it. Simple and robust (a missed event is healed by the next one or a reload).
 */
import type { Response } from 'express';
import { COMMUNITY_CHANNEL, dmChannel } from './agents.js';

export interface Subscriber {
  userId: string;
  res: Response;
}

export interface EventHub {
  subscribe(userId: string, res: Response): () => void;
  /** Tells every subscriber who can read `channelId` that it changed. */
  publish(channelId: string): void;
  /** For tests: how many pages are listening. */
  size(): number;
  close(): void;
}

/** Whether `userId` may read `channelId`: the community channel and their own DM only. */
export function canRead(userId: string, channelId: string): boolean {
  return channelId === COMMUNITY_CHANNEL || channelId === dmChannel(userId);
}

export function createEventHub(keepAliveMs = 25_000): EventHub {
  const subscribers = new Set<Subscriber>();
  const timer = setInterval(() => {
    for (const s of subscribers) s.res.write(': keep-alive\n\n');
  }, keepAliveMs);
  timer.unref();

  return {
    subscribe(userId, res) {
      const sub = { userId, res };
      subscribers.add(sub);
      return () => subscribers.delete(sub);
    },
    publish(channelId) {
      const data = JSON.stringify({ channel: channelId });
      for (const s of subscribers) {
        if (canRead(s.userId, channelId)) s.res.write(`event: changed\ndata: ${data}\n\n`);
      }
    },
    size: () => subscribers.size,
    close() {
      clearInterval(timer);
      for (const s of subscribers) s.res.end();
      subscribers.clear();
    },
  };
}
