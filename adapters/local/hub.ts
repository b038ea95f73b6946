/**
 * Server-sent events for the page: every change says only which channel changed, and the page
 * refetches it. Simple and robust (a missed event is healed by the next one or a reload).
 */
import type { Response } from 'express';
import type { Logger } from '../../log.js';
import type { Db } from '../../storage/db.js';
import { type DatabaseNotifications, notify } from '../../storage/notifications.js';
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

/** The PostgreSQL channel the instances tell each other which local chat channel changed on. */
const CHANGED_CHANNEL = 'local_chat_changed';

/**
 * Several instances on one PostgreSQL database: a change is published to every instance's pages
 * (the one that made it included) through `NOTIFY`. While this instance's listener is down, its own
 * pages hear it directly; a page that missed one heals at its next event or reload.
 */
export function acrossInstances(hub: EventHub, db: Db, notifications: DatabaseNotifications, log: Logger): EventHub {
  notifications.on(CHANGED_CHANNEL, (channelId) => hub.publish(channelId));
  return {
    ...hub,
    publish(channelId) {
      if (!notifications.connected()) hub.publish(channelId);
      notify(db, CHANGED_CHANNEL, channelId).catch((error) => log.warn('local chat change not notified', { error }));
    },
  };
}
