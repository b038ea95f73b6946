/** DM commands outside the posting conversation: search, adoption, language, profile. */

import { updateAgent } from '../storage/agents.js';
import { searchPublished } from '../storage/search/search.js';
import { adopt } from './adoptions.js';
import { galleryUrl } from './cards.js';
import { isLocale } from './messages/index.js';
import { showProfile } from './profile.js';
import { showSimilar } from './similar.js';
import type { Turn } from './turn.js';
import type { Command } from './wizard/parse.js';

export async function runCommand(turn: Turn, command: Command): Promise<void> {
  switch (command.name) {
    case 'search':
      return search(turn, command.query);
    case 'adopt':
      return adopt(turn, command.id, command.feedback, undefined, command.timeSaved);
    case 'language':
      return setLanguage(turn, command.value);
    case 'profile':
      return showProfile(turn);
    case 'similar':
      return showSimilar(turn, command.id);
  }
}

async function search(turn: Turn, query: string): Promise<void> {
  if (!query.trim()) return turn.say('searchEmpty');
  const hits = await searchPublished(turn.trx, query, 5);
  if (hits.length === 0) return turn.say('searchNone', { query });
  const list = hits.map((h) => `• n°${h.id} ${h.title} — ${galleryUrl(turn.deps.config, h.id)}`).join('\n');
  turn.say('searchResults', { query, list });
}

async function setLanguage(turn: Turn, value: string): Promise<void> {
  const locale = value.startsWith('fr') ? 'fr' : value.startsWith('en') || value.startsWith('ang') ? 'en' : value;
  if (!isLocale(locale)) return turn.say('languageUsage');
  await updateAgent(turn.trx, turn.agent.id, { locale });
  turn.locale = locale;
  turn.say('languageSet');
}
