/** Queries of the retention job (the job itself is `ops/retention.ts`). */
import { sql } from 'kysely';
import type { DbOrTrx } from './db.js';

/** Ids of the local chat uploads that some message still shows. */
export async function referencedUploadIds(db: DbOrTrx): Promise<Set<string>> {
  const rows = await sql<{ id: string | null }>`
    select json_extract(p.value, '$.id') as id
    from local_messages, json_each(local_messages.extra, '$.photos') as p
    where local_messages.extra is not null and json_valid(local_messages.extra)`.execute(db);
  return new Set(rows.rows.map((r) => r.id).filter((id): id is string => typeof id === 'string'));
}
