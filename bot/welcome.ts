/**
 * One welcome for every newcomer: what the bot does, the three most adopted bricolages (their own
 * mairie's first), and two buttons. Claimed in the event's transaction before it is sent, so a
 * restart or a second instance never sends it twice; agents known before welcomes existed, and bots,
 * never get one.
 */
import { mairieLabel } from '../domain/mairies.js';
import { claimWelcome, mostAdoptedFor } from '../storage/welcomes.js';
import { galleryUrl } from './cards.js';
import { t } from './messages/index.js';
import type { OutboundMessage } from './ports.js';
import type { Turn } from './turn.js';

/** The "Partager un bricolage" button: starts the posting conversation. */
export const WELCOME_SHARE_ACTION = 'welcome.share';
const SHOWN = 3;

export async function welcomeNewcomer(turn: Turn): Promise<void> {
  if (!(await claimWelcome(turn.trx, turn.agent.id))) return;
  const { locale, agent } = turn;
  const top = await mostAdoptedFor(turn.trx, agent.mairie, SHOWN);
  const lines = top.map((b) =>
    t(locale, 'welcome.topLine', {
      id: b.id,
      title: b.title,
      mairie: mairieLabel(b.mairie, locale) ?? '—',
      adoptions: t(locale, 'welcome.adoptions', { count: b.adoptions }),
      url: galleryUrl(turn.deps.config, b.id),
    }),
  );
  const text = [
    t(locale, 'welcome.text', { name: agent.display_name }),
    ...(lines.length ? ['', t(locale, 'welcome.topHeader'), ...lines] : []),
  ].join('\n');
  const message: OutboundMessage = {
    text,
    buttons: [
      { actionId: WELCOME_SHARE_ACTION, value: 'new', label: t(locale, 'welcome.share'), style: 'primary' },
      {
        actionId: 'welcome.gallery',
        value: 'gallery',
        label: t(locale, 'welcome.gallery'),
        url: `${turn.deps.config.publicUrl}/`,
      },
    ],
  };
  const port = turn.port;
  turn.afterCommit(async () => {
    // Asked after the commit (no network call inside the transaction): a bot keeps its row, unwelcomed.
    const profile = await port.profile(agent.platform_user_id).catch(() => null);
    if (profile?.isBot) return;
    await port.sendDirect(agent.platform_user_id, message);
  });
}
