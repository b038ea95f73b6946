/**
 * Online copies of the SQLite file with SQLite's backup API (`node:sqlite`'s `backup()`): safe
 * while the server is running and writing, page by page, consistent at one point in time.
 */
import { backup, DatabaseSync } from 'node:sqlite';

/** Copies `file` to `destination` (a new file) while other connections may keep writing. */
export async function snapshotDatabase(file: string, destination: string): Promise<number> {
  const source = new DatabaseSync(file, { readOnly: true });
  try {
    return await backup(source, destination, { rate: 1000 });
  } finally {
    source.close();
  }
}

/** True when `file` is a readable SQLite database whose integrity check passes. */
export function checkDatabase(file: string): boolean {
  let db: DatabaseSync | null = null;
  try {
    db = new DatabaseSync(file, { readOnly: true });
    const row = db.prepare('pragma integrity_check').get() as { integrity_check?: string } | undefined;
    return row?.integrity_check === 'ok';
  } catch {
    return false;
  } finally {
    db?.close();
  }
}
