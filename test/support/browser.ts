/**
 * Real Chromium for tests: Debian's /usr/bin/chromium driven by playwright-core (no downloaded
 * browser). Browser tests skip with a plain message when it is not installed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}

/** Call once at the top of a browser test file: says why its tests are skipped. */
export function warnIfNoChromium(what: string): void {
  if (!chromiumAvailable()) console.warn(`${what}: skipped, Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium).`);
}

/** `extraArgs`: more Chromium switches (a test's own host resolution rules, for instance). */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', ...extraArgs],
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

const AXE = path.resolve(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js');

/**
 * axe-core's violations on the page, one readable line each (empty when none): the WCAG 2.1 A and AA
 * rules, plus the page-structure rules of its best practices (one `h1`, one `main`, all content
 * inside landmarks).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE }).catch(async () => {
    // A page whose CSP forbids injected scripts (and no bypassCSP): evaluate the library source instead.
    await page.evaluate(fs.readFileSync(AXE, 'utf8'));
  });
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(o: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }> };
      }
    ).axe;
    return axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      rules: { region: { enabled: true }, 'page-has-heading-one': { enabled: true }, 'landmark-one-main': { enabled: true } },
    });
  });
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}
