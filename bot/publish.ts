/**
 * Publishing: the bricolage is saved as "not yet posted" in the author's transaction, then posted in
 * the community channel and linked to the returned message. Unposted ones are retried at start.
 */
import { getAgent } from '../storage/agents.js';
import { audit } from '../storage/audit.js';
import { getBricolage, insertBricolage, linkChatMessage, listUnposted, setPermalink } from '../storage/bricolages.js';
import { withLock } from '../storage/dialect.js';
import { communityPost, galleryUrl } from './cards.js';
import { offerChallenges } from './challenges/commands.js';
import { t } from './messages/index.js';
import type { ChatPort } from './ports.js';
import type { BotDeps, Turn } from './turn.js';
import type { Draft } from './wizard/state.js';
import { offerWorkshops } from './workshops/commands.js';

/** Saves the draft as a published bricolage and queues its post; returns the new id. */
export async function publishDraft(turn: Turn, draft: Draft): Promise<number> {
  const id = await insertBricolage(turn.trx, {
    authorId: turn.agent.id,
    title: draft.title ?? '',
    problem: draft.problem ?? '',
    category: draft.category ?? '',
    steps: draft.steps.map((s) => ({ text: s.text, photoHashes: s.photos })),
    // Remember which platform it must be posted on, so a failed post can be retried.
    chatPlatform: turn.port.platform,
  });
  await audit(turn.trx, { actorAgentId: turn.agent.id, action: 'bricolage.publish', subjectType: 'bricolage', subjectId: id });
  turn.afterCommit(async () => {
    const url = galleryUrl(turn.deps.config, id);
    const posted = await postToCommunity(turn.deps, turn.port, id);
    const key = posted ? 'published' : 'publishQueued';
    await turn.port.sendDirect(turn.agent.platform_user_id, { text: t(turn.locale, key, { id, url }) });
  });
  // While workshops are open, the author is asked (after the link above) whether it belongs to one.
  await offerWorkshops(turn, id);
  // While a défi runs, the author is offered to link it.
  await offerChallenges(turn, id);
  return id;
}

/** Posts a saved bricolage in the community channel and links it; false when the chat refused. */
export async function postToCommunity(deps: BotDeps, port: ChatPort, id: number): Promise<boolean> {
  const bricolage = await getBricolage(deps.db, id);
  if (!bricolage || bricolage.chat_message_id) return Boolean(bricolage);
  const author = await getAgent(deps.db, bricolage.author_id);
  if (!author) return false;
  try {
    const ref = await port.postToCommunity(await communityPost(deps.db, deps.config, bricolage, author));
    // Link at once: reactions and replies on the post count from its first second.
    await linkChatMessage(deps.db, id, ref, null);
    const permalink = await port.permalink(ref).catch(() => null);
    if (permalink) await setPermalink(deps.db, id, permalink);
    return true;
  } catch (error) {
    deps.log.error('posting a bricolage in the community channel failed; it will be retried at start', {
      platform: port.platform,
      bricolageId: id,
      error,
    });
    return false;
  }
}

/** Retries the posts that did not make it (chat down, process stopped between save and post). */
export async function retryUnposted(deps: BotDeps, ports: Map<string, ChatPort>): Promise<number> {
  // Instances starting at once: one posts, the next finds them posted.
  return withLock(deps.db, 'publish.unposted', async () => {
    let posted = 0;
    for (const bricolage of await listUnposted(deps.db)) {
      const port = ports.get(bricolage.chat_platform ?? '');
      if (port && (await postToCommunity(deps, port, bricolage.id))) posted++;
    }
    return posted;
  });
}
