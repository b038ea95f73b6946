/**
 * Gives acknowledging priority over processing on the one event loop they share. SQLite calls are
 * synchronous, so an event's processing is a chain of microtasks that never lets the loop read the
 * requests waiting on their sockets: left alone, a backlog of likes would hold every acknowledgement
 * until it is drained. The pacer runs processing steps one at a time, in slices: once a slice has
 * used its time, it hands the loop back (`setImmediate`: pending requests are read, their inbox
 * group commit runs, they are answered) before the next step starts. While events are arriving
 * (`noteIngress` within `busyWindowMs`) a slice is short, so acknowledgements wait at most about
 * `busySliceMs` for processing; once the burst ends slices are longer and processing catches up.
 * Processing never stops: every turn of the loop runs at least one step.
 * On PostgreSQL a step mostly waits for the network, which leaves the loop free meanwhile: once a
 * burst ends, several steps may be under way at once (`concurrency`), each still started within a
 * slice; while events arrive, one at a time, as on SQLite (acknowledging keeps the CPU).
 */

export interface PacerOptions {
  /** Slice length while events arrive (ms). */
  busySliceMs: number;
  /** Slice length otherwise (ms). */
  idleSliceMs: number;
  /** How long after the last arrival the ingress counts as busy (ms). */
  busyWindowMs: number;
  /** How many steps may be under way at once once events stop arriving (1: SQLite, whose steps hold the thread). */
  concurrency?: number;
  now?: () => number;
}

export const DEFAULT_PACING: PacerOptions = { busySliceMs: 0.25, idleSliceMs: 8, busyWindowMs: 50 };

export class ProcessingPacer {
  private readonly options: PacerOptions;
  private readonly now: () => number;
  private readonly waiting: (() => void)[] = [];
  private running = 0;
  private readonly concurrency: number;
  private sliceStart = 0;
  private lastIngress = Number.NEGATIVE_INFINITY;

  constructor(options: PacerOptions = DEFAULT_PACING) {
    this.options = options;
    this.now = options.now ?? (() => performance.now());
    this.concurrency = Math.max(1, options.concurrency ?? 1);
  }

  /** Whether events arrived within the busy window (acknowledging is under way). */
  busy(): boolean {
    return this.now() - this.lastIngress < this.options.busyWindowMs;
  }

  /** An event was just received (acknowledging is under way). */
  noteIngress(): void {
    this.lastIngress = this.now();
  }

  /** Runs `step` when its turn comes, alone, within a slice. */
  async run<T>(step: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await step();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    // While events arrive, one step at a time: acknowledging keeps the CPU it would share.
    const limit = this.busy() ? 1 : this.concurrency;
    if (this.running >= limit) return new Promise((resolve) => this.waiting.push(resolve));
    this.running += 1;
    return this.sliceSpent() ? this.pause() : Promise.resolve();
  }

  private release(): void {
    const next = this.waiting.shift();
    if (!next) {
      this.running -= 1;
      return;
    }
    // The turn passes straight on within the slice; otherwise the loop gets its turn first.
    if (this.sliceSpent()) void this.pause().then(next);
    else next();
    // A burst has ended: more of the waiting steps may start beside it.
    while (!this.busy() && this.running < this.concurrency && this.waiting.length > 0) {
      this.running += 1;
      this.waiting.shift()?.();
    }
  }

  /** Hands the loop back (pending I/O is read) and starts a new slice. */
  private pause(): Promise<void> {
    return new Promise((resolve) =>
      setImmediate(() => {
        this.sliceStart = this.now();
        resolve();
      }),
    );
  }

  private sliceSpent(): boolean {
    return this.now() - this.sliceStart >= (this.busy() ? this.options.busySliceMs : this.options.idleSliceMs);
  }
}
