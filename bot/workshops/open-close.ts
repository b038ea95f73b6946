/** Opening and closing a workshop once the animateur answered its question (`bot/questions/workshop.ts`). */
import { audit } from '../../storage/audit.js';
import { closeWorkshop, getWorkshop, linkWorkshopMessage, openWorkshop, workshopDetail } from '../../storage/workshops.js';
import { galleryUrl } from '../cards.js';
import { t } from '../messages/index.js';
import type { OutboundMessage } from '../ports.js';
import type { Turn } from '../turn.js';
import { authorLabel } from './labels.js';

/** How many resulting bricolages the closing announcement lists. */
const MAX_RESULTS = 20;

/** Opens the workshop the animateur described, then announces it in the community channel. */
export async function openAndAnnounce(turn: Turn, title: string, description: string): Promise<void> {
  const id = await openWorkshop(turn.trx, { title, description, openedBy: turn.agent.id });
  await audit(turn.trx, { actorAgentId: turn.agent.id, action: 'workshop.open', subjectType: 'workshop', subjectId: id });
  turn.say('workshop.opened', { id, title });
  const locale = turn.deps.config.defaultLocale;
  const announcement: OutboundMessage = { text: t(locale, 'workshop.announceOpen', { title, description }) };
  turn.afterCommit(async () => {
    const ref = await turn.port.postToCommunity(announcement);
    await linkWorkshopMessage(turn.deps.db, id, ref);
  });
}

/** Closes the workshop with its summary, then announces what came out of it. */
export async function closeAndAnnounce(turn: Turn, id: number, summary: string): Promise<void> {
  const workshop = await getWorkshop(turn.trx, id);
  if (!workshop || !(await closeWorkshop(turn.trx, { id, summary, closedBy: turn.agent.id }))) {
    return turn.say('workshop.unknown', { id });
  }
  await audit(turn.trx, { actorAgentId: turn.agent.id, action: 'workshop.close', subjectType: 'workshop', subjectId: id });
  turn.say('workshop.closed', { id, title: workshop.title });
  const locale = turn.deps.config.defaultLocale;
  const detail = await workshopDetail(turn.trx, id, { limit: MAX_RESULTS });
  const total = detail?.bricolageCount ?? 0;
  const lines = (detail?.bricolages ?? []).map((b) =>
    t(locale, 'workshop.resultLine', {
      id: b.id,
      title: b.title,
      author: authorLabel(locale, b.authorName, b.mairie),
      url: galleryUrl(turn.deps.config, b.id),
    }),
  );
  if (total > lines.length) lines.push(t(locale, 'digest.more', { count: total - lines.length }));
  const results =
    total === 0 ? t(locale, 'workshop.noResults') : [t(locale, 'workshop.results', { count: total }), ...lines].join('\n');
  const announcement: OutboundMessage = {
    text: t(locale, 'workshop.announceClose', { title: workshop.title, summary, results }),
  };
  turn.afterCommit(async () => {
    await turn.port.postToCommunity(announcement);
  });
}
