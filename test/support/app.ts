/** Boots the whole product on 127.0.0.1, port 0, with a temporary DATA_DIR, on either engine. */
import { loadConfig } from '../../config.js';
import { createLogger } from '../../log.js';
import { type RunningApp, startApp } from '../../main.js';
import { migrate, openDatabase } from '../../storage/db.js';
import type { Engine } from '../../storage/dialect.js';
import { createPostgresDatabase, tempDir } from './temp-db.js';

export interface TestApp extends RunningApp {
  dataDir: string;
  /** Stops the server and removes its data folder (and its PostgreSQL database). */
  close(): Promise<void>;
}

/**
 * On PostgreSQL, the app gets a database of its own, migrated first as `npm run migrate` would
 * (an instance never migrates a shared database), and dropped on close.
 */
export async function bootApp(env: Record<string, string> = {}, dataDir?: string, engine: Engine = 'sqlite'): Promise<TestApp> {
  const temp = dataDir ? null : tempDir();
  const dir = dataDir ?? temp!.dir;
  const database = engine === 'postgres' ? await createPostgresDatabase() : null;
  if (database) {
    const db = openDatabase(database.url);
    await migrate(db);
    await db.destroy();
  }
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    SEED_DEMO: 'false',
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...env,
  });
  // The scheduler runs what is due at start; later slots only when a test calls `app.scheduler.tick()`,
  // so no timed job (progress announcements…) slips a message into a journey at a minute boundary.
  const running = await startApp(config, createLogger('test-app', true), { scheduler: { tickMs: 0 } });
  // Start does not wait for the chat platforms; journeys do (their first check, whatever its outcome).
  await running.platforms.firstAttempts();
  return {
    ...running,
    dataDir: dir,
    async close() {
      await running.stop();
      await database?.drop();
      temp?.remove();
    },
  };
}
