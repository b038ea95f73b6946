/**
 * Real Chromium for tests: Debian's /usr/bin/chromium driven by playwright-core (no downloaded
 * browser). Browser tests skip with a plain message when it is not installed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}

/** Call once at the top of a browser test file: says why its tests are skipped. */
export function warnIfNoChromium(what: string): void {
  if (!chromiumAvailable()) console.warn(`${what}: skipped, Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium).`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * Where a browser test saves a screenshot: `docs/screenshots/` (shown in the README) when run as
 * `npm run screenshots`, else a temporary folder so an ordinary test run changes no tracked file.
 */
export function screenshotPath(name: string): string {
  const dir = process.env.UPDATE_SCREENSHOTS
    ? path.resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots')
    : path.join(os.tmpdir(), 'bricoleur-screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
