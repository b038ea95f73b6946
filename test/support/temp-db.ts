/** A real SQLite file in a fresh temporary folder, migrated, for one test file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Db, migrate, openDatabase } from '../../storage/db.js';

export interface TempDb {
  db: Db;
  dir: string;
  file: string;
  cleanup(): Promise<void>;
}

export async function createTempDb(options: { migrate?: boolean } = {}): Promise<TempDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bricoleur-test-'));
  const file = path.join(dir, 'test.sqlite');
  const db = openDatabase(file);
  if (options.migrate !== false) await migrate(db);
  return {
    db,
    dir,
    file,
    async cleanup() {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh temporary folder removed by the returned function. */
export function tempDir(prefix = 'bricoleur-test-'): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
