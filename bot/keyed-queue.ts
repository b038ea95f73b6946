/**
 * Runs tasks one at a time per key (one agent's events in order: no two messages of the same
 * agent race on their draft), while different keys run concurrently — at most `maxActive` at once,
 * so a burst across many agents queues up (and holds no photos in memory) instead of interleaving.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  private readonly maxActive: number;

  constructor(maxActive = Number.POSITIVE_INFINITY) {
    this.maxActive = maxActive;
  }

  run(key: string, task: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const slotted = () => this.withSlot(task);
    const next = previous.then(slotted, slotted).catch(() => undefined);
    this.tails.set(key, next);
    void next.then(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
    return next;
  }

  /** Resolves once every task queued so far, and any queued meanwhile, has finished. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }

  private async withSlot(task: () => Promise<void>): Promise<void> {
    if (this.active >= this.maxActive) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      await task();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}
