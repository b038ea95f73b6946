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
