/** Boots the whole product on 127.0.0.1, port 0, with a temporary DATA_DIR. */
import { loadConfig } from '../../config.js';
import { createLogger } from '../../log.js';
import { type RunningApp, startApp } from '../../main.js';
import { tempDir } from './temp-db.js';

export interface TestApp extends RunningApp {
  dataDir: string;
  /** Stops the server and removes its data folder. */
  close(): Promise<void>;
}

export async function bootApp(env: Record<string, string> = {}, dataDir?: string): Promise<TestApp> {
  const temp = dataDir ? null : tempDir();
  const dir = dataDir ?? temp!.dir;
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, SEED_DEMO: 'false', ...env });
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
      temp?.remove();
    },
  };
}
