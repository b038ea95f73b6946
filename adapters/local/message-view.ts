/**
 * What the local chat page gets for its agents and messages: names and mairies as storage knows
 * them, the text rendered by the formatting contract, reactions with the viewer's own marked.
 */
import type { Config } from '../../config.js';
import { mairieLabel } from '../../domain/mairies.js';
import { listAgentsOf } from '../../storage/agents.js';
import { listStoredAnimators } from '../../storage/animators.js';
import type { Db } from '../../storage/db.js';
import { BOT_ID, DEMO_AGENTS, findDemoAgent } from './agents.js';
import type { LocalMessage } from './store.js';
import { renderLocalText } from './text.js';

/**
 * A demo agent as the page shows it: name and mairie as stored, so a mairie given in the chat shows
 * at once. `mairie` is the French label the page prints today; `mairieLabels` has both languages.
 */
export interface AgentView {
  id: string;
  name: string;
  mairie: string | null;
  mairieLabels: { fr: string; en: string } | null;
  animator: boolean;
}

/** The demo agents with what storage knows of them; the demo list fills in agents not met yet. */
export async function agentViews(db: Db, config: Config): Promise<Map<string, AgentView>> {
  const animators = new Set([
    ...config.animators,
    ...(await listStoredAnimators(db)).map((a) => `${a.platform}:${a.platformUserId}`),
  ]);
  const stored = new Map(
    (
      await listAgentsOf(
        db,
        'local',
        DEMO_AGENTS.map((a) => a.id),
      )
    ).map((a) => [a.platform_user_id, a]),
  );
  return new Map(
    DEMO_AGENTS.map((a) => {
      const known = stored.get(a.id);
      const mairie = known ? known.mairie : a.mairie;
      const fr = mairieLabel(mairie, 'fr');
      const en = mairieLabel(mairie, 'en');
      return [
        a.id,
        {
          id: a.id,
          name: known?.display_name ?? a.name,
          mairie: fr,
          mairieLabels: fr && en ? { fr, en } : null,
          animator: animators.has(`local:${a.id}`),
        },
      ];
    }),
  );
}

/** What the page gets for one message. */
export function view(
  message: LocalMessage,
  reactions: { emoji: string; count: number; users: string[] }[],
  me: string,
  agents?: Map<string, AgentView>,
) {
  const author = message.authorId === BOT_ID ? null : (agents?.get(message.authorId) ?? findDemoAgent(message.authorId));
  return {
    id: message.id,
    channelId: message.channelId,
    threadId: message.threadId,
    author: {
      id: message.authorId,
      name: author?.name ?? (message.authorId === BOT_ID ? "L'agent bricoleur" : message.authorId),
      mairie: author?.mairie ?? null,
      mairieLabels: author && 'mairieLabels' in author ? author.mairieLabels : null,
      bot: message.authorId === BOT_ID,
    },
    mine: message.authorId === me,
    text: message.text,
    /** The text rendered by the formatting contract: the page builds DOM from these runs. */
    rich: renderLocalText(message.text),
    createdAt: message.createdAt,
    editedAt: message.editedAt,
    photos: (message.extra.photos ?? []).map((p) => ({ url: `uploads/${p.id}`, name: p.name })),
    buttons: message.extra.buttons ?? [],
    card: message.extra.card ?? null,
    reactions: reactions.map((r) => ({ emoji: r.emoji, count: r.count, mine: r.users.includes(me) })),
  };
}
