/**
 * The demo agents one can play in the local chat. Léa has no mairie on purpose: the bot asks it
 * the first time, which shows that part of the journey.
 */
export interface DemoAgent {
  id: string;
  name: string;
  mairie: string | null;
}

export const DEMO_AGENTS: readonly DemoAgent[] = Object.freeze([
  { id: 'camille', name: 'Camille Martin', mairie: '11e' },
  { id: 'karim', name: 'Karim Benali', mairie: '18e' },
  { id: 'sophie', name: 'Sophie Lefèvre', mairie: '5e' },
  { id: 'julien', name: 'Julien Moreau', mairie: 'Hôtel de Ville' },
  { id: 'aicha', name: 'Aïcha Diallo', mairie: '20e' },
  { id: 'lea', name: 'Léa Nouvelle', mairie: null },
]);

/** The author id of everything the bot writes. */
export const BOT_ID = 'bot';
export const COMMUNITY_CHANNEL = 'communaute';

export function findDemoAgent(id: unknown): DemoAgent | undefined {
  return typeof id === 'string' ? DEMO_AGENTS.find((a) => a.id === id) : undefined;
}

export function dmChannel(userId: string): string {
  return `dm:${userId}`;
}
