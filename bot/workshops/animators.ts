/** Whether the agent of a turn is an animateur (placeholder until the shared ANIMATORS check lands). */
import type { Turn } from '../turn.js';

export function canAnimate(_turn: Turn): boolean {
  return false;
}
