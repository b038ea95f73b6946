/**
 * Bulk loading for synthetic data (`npm run seed`): multi-row inserts in batches, inside the caller's
 * transaction. The gallery's triggers still run for every row, so counts, search index and data
 * version are exactly what ordinary writes would leave.
 */
import type { Insertable } from 'kysely';
import type { DbOrTrx } from './db.js';
import type { Database } from './schema.js';

/** SQLite accepts 32,766 bound values per statement; stay well below. */
const MAX_VALUES = 30_000;

export async function insertRows<T extends keyof Database & string>(
  db: DbOrTrx,
  table: T,
  rows: Insertable<Database[T]>[],
  options: { ignoreDuplicates?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length || 1;
  const batch = Math.max(1, Math.floor(MAX_VALUES / columns));
  for (let i = 0; i < rows.length; i += batch) {
    // Kysely cannot type a table chosen at run time; the rows are typed by the signature above.
    const query = (db as DbOrTrx).insertInto(table as 'agents').values(rows.slice(i, i + batch) as never);
    await (options.ignoreDuplicates ? query.onConflict((oc) => oc.doNothing()) : query).execute();
  }
}

/** Publishes drafts in one statement (the search index is built once per bricolage, not per step). */
export async function publishRange(db: DbOrTrx, fromId: number, toId: number): Promise<void> {
  await db
    .updateTable('bricolages')
    .set({ status: 'published' })
    .where('id', '>=', fromId)
    .where('id', '<=', toId)
    .where('status', '=', 'draft')
    .execute();
}

/** Marks bricolages as featured ("à la une"). */
export async function featureBricolages(db: DbOrTrx, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.updateTable('bricolages').set({ featured: 1 }).where('id', 'in', ids).execute();
}
