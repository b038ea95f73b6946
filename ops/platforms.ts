/**
 * Where each configured chat platform stands, for `/readyz` and the logs. The server never waits
 * for a platform at start: each one's connection check (Slack `auth.test` or Socket Mode, a Teams
 * token) runs in the background and is retried with a growing delay until it succeeds; later
 * failures (a reconciliation that could not reach the platform) are reported here too.
 */
import type { Logger } from '../log.js';

export type PlatformState = 'connecting' | 'connected' | 'failing';

export interface PlatformStatus {
  state: PlatformState;
  /** The last error met (name and message only), kept after a later success for the operator. */
  lastError: string | null;
  lastErrorAt: string | null;
  lastSuccessAt: string | null;
  /** Connection attempts made so far. */
  attempts: number;
}

export interface PlatformMonitor {
  /** Runs `attempt` now and, while it fails, again after 1 s, 2 s, 4 s… (at most `maxDelayMs`). */
  connect(platform: string, attempt: () => Promise<void>): void;
  /**
   * An error met later (a scheduled reconciliation that could not reach the platform): kept as the
   * platform's last error; its state stays the connection check's.
   */
  noteError(platform: string, error: unknown): void;
  statuses(): Record<string, PlatformStatus>;
  /** Resolves once every platform given to `connect` has had its first attempt (tests wait for it). */
  firstAttempts(): Promise<void>;
  /** Stops retrying (the server is stopping); an attempt under way is left to end on its own. */
  stop(): void;
}

/** The error as the operator may read it: never a stack, a token or a request body. */
function summarise(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.name}: ${error.message}${typeof code === 'string' && !error.message.includes(code) ? ` (${code})` : ''}`.slice(
      0,
      300,
    );
  }
  return String(error).slice(0, 300);
}

export function createPlatformMonitor(deps: { log: Logger; firstDelayMs?: number; maxDelayMs?: number }): PlatformMonitor {
  const first = deps.firstDelayMs ?? 1000;
  const max = deps.maxDelayMs ?? 5 * 60_000;
  const states = new Map<string, PlatformStatus>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const firsts: Promise<void>[] = [];

  const status = (platform: string): PlatformStatus => {
    let found = states.get(platform);
    if (!found) {
      found = { state: 'connecting', lastError: null, lastErrorAt: null, lastSuccessAt: null, attempts: 0 };
      states.set(platform, found);
    }
    return found;
  };

  function succeeded(platform: string): void {
    const s = status(platform);
    if (s.state !== 'connected') deps.log.info('chat platform reachable', { platform, attempts: s.attempts });
    s.state = 'connected';
    s.lastSuccessAt = new Date().toISOString();
  }

  function failed(platform: string, error: unknown, retryInMs?: number): void {
    const s = status(platform);
    const wasFailing = s.state === 'failing';
    s.state = 'failing';
    s.lastError = summarise(error);
    s.lastErrorAt = new Date().toISOString();
    // Once per outage at error level; the retries after it at warn.
    const context = {
      platform,
      attempts: s.attempts,
      error,
      ...(retryInMs !== undefined ? { retryInSeconds: Math.round(retryInMs / 1000) } : {}),
    };
    if (wasFailing) deps.log.warn('chat platform still unreachable', context);
    else deps.log.error('chat platform unreachable: the gallery and the other platforms keep running; retrying', context);
  }

  return {
    connect(platform, attempt) {
      status(platform);
      let settle: () => void = () => {};
      firsts.push(new Promise<void>((resolve) => (settle = resolve)));
      const run = (delay: number) => {
        if (stopped) return settle();
        status(platform).attempts += 1;
        void attempt().then(
          () => {
            succeeded(platform);
            settle();
          },
          (error: unknown) => {
            if (stopped) return settle();
            failed(platform, error, delay);
            settle();
            const timer = setTimeout(() => {
              timers.delete(timer);
              run(Math.min(delay * 2, max));
            }, delay);
            timer.unref();
            timers.add(timer);
          },
        );
      };
      run(first);
    },
    noteError(platform, error) {
      if (stopped) return;
      const s = status(platform);
      s.lastError = summarise(error);
      s.lastErrorAt = new Date().toISOString();
      deps.log.warn('chat platform error', { platform, error });
    },
    statuses() {
      return Object.fromEntries([...states].map(([name, s]) => [name, { ...s }]));
    },
    async firstAttempts() {
      await Promise.all(firsts);
    },
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
