/**
 * Retries of Bot Connector and Graph calls. A 429 means the call was refused before doing anything,
 * so it is always safe to repeat after `Retry-After`; a 5xx or a network error may have happened
 * after the write, so only idempotent calls (update, delete, reads) retry those. A new post is never
 * blindly repeated: the core retries unposted bricolages itself at the next start.
 */

export interface RetryPolicy {
  retries: number;
  /** First back-off when the server gives no Retry-After (doubles each time). */
  baseDelayMs: number;
  /** Upper bound of any single wait, Retry-After included. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/** The HTTP status and Retry-After of an axios-style or fetch-style failure, when there is one. */
export function httpFailure(error: unknown): { status: number | null; retryAfterMs: number | null } {
  const response = (error as { response?: { status?: number; headers?: Record<string, unknown> } })?.response;
  const status = typeof response?.status === 'number' ? response.status : null;
  const header = response?.headers?.['retry-after'];
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return { status, retryAfterMs: Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null };
}

export async function withRetry<T>(run: () => Promise<T>, options: { idempotent: boolean; policy?: RetryPolicy }): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY;
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const { status, retryAfterMs } = httpFailure(error);
      const retryable = status === 429 || (options.idempotent && (status === null || status >= 500));
      if (!retryable || attempt >= policy.retries) throw error;
      const wait = Math.min(retryAfterMs ?? policy.baseDelayMs * 2 ** attempt, policy.maxDelayMs);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
