/**
 * PostgreSQL's `LISTEN/NOTIFY` between the instances sharing a database: one dedicated connection
 * per instance listens (outside the pool: a pooled connection would be handed to queries), and
 * `notify` publishes through the pool. Notifications are delivered at commit, in commit order, and
 * to the sender's own listener too. The connection is reopened with backoff when lost; while it is
 * down `connected()` is false, and each `onConnect` handler re-reads what it may have missed.
 */
import { sql } from 'kysely';
import pg from 'pg';
import type { Logger } from '../log.js';
import type { DbOrTrx } from './db.js';

export interface DatabaseNotifications {
  /** Calls `handler` with each payload notified on `channel` (any instance, this one included). */
  on(channel: string, handler: (payload: string) => void): void;
  /** Runs after each (re)connection, once every channel is listened to again. */
  onConnect(handler: () => Promise<void> | void): void;
  connected(): boolean;
  /**
   * Resolves once this instance has heard every notification committed before the call: a marker
   * notified through the listening connection comes back after them (one queue, in commit order).
   * Read-your-writes for this instance: after its own commit, the page cache's version has moved
   * before the agent is answered. At once while disconnected (the version is then read per request).
   */
  caughtUp(): Promise<void>;
  close(): Promise<void>;
}

/** Notifies `channel` with `payload` on commit (at once outside a transaction). */
export async function notify(db: DbOrTrx, channel: string, payload: string): Promise<void> {
  await sql`SELECT pg_notify(${channel}, ${payload})`.execute(db);
}

const RETRY_FIRST_MS = 100;
/** The channel of `caughtUp`'s markers (each instance waits for its own, and ignores the others'). */
const MARKER_CHANNEL = 'bricoleur_caught_up';
/** A marker not back by then (connection lost meanwhile) releases its waiter anyway. */
const MARKER_TIMEOUT_MS = 2000;
const RETRY_MAX_MS = 5000;

export function listenForNotifications(url: string, log: Logger): DatabaseNotifications {
  const handlers = new Map<string, ((payload: string) => void)[]>();
  const connectHandlers: (() => Promise<void> | void)[] = [];
  let client: pg.Client | null = null;
  let ready = false;
  let closed = false;
  let retryMs = RETRY_FIRST_MS;
  let retryTimer: NodeJS.Timeout | null = null;
  const markerPrefix = `${process.pid}-${Math.random().toString(36).slice(2, 10)}-`;
  let markers = 0;
  const waiting = new Map<string, () => void>();
  handlers.set(MARKER_CHANNEL, [(payload) => waiting.get(payload)?.()]);

  const listen = (c: pg.Client, channel: string) => c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);

  async function connect(): Promise<void> {
    retryTimer = null;
    if (closed) return;
    const c = new pg.Client({ connectionString: url });
    client = c;
    c.on('notification', (message) => {
      for (const handler of handlers.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    c.on('error', (error) => lost(c, error));
    c.on('end', () => lost(c, null));
    try {
      await c.connect();
      for (const channel of handlers.keys()) await listen(c, channel);
      ready = true;
      retryMs = RETRY_FIRST_MS;
      for (const handler of connectHandlers) await handler();
    } catch (error) {
      lost(c, error);
    }
  }

  function lost(c: pg.Client, error: unknown): void {
    if (client !== c) return;
    client = null;
    ready = false;
    for (const release of [...waiting.values()]) release();
    c.end().catch(() => undefined);
    if (closed) return;
    log.warn('database notifications lost; reconnecting', { error, inMs: retryMs });
    retryTimer = setTimeout(() => void connect(), retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  }

  void connect();

  return {
    on(channel, handler) {
      const known = handlers.get(channel);
      if (known) {
        known.push(handler);
        return;
      }
      handlers.set(channel, [handler]);
      if (client && ready) listen(client, channel).catch((error) => lost(client!, error));
    },
    onConnect(handler) {
      connectHandlers.push(handler);
      if (ready) void handler();
    },
    connected: () => ready,
    caughtUp() {
      const c = client;
      if (!c || !ready) return Promise.resolve();
      const marker = `${markerPrefix}${++markers}`;
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => release(), MARKER_TIMEOUT_MS);
        const release = () => {
          clearTimeout(timer);
          waiting.delete(marker);
          resolve();
        };
        waiting.set(marker, release);
        c.query('SELECT pg_notify($1, $2)', [MARKER_CHANNEL, marker]).catch(() => release());
      });
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const c = client;
      client = null;
      ready = false;
      for (const release of [...waiting.values()]) release();
      await c?.end().catch(() => undefined);
    },
  };
}
