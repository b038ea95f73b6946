/**
 * The inbox: every inbound event is stored before it is acknowledged, unique per platform + id.
 * Inserts go through a group commit (`createInboxWriter`): what arrives within one event-loop turn
 * shares one transaction committed with `synchronous = FULL`, so each acknowledged event is as
 * durable as with one commit per event, at a fraction of the fsyncs. A failing event is retried
 * with backoff, then kept aside (`failed_at`) with its error.
 */
import { CompiledQuery } from 'kysely';
import type { Db, DbOrTrx } from './db.js';
import { nowIso } from './db.js';
import { type Engine, engineOf } from './dialect.js';
import type { InboxRow } from './schema.js';

interface InboundKey {
  platform: string;
  eventId: string;
}

/** Stores one event in its own transaction; `null` when the platform already delivered it. */
export async function recordInbound(db: DbOrTrx, event: InboundKey): Promise<number | null> {
  const result = await db
    .insertInto('inbox')
    .values({ platform: event.platform, event_id: event.eventId, payload: JSON.stringify(event), received_at: nowIso() })
    .onConflict((oc) => oc.columns(['platform', 'event_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return result?.id ?? null;
}

export interface InboxWriter {
  /** Resolves with the new row id once committed durably, or `null` for a redelivery. */
  record(event: InboundKey): Promise<number | null>;
  /** Resolves once every record asked for so far is committed. */
  drain(): Promise<void>;
}

interface Waiting {
  event: InboundKey;
  resolve(id: number | null): void;
  reject(error: unknown): void;
}

/**
 * SQLite: one row per statement, always the same SQL text: prepared once and reused from the
 * connection's statement cache (a multi-row INSERT has a new text per batch size, so it is parsed
 * again each time, and building it through Kysely's `sql` template costs more than the insert itself).
 */
const INSERT_ONE_SQLITE =
  'insert into inbox (platform, event_id, payload, received_at) values (?, ?, ?, ?) on conflict (platform, event_id) do nothing returning id';

/**
 * PostgreSQL: the whole batch in one statement, always the same text whatever its size: a round
 * trip per row would wait each time for this process's event loop, busy answering the batch's
 * requests. Rows go in in the batch's order (ids ascend with it).
 */
const INSERT_BATCH_POSTGRES = `insert into inbox (platform, event_id, payload, received_at)
  select t.platform, t.event_id, t.payload, $4
  from unnest($1::text[], $2::text[], $3::text[]) with ordinality as t(platform, event_id, payload, n)
  order by t.n on conflict (platform, event_id) do nothing returning id, platform, event_id`;

const keyOf = (event: InboundKey) => `${event.platform}\u0000${event.eventId}`;

/** Inserts one batch (distinct keys) in one transaction; the ids of the rows inserted, by key. */
type InsertBatch = (conn: Db, events: InboundKey[], receivedAt: string) => Promise<Map<string, number>>;

const INSERT_BATCH: Record<Engine, InsertBatch> = {
  async sqlite(conn, events, receivedAt) {
    const ids = new Map<string, number>();
    await conn.transaction().execute(async (trx) => {
      for (const event of events) {
        const { rows } = await trx.executeQuery<{ id: number }>(
          CompiledQuery.raw(INSERT_ONE_SQLITE, [event.platform, event.eventId, JSON.stringify(event), receivedAt]),
        );
        if (rows.length > 0) ids.set(keyOf(event), rows[0].id);
      }
    });
    return ids;
  },
  async postgres(conn, events, receivedAt) {
    const { rows } = await conn.executeQuery<{ id: number; platform: string; event_id: string }>(
      CompiledQuery.raw(INSERT_BATCH_POSTGRES, [
        events.map((e) => e.platform),
        events.map((e) => e.eventId),
        events.map((e) => JSON.stringify(e)),
        receivedAt,
      ]),
    );
    return new Map(rows.map((r) => [`${r.platform}\u0000${r.event_id}`, r.id]));
  },
};

/**
 * Group commit: records asked for while a commit is under way, or within the same event-loop turn,
 * are inserted together in the next transaction, under `synchronous = FULL` (the connection's
 * default stays NORMAL: every other write is either derived from an inbox row, so replayable, or
 * the local chat's own). On PostgreSQL the same: `synchronous_commit = on` for this commit only
 * (`storage/db.ts` opens connections with it off).
 */
export function createInboxWriter(db: Db): InboxWriter {
  const engine = engineOf(db);
  const insertBatch = INSERT_BATCH[engine];
  const durable =
    engine === 'sqlite'
      ? ['pragma synchronous = FULL', 'pragma synchronous = NORMAL']
      : ['SET synchronous_commit = on', 'SET synchronous_commit = off'];
  let queue: Waiting[] = [];
  let running: Promise<void> | null = null;

  async function commit(batch: Waiting[]): Promise<void> {
    const receivedAt = nowIso();
    // One row per distinct key; a key repeated within the batch is a redelivery of the first.
    const firsts = new Map<string, Waiting>();
    for (const w of batch) {
      const key = keyOf(w.event);
      if (!firsts.has(key)) firsts.set(key, w);
    }
    const events = [...firsts.values()].map((w) => w.event);
    const ids = await db.connection().execute(async (conn) => {
      await conn.executeQuery(CompiledQuery.raw(durable[0]));
      try {
        return await insertBatch(conn, events, receivedAt);
      } finally {
        await conn.executeQuery(CompiledQuery.raw(durable[1]));
      }
    });
    for (const w of batch) {
      const key = keyOf(w.event);
      w.resolve(firsts.get(key) === w ? (ids.get(key) ?? null) : null);
    }
  }

  async function loop(): Promise<void> {
    // Let the rest of this event-loop turn's requests join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        await commit(batch);
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    running = null;
  }

  return {
    record(event) {
      return new Promise((resolve, reject) => {
        queue.push({ event, resolve, reject });
        running ??= loop();
      });
    },
    async drain() {
      while (running) await running;
    },
  };
}

/**
 * Marks a row processed, in the transaction of its processing: false when it already was (another
 * instance committed it first, or it was set aside), and the caller rolls back. Run first in that
 * transaction, it holds the row until the commit, so two processings of one row never both commit.
 */
export async function markProcessed(db: DbOrTrx, id: number): Promise<boolean> {
  const result = await db
    .updateTable('inbox')
    .set({ processed_at: nowIso(), error: null, next_attempt_at: null })
    .where('id', '=', id)
    .where('processed_at', 'is', null)
    .where('failed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface FailureOutcome {
  attempts: number;
  /** True when the attempts are spent and the event is now kept aside. */
  setAside: boolean;
  /** When it is due again (null once set aside). */
  nextAttemptAt: string | null;
}

/**
 * Records a failed attempt: due again after `backoffMs(attempts)`, or kept aside with its error
 * once `maxAttempts` is reached.
 */
export async function recordFailure(
  db: DbOrTrx,
  id: number,
  error: string,
  policy: { maxAttempts: number; backoffMs(attempts: number): number },
  now = new Date(),
): Promise<FailureOutcome> {
  const row = await db.selectFrom('inbox').select('attempts').where('id', '=', id).executeTakeFirst();
  const attempts = (row?.attempts ?? 0) + 1;
  const setAside = attempts >= policy.maxAttempts;
  const nextAttemptAt = setAside ? null : new Date(now.getTime() + policy.backoffMs(attempts)).toISOString();
  await db
    .updateTable('inbox')
    .set({
      attempts,
      error: error.slice(0, 2000),
      next_attempt_at: nextAttemptAt,
      failed_at: setAside ? now.toISOString() : null,
      claimed_by: null,
      claimed_until: null,
    })
    .where('id', '=', id)
    .execute();
  return { attempts, setAside, nextAttemptAt };
}

/** Events stored but neither processed nor set aside (replayed at start), oldest first. */
export async function listUnprocessed(db: DbOrTrx, platforms: string[]): Promise<InboxRow[]> {
  if (platforms.length === 0) return [];
  return db
    .selectFrom('inbox')
    .selectAll()
    .where('processed_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('platform', 'in', platforms)
    .orderBy('id')
    .execute();
}

/** Failed events whose next attempt is due by `now`, oldest first. */
export async function listDueRetries(db: DbOrTrx, platforms: string[], now = nowIso(), limit = 500): Promise<InboxRow[]> {
  if (platforms.length === 0) return [];
  return db
    .selectFrom('inbox')
    .selectAll()
    .where('processed_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('next_attempt_at', 'is not', null)
    .where('next_attempt_at', '<=', now)
    .where('platform', 'in', platforms)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The earliest pending retry time, so the retry timer sleeps exactly until then. */
export async function nextRetryAt(db: DbOrTrx): Promise<string | null> {
  const row = await db
    .selectFrom('inbox')
    .select((eb) => eb.fn.min('next_attempt_at').as('at'))
    .where('processed_at', 'is', null)
    .where('failed_at', 'is', null)
    .executeTakeFirst();
  return (row?.at as string | null | undefined) ?? null;
}

/** Neither processed nor set aside: processing it now is still wanted. */
export async function isPending(db: DbOrTrx, id: number): Promise<boolean> {
  const row = await db.selectFrom('inbox').select(['processed_at', 'failed_at']).where('id', '=', id).executeTakeFirst();
  return Boolean(row && !row.processed_at && !row.failed_at);
}

export interface FailedEvent {
  id: number;
  platform: string;
  eventId: string;
  /** The stored event (an `InboundEvent` as JSON). */
  payload: string;
  receivedAt: string;
  failedAt: string;
  attempts: number;
  error: string | null;
}

/** Events kept aside after their last attempt, newest first, one page at a time (animateurs' list). */
export async function listFailedEvents(db: DbOrTrx, page: { limit?: number; offset?: number } = {}): Promise<FailedEvent[]> {
  const rows = await db
    .selectFrom('inbox')
    .select(['id', 'platform', 'event_id', 'payload', 'received_at', 'failed_at', 'attempts', 'error'])
    .where('failed_at', 'is not', null)
    .orderBy('failed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(page.limit ?? 50, 1), 500))
    .offset(Math.max(page.offset ?? 0, 0))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    platform: r.platform,
    eventId: r.event_id,
    payload: r.payload,
    receivedAt: r.received_at,
    failedAt: r.failed_at!,
    attempts: r.attempts,
    error: r.error,
  }));
}

export async function countFailedEvents(db: DbOrTrx): Promise<number> {
  const row = await db
    .selectFrom('inbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('failed_at', 'is not', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Events stored and not yet processed nor set aside (the backlog, for `/metrics`). */
export async function countWaiting(db: DbOrTrx): Promise<number> {
  const row = await db
    .selectFrom('inbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('processed_at', 'is', null)
    .where('failed_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Puts a kept-aside event back in line (an animateur fixed the cause); true when it was aside. */
export async function retryFailedEvent(db: DbOrTrx, id: number): Promise<boolean> {
  const result = await db
    .updateTable('inbox')
    .set({ failed_at: null, attempts: 0, next_attempt_at: nowIso() })
    .where('id', '=', id)
    .where('failed_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Retention: deletes processed rows received before `before`; returns how many. */
export async function pruneProcessed(db: DbOrTrx, before: string): Promise<number> {
  const result = await db
    .deleteFrom('inbox')
    .where('processed_at', 'is not', null)
    .where('received_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * WAL checkpoints on the ingest's terms. SQLite checkpoints automatically in whichever commit makes
 * the log pass 1,000 pages, and that commit (with its fsyncs) blocks the one thread that also
 * acknowledges: during a burst it is a 10–30 ms stall every few hundred events. The processing loop
 * turns the automatic checkpoint off for its connection and checkpoints itself between bursts
 * (`checkpointWal`), and at least every few seconds during a long one.
 */
export async function takeOverCheckpoints(db: Db): Promise<void> {
  // PostgreSQL checkpoints in its own background process: nothing to take over.
  if (engineOf(db) === 'postgres') return;
  await db.executeQuery(CompiledQuery.raw('pragma wal_autocheckpoint = 0'));
}

/** Copies the log into the database where no reader prevents it (PASSIVE); returns the log's pages. */
export async function checkpointWal(db: Db): Promise<number> {
  if (engineOf(db) === 'postgres') return 0;
  const { rows } = await db.executeQuery<{ log: number }>(CompiledQuery.raw('pragma wal_checkpoint(PASSIVE)'));
  return Number(rows[0]?.log ?? 0);
}
