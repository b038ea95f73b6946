import { describe, expect, it } from 'vitest';
import { ProcessingPacer } from './processing-pacer.js';

/** A step that keeps the thread busy for `ms`, as a synchronous SQLite transaction does. */
const busyStep = (ms: number, log: string[], name: string) => async () => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy
  }
  log.push(name);
};

describe('ProcessingPacer', () => {
  it('runs steps one at a time, in the order they asked', async () => {
    const pacer = new ProcessingPacer();
    const log: string[] = [];
    const slow = pacer.run(async () => {
      log.push('a start');
      await new Promise((r) => setTimeout(r, 20));
      log.push('a end');
    });
    const quick = pacer.run(async () => {
      log.push('b');
    });
    await Promise.all([slow, quick]);
    expect(log).toEqual(['a start', 'a end', 'b']);
  });

  it('lets up to `concurrency` steps be under way at once, the rest waiting their turn in order', async () => {
    const pacer = new ProcessingPacer({ busySliceMs: 8, idleSliceMs: 8, busyWindowMs: 50, concurrency: 2 });
    const log: string[] = [];
    let underWay = 0;
    let most = 0;
    const step = (name: string) =>
      pacer.run(async () => {
        underWay += 1;
        most = Math.max(most, underWay);
        log.push(`${name} start`);
        await new Promise((r) => setTimeout(r, 10));
        underWay -= 1;
      });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map(step));
    expect(most).toBe(2);
    expect(log).toEqual(['a start', 'b start', 'c start', 'd start', 'e start']);
    // While events arrive, one at a time again.
    most = 0;
    pacer.noteIngress();
    await Promise.all(['f', 'g', 'h'].map(step));
    expect(most).toBe(1);
  });

  it('hands the event loop back between slices, so work arriving meanwhile is not held until the backlog ends', async () => {
    const pacer = new ProcessingPacer({ busySliceMs: 2, idleSliceMs: 2, busyWindowMs: 1000 });
    pacer.noteIngress();
    const log: string[] = [];
    const steps = Array.from({ length: 20 }, (_, i) => pacer.run(busyStep(1, log, `step ${i}`)));
    // An acknowledgement waiting for its turn of the loop (I/O, a commit scheduled with setImmediate).
    setImmediate(() => log.push('ack'));
    await Promise.all(steps);
    const ack = log.indexOf('ack');
    expect(ack).toBeGreaterThan(0);
    expect(ack).toBeLessThan(10);
    expect(log.filter((l) => l.startsWith('step'))).toEqual(Array.from({ length: 20 }, (_, i) => `step ${i}`));
  });

  it('passes a failing step’s error to its caller and keeps serving the others', async () => {
    const pacer = new ProcessingPacer();
    const failed = pacer.run(async () => {
      throw new Error('boom');
    });
    const next = pacer.run(async () => 'done');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('done');
  });
});
