/** `similaires <n°>` (`similar <n°>`): the bricolages close to one, as the gallery page lists them. */

import { mairieLabel } from '../domain/mairies.js';
import { getBricolage } from '../storage/bricolages.js';
import type { SummaryRow } from '../storage/gallery/list.js';
import { similarOnPage } from '../storage/gallery/similar.js';
import { galleryUrl } from './cards.js';
import { t } from './messages/index.js';
import type { Turn } from './turn.js';

/** One similar bricolage as a chat line: number, title, mairie, likes, adoptions and link. */
export function similarLine(turn: Turn, row: SummaryRow): string {
  return t(turn.locale, 'similar.item', {
    id: row.id,
    title: row.title,
    mairie: mairieLabel(row.author.mairie, turn.locale) ?? t(turn.locale, 'similar.unknownMairie'),
    likes: t(turn.locale, 'similar.likes', { count: row.likeCount }),
    adoptions: t(turn.locale, 'similar.adoptions', { count: row.adoptionCount }),
    url: galleryUrl(turn.deps.config, row.id),
  });
}

export async function showSimilar(turn: Turn, id: number | null): Promise<void> {
  if (id === null) return turn.say('similar.usage');
  const source = await getBricolage(turn.trx, id);
  if (source?.status !== 'published') return turn.say('similar.unknown', { id });
  const rows = await similarOnPage(turn.trx, id);
  if (rows.length === 0) return turn.say('similar.none', { id, title: source.title });
  turn.say('similar.results', { id, title: source.title, list: rows.map((r) => similarLine(turn, r)).join('\n') });
}
