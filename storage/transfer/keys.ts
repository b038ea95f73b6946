/**
 * Stable keys of exported items. An item made here is `<instance id>:<prefix><id>`; an item brought
 * in keeps the key it had in the archive (`imported_items`), so exporting an imported copy gives the
 * same keys and importing anything twice finds what it already added. Agents are keyed by their chat
 * identity (`<platform>:<user id>`), the same on every instance.
 */
import crypto from 'node:crypto';
import { findAgent } from '../agents.js';
import type { DbOrTrx } from '../db.js';
import type { ImportedItemTable } from '../schema.js';

export type KeyedKind = ImportedItemTable['kind'];

const KINDS: Record<
  KeyedKind,
  { prefix: string; table: 'bricolages' | 'comments' | 'workshops' | 'audit_log' | 'proposal_events' }
> = {
  bricolage: { prefix: 'b', table: 'bricolages' },
  comment: { prefix: 'c', table: 'comments' },
  workshop: { prefix: 'w', table: 'workshops' },
  audit: { prefix: 'a', table: 'audit_log' },
  proposal_event: { prefix: 'e', table: 'proposal_events' },
};

/** Audit subject types whose ids are local rows, written as keys in an archive. */
export const KEYED_SUBJECTS = { bricolage: 'bricolage', comment: 'comment', workshop: 'workshop' } as const;
/** Fields of an audit entry's details that hold local ids, written as keys in an archive. */
export const KEYED_DETAILS = { bricolageId: 'bricolage', commentId: 'comment' } as const;

export const agentKey = (platform: string, userId: string): string => `${platform}:${userId}`;

/** `platform:user` of a nullable joined agent. */
export const agentKeyOrNull = (platform: string | null, userId: string | null): string | null =>
  platform === null || userId === null ? null : agentKey(platform, userId);

/** The local id of the agent an archive names by `platform:user id`, if they are here. */
export async function agentIdOfKey(db: DbOrTrx, key: string): Promise<number | null> {
  const sep = key.indexOf(':');
  if (sep < 1) return null;
  return (await findAgent(db, key.slice(0, sep), key.slice(sep + 1)))?.id ?? null;
}

/** This instance's id, created on first use. */
export async function instanceId(db: DbOrTrx): Promise<string> {
  const row = await db.selectFrom('instance_meta').select('value').where('key', '=', 'instance_id').executeTakeFirst();
  if (row) return row.value;
  const value = crypto.randomBytes(6).toString('hex');
  await db
    .insertInto('instance_meta')
    .values({ key: 'instance_id', value })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await db.selectFrom('instance_meta').select('value').where('key', '=', 'instance_id').executeTakeFirstOrThrow()).value;
}

/** The keys of a page of local rows of one kind, in one query. */
export async function keysOf(
  db: DbOrTrx,
  instance: string,
  kind: KeyedKind,
  ids: readonly number[],
): Promise<Map<number, string>> {
  const keys = new Map<number, string>();
  if (ids.length === 0) return keys;
  const unique = [...new Set(ids)];
  const mapped = await db
    .selectFrom('imported_items')
    .select(['local_id', 'source_key'])
    .where('kind', '=', kind)
    .where('local_id', 'in', unique)
    .execute();
  for (const m of mapped) keys.set(m.local_id, m.source_key);
  for (const id of unique) if (!keys.has(id)) keys.set(id, `${instance}:${KINDS[kind].prefix}${id}`);
  return keys;
}

/** The local row of a key: brought in before, or made here, exported, and brought back. */
export async function localIdOf(db: DbOrTrx, instance: string, kind: KeyedKind, key: string): Promise<number | null> {
  const mapped = await db
    .selectFrom('imported_items')
    .select('local_id')
    .where('kind', '=', kind)
    .where('source_key', '=', key)
    .executeTakeFirst();
  if (mapped) return mapped.local_id;
  const prefix = `${instance}:${KINDS[kind].prefix}`;
  if (!key.startsWith(prefix) || !/^[1-9][0-9]*$/.test(key.slice(prefix.length))) return null;
  const id = Number(key.slice(prefix.length));
  const exists = await db.selectFrom(KINDS[kind].table).select('id').where('id', '=', id).executeTakeFirst();
  return exists ? id : null;
}

/**
 * The number an item had where the archive was made (`<instance>:<prefix><n>`), when no row of its
 * table has that number here: an import keeps it, so the item's address (`/bricolages/<n>`…) is the
 * same after moving house. Null when taken (an instance with content of its own) or not a number.
 */
export async function freeNumberOf(db: DbOrTrx, kind: KeyedKind, key: string): Promise<number | null> {
  const match = new RegExp(`^[^:]+:${KINDS[kind].prefix}([1-9][0-9]{0,15})$`).exec(key);
  return match ? freeId(db, KINDS[kind].table, Number(match[1])) : null;
}

/** `id` when no row of `table` has it yet, else null. */
export async function freeId(
  db: DbOrTrx,
  table: (typeof KINDS)[KeyedKind]['table'] | 'agents',
  id: number | null | undefined,
): Promise<number | null> {
  if (!id || !Number.isSafeInteger(id)) return null;
  const taken = await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
  return taken ? null : id;
}

/** Remembers which local row an archive's key became. */
export async function rememberKey(db: DbOrTrx, kind: KeyedKind, key: string, localId: number): Promise<void> {
  await db.insertInto('imported_items').values({ kind, source_key: key, local_id: localId }).execute();
}
