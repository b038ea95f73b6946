import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPageCache } from './page-cache.js';

const page = (body: string) => ({ status: 200, contentType: 'text/html', body });

afterEach(() => vi.useRealTimers());

describe('page cache', () => {
  it('serves a page only at the data version it was built at', () => {
    const cache = createPageCache();
    cache.put('/', 'v1', page('home'));
    expect(cache.get('/', 'v1')?.body.toString()).toBe('home');
    expect(cache.get('/', 'v2')).toBeUndefined();
  });

  it('lets a costly page lag writes by at most maxStaleMs', () => {
    vi.useFakeTimers({ now: new Date('2026-11-29T10:00:00Z') });
    const cache = createPageCache();
    cache.put('/classement', 'v1', page('ranking'));
    vi.advanceTimersByTime(30_000);
    expect(cache.get('/classement', 'v2', 60_000)?.body.toString()).toBe('ranking');
    vi.advanceTimersByTime(31_000);
    expect(cache.get('/classement', 'v2', 60_000)).toBeUndefined();
  });
});

/** A build that ends when the test says so, counting how often it started. */
function gatedBuild(body: string) {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const build = Object.assign(
    async () => {
      build.calls++;
      await gate;
      return page(body);
    },
    { calls: 0, open: () => open() },
  );
  return build;
}

describe('page cache loads (one build at a time per page)', () => {
  it('builds a page once for requests that ask for it together, answering the older copy meanwhile', async () => {
    const cache = createPageCache();
    cache.put('/', 'v1', page('home v1'));
    const build = gatedBuild('home v2');
    const first = cache.load('/', 'v2', build);
    // Came while the page is being built: the older copy at once, no second build.
    expect((await cache.load('/', 'v2', build))?.body.toString()).toBe('home v1');
    build.open();
    expect((await first)?.body.toString()).toBe('home v2');
    expect(build.calls).toBe(1);
    expect(cache.get('/', 'v2')?.body.toString()).toBe('home v2');
  });

  it('shares the first build of a page between the requests that wait for it', async () => {
    const cache = createPageCache();
    const build = gatedBuild('home v1');
    const pages = Promise.all([cache.load('/', 'v1', build), cache.load('/', 'v1', build)]);
    build.open();
    expect((await pages).map((p) => p?.body.toString())).toEqual(['home v1', 'home v1']);
    expect(build.calls).toBe(1);
  });

  it('answers the older copy while another version is being built, then builds afresh', async () => {
    const cache = createPageCache();
    cache.put('/', 'v1', page('home v1'));
    const v2 = gatedBuild('home v2');
    const building = cache.load('/', 'v2', v2);
    // A later write (v3) arrives while v2 is being built: no second build, the older copy at once.
    const v3 = gatedBuild('home v3');
    expect((await cache.load('/', 'v3', v3))?.body.toString()).toBe('home v1');
    expect(v3.calls).toBe(0);
    v2.open();
    expect((await building)?.body.toString()).toBe('home v2');
    // No build under way any more: the next request builds at its own version and waits for it.
    v3.open();
    expect((await cache.load('/', 'v3', v3))?.body.toString()).toBe('home v3');
    expect(v3.calls).toBe(1);
  });

  it('builds at once, and waits, when no build is under way (a write is seen by the next request)', async () => {
    const cache = createPageCache();
    cache.put('/', 'v1', page('home v1'));
    const build = gatedBuild('home v2');
    const loading = cache.load('/', 'v2', build);
    let done = false;
    void loading.then(() => {
      done = true;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(false);
    build.open();
    expect((await loading)?.body.toString()).toBe('home v2');
  });

  it('answers a hot page (hundreds of requests a second) its older copy even while starting its rebuild', async () => {
    const cache = createPageCache();
    cache.put('/', 'v1', page('home v1'));
    for (let i = 0; i < 300; i++) expect((await cache.load('/', 'v1', gatedBuild('unused')))?.body.toString()).toBe('home v1');
    const build = gatedBuild('home v2');
    // The like's version: the rebuild starts, and this request does not wait for it.
    expect((await cache.load('/', 'v2', build))?.body.toString()).toBe('home v1');
    expect(build.calls).toBe(1);
    build.open();
    await new Promise((r) => setTimeout(r, 0));
    expect((await cache.load('/', 'v2', gatedBuild('unused')))?.body.toString()).toBe('home v2');
  });

  it('keeps the newer page when an older build ends last, and builds again after a failure', async () => {
    const cache = createPageCache();
    const v1 = gatedBuild('home v1');
    const older = cache.load('/', 'v1', v1);
    // Nothing cached yet: a request at v2 cannot be answered an older copy, so it builds too.
    const v2 = gatedBuild('home v2');
    const newer = cache.load('/', 'v2', v2);
    v2.open();
    await newer;
    v1.open();
    expect((await older)?.body.toString()).toBe('home v1');
    expect(cache.get('/', 'v2')?.body.toString()).toBe('home v2');

    const failing = async () => {
      throw new Error('database gone');
    };
    await expect(cache.load('/', 'v3', failing)).rejects.toThrow('database gone');
    expect((await cache.load('/', 'v3', async () => page('home v3')))?.body.toString()).toBe('home v3');
  });

  it('says there is no such page when the builder says so', async () => {
    const cache = createPageCache();
    expect(await cache.load('/nowhere', 'v1', async () => null)).toBeNull();
    expect(cache.size).toBe(0);
  });
});
