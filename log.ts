/**
 * Structured JSON logs on pino: one line per entry with `level`, `time`, `scope`, the message and
 * its context. Keys that look like secrets (tokens, passwords, signatures, cookies) are replaced
 * before writing, and errors are reduced to their name and message. `LOG_LEVEL` (`silent`, `error`,
 * `warn`, `info`, `debug`) sets the threshold; the tests run with `silent`.
 */
import { pino } from 'pino';

export interface Logger {
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

const LEVELS = new Set(['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace']);
const SECRET_KEY = /token|secret|password|passwd|authorization|cookie|signature|api[-_]?key|access[-_]?key/i;
/** Paths whose segment is itself a secret: `/exports/<token>`, the `mes données` link. */
const SECRET_PATH = /^(\/exports\/)[^/?#]+/;

/** A request path fit for the logs: a secret carried in the path is masked like a secret key. */
export function redactPath(requestPath: string): string {
  return requestPath.replace(SECRET_PATH, '$1[redacted]');
}

let root: pino.Logger | null = null;

/** The process's pino instance (created on first use, level from `LOG_LEVEL`). */
export function rootLogger(): pino.Logger {
  if (!root) {
    const wanted = (process.env.LOG_LEVEL ?? 'info').toLowerCase();
    root = pino({ level: LEVELS.has(wanted) ? wanted : 'info', base: { pid: process.pid } });
  }
  return root;
}

/** Copies a log context with secrets masked and errors reduced to name + message (+ code). */
export function sanitize(value: unknown, depth = 0): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: value.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => sanitize(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_KEY.test(key)) out[key] = '[redacted]';
    else if (key === 'path' && typeof v === 'string') out[key] = redactPath(v);
    else out[key] = sanitize(v, depth + 1);
  }
  return out;
}

export function createLogger(scope: string, quiet = process.env.LOG_LEVEL === 'silent'): Logger {
  const child = rootLogger().child({ scope });
  const write = (level: 'info' | 'warn' | 'error') => (message: string, context?: Record<string, unknown>) => {
    if (quiet || !child.isLevelEnabled(level)) return;
    if (context && Object.keys(context).length > 0) child[level](sanitize(context) as object, message);
    else child[level](message);
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
