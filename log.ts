/** One-line structured logs. Never pass tokens or secrets in `context`: values are printed as given. */
export interface Logger {
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

function line(level: string, scope: string, message: string, context?: Record<string, unknown>): string {
  const extra = context && Object.keys(context).length > 0 ? ' ' + JSON.stringify(context, errorReplacer) : '';
  return `${new Date().toISOString()} ${level} [${scope}] ${message}${extra}`;
}

function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message } : value;
}

export function createLogger(scope: string, quiet = process.env.LOG_LEVEL === 'silent'): Logger {
  return {
    info: (m, c) => void (quiet || console.log(line('info', scope, m, c))),
    warn: (m, c) => void (quiet || console.warn(line('warn', scope, m, c))),
    error: (m, c) => void (quiet || console.error(line('error', scope, m, c))),
  };
}
