/** Queries of the retention job (the job itself is `ops/retention.ts`). */
import { sql } from 'kysely';
import type { DbOrTrx } from './db.js';
import { engineOf } from './dialect.js';

/** Ids of the local chat uploads that some message still shows. */
export async function referencedUploadIds(db: DbOrTrx): Promise<Set<string>> {
  if (engineOf(db) === 'postgres') return referencedUploadIdsPostgres(db);
  const rows = await sql<{ id: string | null }>`
    select json_extract(p.value, '$.id') as id
    from local_messages, json_each(local_messages.extra, '$.photos') as p
    where local_messages.extra is not null and json_valid(local_messages.extra)`.execute(db);
  return new Set(rows.rows.map((r) => r.id).filter((id): id is string => typeof id === 'string'));
}

/** The same on PostgreSQL, where a text column cannot be tested as JSON before the cast: parsed here. */
async function referencedUploadIdsPostgres(db: DbOrTrx): Promise<Set<string>> {
  const rows = await db.selectFrom('local_messages').select('extra').where('extra', 'is not', null).execute();
  const ids = new Set<string>();
  for (const { extra } of rows) {
    try {
      const photos: unknown = (JSON.parse(extra ?? 'null') as { photos?: unknown } | null)?.photos;
      if (Array.isArray(photos))
        for (const p of photos) if (typeof (p as { id?: unknown })?.id === 'string') ids.add((p as { id: string }).id);
    } catch {
      // Not JSON: it references nothing.
    }
  }
  return ids;
}
