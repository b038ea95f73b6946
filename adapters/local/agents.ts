/**
 * The demo agents one can play in the local chat: the one list lives in `storage/demo-data.ts`
 * (the seed uses it too); their current mairie is read from storage by the API.
 */
import { DEMO_AGENTS, type DemoAgent } from '../../storage/demo-data.js';

export { DEMO_AGENTS, type DemoAgent };

/** The author id of everything the bot writes. */
export const BOT_ID = 'bot';
export const COMMUNITY_CHANNEL = 'communaute';

export function findDemoAgent(id: unknown): DemoAgent | undefined {
  return typeof id === 'string' ? DEMO_AGENTS.find((a) => a.id === id) : undefined;
}

export function dmChannel(userId: string): string {
  return `dm:${userId}`;
}
