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
