/**
 * Rendered pages (HTML, JSON, Atom, SVG) kept as encoded bytes with their ETag. An entry is valid
 * while the data version it was built at is current: every write a page shows bumps the version
 * (storage/data-version.ts), so a write is never hidden by the cache. Pages that depend on the clock
 * ("this month") also expire after `maxAgeMs`. Bounded by entry count and bytes, oldest out first.
 */
import { createHash } from 'node:crypto';

export interface CachedPage {
  version: string;
  builtAt: number;
  status: number;
  contentType: string;
  body: Buffer;
  etag: string;
}

export interface PageCache {
  get(key: string, version: string): CachedPage | undefined;
  put(key: string, version: string, page: { status: number; contentType: string; body: string | Buffer }): CachedPage;
  clear(): void;
  readonly size: number;
}

export function createPageCache(options: { maxEntries?: number; maxBytes?: number; maxAgeMs?: number } = {}): PageCache {
  const maxEntries = options.maxEntries ?? 2000;
  const maxBytes = options.maxBytes ?? 48 * 1024 * 1024;
  const maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
  const entries = new Map<string, CachedPage>();
  let bytes = 0;
  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.body.length;
    entries.delete(key);
  };
  return {
    get(key, version) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.version !== version || Date.now() - entry.builtAt > maxAgeMs) {
        drop(key);
        return undefined;
      }
      return entry;
    },
    put(key, version, page) {
      const body = typeof page.body === 'string' ? Buffer.from(page.body) : page.body;
      // The ETag names the bytes, so a rebuild with the same content still answers 304.
      const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
      const entry: CachedPage = { version, builtAt: Date.now(), status: page.status, contentType: page.contentType, body, etag };
      drop(key);
      if (page.status === 200 && body.length <= maxBytes / 8) {
        entries.set(key, entry);
        bytes += body.length;
        for (const oldest of entries.keys()) {
          if (entries.size <= maxEntries && bytes <= maxBytes) break;
          drop(oldest);
        }
      }
      return entry;
    },
    clear() {
      entries.clear();
      bytes = 0;
    },
    get size() {
      return entries.size;
    },
  };
}
