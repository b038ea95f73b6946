import { describe, expect, it } from 'vitest';
import { KeyedQueue } from './keyed-queue.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('KeyedQueue', () => {
  it('runs one key in order and other keys alongside', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    queue.run('a', async () => {
      await sleep(20);
      log.push('a1');
    });
    queue.run('a', async () => {
      log.push('a2');
    });
    queue.run('b', async () => {
      log.push('b1');
    });
    await queue.idle();
    expect(log).toEqual(['b1', 'a1', 'a2']);
  });

  it('keeps going after a task fails', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    queue.run('a', async () => {
      throw new Error('boom');
    });
    queue.run('a', async () => {
      log.push('after');
    });
    await queue.idle();
    expect(log).toEqual(['after']);
  });
});

describe('KeyedQueue with a limit', () => {
  it('runs at most maxActive keys at once, each key still in order', async () => {
    const queue = new KeyedQueue(2);
    let running = 0;
    let peak = 0;
    const log: string[] = [];
    for (const key of ['a', 'b', 'c', 'd']) {
      for (const n of [1, 2]) {
        queue.run(key, async () => {
          running += 1;
          peak = Math.max(peak, running);
          await sleep(5);
          log.push(`${key}${n}`);
          running -= 1;
        });
      }
    }
    await queue.idle();
    expect(peak).toBe(2);
    expect(log).toHaveLength(8);
    for (const key of ['a', 'b', 'c', 'd']) expect(log.indexOf(`${key}1`)).toBeLessThan(log.indexOf(`${key}2`));
  });
});
