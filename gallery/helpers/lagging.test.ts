import { describe, expect, it } from 'vitest';
import { lagging } from './lagging.js';

describe('lagging', () => {
  it('computes once, reuses the value while younger than the lag, then computes again', async () => {
    let now = 0;
    let computed = 0;
    const value = lagging(
      async () => ++computed,
      10_000,
      () => now,
    );
    expect(await value()).toBe(1);
    now = 9_999;
    expect(await value()).toBe(1);
    now = 10_000;
    expect(await value()).toBe(2);
  });

  it('computes once for callers together, and serves the previous value while recomputing', async () => {
    let now = 0;
    let release: () => void = () => undefined;
    let computed = 0;
    const value = lagging(
      async () => {
        computed++;
        if (computed === 2) await new Promise<void>((r) => (release = r));
        return computed;
      },
      1_000,
      () => now,
    );
    expect(await Promise.all([value(), value()])).toEqual([1, 1]);
    expect(computed).toBe(1);
    now = 5_000;
    const recomputing = value();
    expect(await value()).toBe(1);
    release();
    expect(await recomputing).toBe(2);
    expect(await value()).toBe(2);
  });

  it('computes again after a failure', async () => {
    let fail = true;
    const value = lagging(async () => {
      if (fail) throw new Error('no database');
      return 'ok';
    }, 1_000);
    await expect(value()).rejects.toThrow('no database');
    fail = false;
    expect(await value()).toBe('ok');
  });
});
