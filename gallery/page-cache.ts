/**
 * Rendered pages (HTML, JSON, Atom, SVG) kept as encoded bytes with their ETag. An entry is valid
 * while the data version it was built at is current: every write a page shows bumps the version
 * (storage/data-version.ts), so a write is never hidden by the cache. Pages that depend on the clock
 * ("this month") also expire after `maxAgeMs`. Bounded by entry count and bytes, oldest out first.
 *
 * Under a steady stream of writes (likes arrive many times a second), every write makes every
 * page stale, and the requests that follow would all rebuild the same page at once. `load` keeps
 * that to one build per page at a time:
 * - a request that finds no build of the page under way builds it at its own data version and waits
 *   for it, so a write is seen by the next request made after it (whoever liked sees their like);
 * - a request that finds a build under way, while an older copy of the page is kept, is answered
 *   that copy at once (stale while rebuilding): it came while the page was changing, and the copy
 *   is late by at most that one build — once the build ends, the next request builds again if the
 *   version has moved on;
 * - with no copy to answer (the page's first build, or evicted), requests at the version being
 *   built wait for that build (single flight); at another version, they build their own;
 * - a hot page (asked for HOT_PER_SECOND times a second or more, e.g. the home page under load) is
 *   answered its older copy at once even by the request that starts its rebuild: at that rate a
 *   build's wait would land on the slowest percentile of every write, and the copy is again late by
 *   at most that one build. A page asked for less often is always rebuilt before answering.
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

export interface PageInput {
  status: number;
  contentType: string;
  body: string | Buffer;
}

export interface PageCache {
  /**
   * The entry for `key` if built at `version`, or, for pages whose queries are costly (leaderboard,
   * statistics), built at an older version less than `maxStaleMs` ago: such a page then lags writes by
   * at most that long instead of running its heavy queries after every like.
   */
  get(key: string, version: string, maxStaleMs?: number): CachedPage | undefined;
  put(key: string, version: string, page: PageInput): CachedPage;
  /**
   * The page for `key` at `version`: cached, or the older copy while a build of it is under way, or
   * built by `build` — once for the requests that wait for it together (see above). `null` when
   * `build` says there is no such page.
   */
  load(key: string, version: string, build: () => Promise<PageInput | null>, maxStaleMs?: number): Promise<CachedPage | null>;
  clear(): void;
  readonly size: number;
}

interface Entry extends CachedPage {
  /** When its build started, in build order: an older build ending late does not replace it. */
  started: number;
  /** Requests for the page: in the current second, and in the one before (kept across rebuilds). */
  demand: { since: number; count: number; before: number };
}

/** From this many requests a second for one page, its rebuilds no longer hold a request (see above). */
const HOT_PER_SECOND = 250;

/** Counts a request for the page; whether the page is hot. */
function asked(demand: Entry['demand'], now: number): boolean {
  if (now - demand.since >= 1000) {
    demand.before = now - demand.since < 2000 ? demand.count : 0;
    demand.since = now;
    demand.count = 0;
  }
  demand.count += 1;
  return Math.max(demand.count, demand.before) >= HOT_PER_SECOND;
}

interface Flight {
  version: string;
  page: Promise<CachedPage | null>;
}

export function createPageCache(options: { maxEntries?: number; maxBytes?: number; maxAgeMs?: number } = {}): PageCache {
  const maxEntries = options.maxEntries ?? 2000;
  const maxBytes = options.maxBytes ?? 48 * 1024 * 1024;
  const maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
  const entries = new Map<string, Entry>();
  /** Builds under way, per key: usually one, more only when none had an older copy to serve meanwhile. */
  const flights = new Map<string, Flight[]>();
  let builds = 0;
  let bytes = 0;
  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.body.length;
    entries.delete(key);
  };
  // An entry at another version stays until its replacement is built: it may be served meanwhile.
  const fresh = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && Date.now() - entry.builtAt > maxAgeMs) {
      drop(key);
      return undefined;
    }
    return entry;
  };
  /** Whether `entry` may answer at `version` (see `PageCache.get`). */
  const valid = (entry: Entry, version: string, maxStaleMs = 0) =>
    entry.version === version || Date.now() - entry.builtAt < maxStaleMs;
  const get = (key: string, version: string, maxStaleMs = 0): CachedPage | undefined => {
    const entry = fresh(key);
    return entry && valid(entry, version, maxStaleMs) ? entry : undefined;
  };
  const store = (key: string, version: string, page: PageInput, started: number): CachedPage => {
    const body = typeof page.body === 'string' ? Buffer.from(page.body) : page.body;
    // The ETag names the bytes, so a rebuild with the same content still answers 304.
    const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
    const kept = entries.get(key);
    const entry: Entry = {
      version,
      builtAt: Date.now(),
      status: page.status,
      contentType: page.contentType,
      body,
      etag,
      started,
      demand: kept?.demand ?? { since: Date.now(), count: 0, before: 0 },
    };
    if (kept && kept.started > started) return entry;
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
  };
  /** The build of `key` at `version` under way, or a new one (single flight). */
  const flight = (key: string, version: string, build: () => Promise<PageInput | null>): Promise<CachedPage | null> => {
    const under = flights.get(key) ?? [];
    const same = under.find((f) => f.version === version);
    if (same) return same.page;
    const started = ++builds;
    const page = build().then((result) => (result ? store(key, version, result, started) : null));
    const mine: Flight = { version, page };
    flights.set(key, [...under, mine]);
    const landed = () => {
      const left = (flights.get(key) ?? []).filter((f) => f !== mine);
      if (left.length > 0) flights.set(key, left);
      else flights.delete(key);
    };
    page.then(landed, landed);
    return page;
  };
  return {
    get,
    put: (key, version, page) => store(key, version, page, ++builds),
    async load(key, version, build, maxStaleMs) {
      const older = fresh(key);
      const hot = older !== undefined && asked(older.demand, Date.now());
      if (older && valid(older, version, maxStaleMs)) return older;
      // Came while the page is being built: the older copy at once.
      if (older && flights.has(key)) return older;
      const page = flight(key, version, build);
      if (!older || !hot) return page;
      // Its failure is met again by the next request that rebuilds; not this one's to answer.
      page.catch(() => undefined);
      return older;
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
