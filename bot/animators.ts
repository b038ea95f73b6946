/**
 * The one animateur check: a chat user is an animateur when `ANIMATORS` lists them
 * (`platform:userId`) or when an animateur added them at runtime (`animateur ajouter`).
 */
import type { Config } from '../config.js';
import { isStoredAnimator } from '../storage/animators.js';
import type { DbOrTrx } from '../storage/db.js';
import type { Agent } from '../storage/schema.js';

/** `slack:U123`, the form `ANIMATORS` uses. */
export function qualifiedId(who: Pick<Agent, 'platform' | 'platform_user_id'>): string {
  return `${who.platform}:${who.platform_user_id}`;
}

/** Whether `ANIMATORS` lists this agent (they cannot be removed from the chat). */
export function isConfiguredAnimator(
  config: Pick<Config, 'animators'>,
  who: Pick<Agent, 'platform' | 'platform_user_id'>,
): boolean {
  return config.animators.includes(qualifiedId(who));
}

export async function isAnimator(
  db: DbOrTrx,
  config: Pick<Config, 'animators'>,
  who: Pick<Agent, 'platform' | 'platform_user_id'>,
): Promise<boolean> {
  return isConfiguredAnimator(config, who) || (await isStoredAnimator(db, who.platform, who.platform_user_id));
}
