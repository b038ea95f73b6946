/**
 * `mes données` download links. The token is random (256 bits) and only its SHA-256 is stored, so
 * neither the database nor a backup holds a usable link; each one expires.
 */
import crypto from 'node:crypto';
import type { DbOrTrx } from './db.js';

export const EXPORT_TTL_MS = 24 * 3_600_000;

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** A token only its URL-safe alphabet and length can be: anything else is refused before a query. */
export function isExportToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** Creates a download token for the agent's export; returns the token (never stored as such). */
export async function createExportToken(db: DbOrTrx, agentId: number, now = Date.now()): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await db.deleteFrom('data_exports').where('expires_at', '<', new Date(now).toISOString()).execute();
  await db
    .insertInto('data_exports')
    .values({
      token_hash: hash(token),
      agent_id: agentId,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + EXPORT_TTL_MS).toISOString(),
    })
    .execute();
  return token;
}

/** The agent a live token belongs to, or null (unknown, expired, malformed). */
export async function agentOfExportToken(db: DbOrTrx, token: string, now = Date.now()): Promise<number | null> {
  if (!isExportToken(token)) return null;
  const row = await db
    .selectFrom('data_exports')
    .select('agent_id')
    .where('token_hash', '=', hash(token))
    .where('expires_at', '>', new Date(now).toISOString())
    .executeTakeFirst();
  return row?.agent_id ?? null;
}
