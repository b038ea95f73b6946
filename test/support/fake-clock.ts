/** A clock the test moves by hand, for the scheduler. */
import type { Clock } from '../../bot/scheduler.js';

export class FakeClock implements Clock {
  private at: number;
  constructor(at: Date | string | number) {
    this.at = new Date(at).getTime();
  }
  now(): Date {
    return new Date(this.at);
  }
  set(at: Date | string | number): void {
    this.at = new Date(at).getTime();
  }
}
