/**
 * `proposer <n°> <note>` and `proposition <n°> <statut> <note>`: an animateur proposes a bricolage to
 * the central administration and moves the proposal on. The change, its event and its typed audit
 * entry are written in the turn's transaction; the author and the agents whose mairie adopted the
 * bricolage are told once it has committed (a direct message each, in their language).
 */
import { logAnimatorAction } from '../../storage/audit.js';
import { getBricolage } from '../../storage/bricolages.js';
import { createProposal, getProposal, moveProposal, proposalRecipients } from '../../storage/proposals.js';
import type { Agent, ProposalStatus } from '../../storage/schema.js';
import { t } from '../messages/index.js';
import { localeOf, type Turn } from '../turn.js';

/** The note kept with a status, at most this long. */
const NOTE_MAX = 500;

export async function proposeBricolage(turn: Turn, id: number | null, note: string): Promise<void> {
  if (id === null || !note.trim()) return turn.say('proposal.usage');
  const bricolage = await getBricolage(turn.trx, id);
  if (bricolage?.status !== 'published') return turn.say('proposal.unknownBricolage', { id });
  const text = note.trim().slice(0, NOTE_MAX);
  if (!(await createProposal(turn.trx, id, turn.agent.id, text))) {
    const existing = await getProposal(turn.trx, id);
    return turn.say('proposal.already', { id, status: t(turn.locale, `proposal.status.${existing?.status ?? 'proposed'}`) });
  }
  await logAnimatorAction(
    turn.trx,
    turn.agent.id,
    { action: 'proposal.create', bricolageId: id, status: 'proposed', note: text },
    null,
  );
  const told = await tellRecipients(turn, { id, title: bricolage.title }, 'proposed', text);
  turn.say('proposal.created', { id, title: bricolage.title, told: t(turn.locale, 'proposal.told', { count: told }) });
}

export async function moveProposalStatus(
  turn: Turn,
  id: number | null,
  status: ProposalStatus | null,
  note: string,
): Promise<void> {
  if (id === null || status === null || status === 'proposed' || !note.trim()) return turn.say('proposal.statusUsage');
  const bricolage = await getBricolage(turn.trx, id);
  if (!bricolage) return turn.say('proposal.unknownBricolage', { id });
  const text = note.trim().slice(0, NOTE_MAX);
  const moved = await moveProposal(turn.trx, id, status, turn.agent.id, text);
  if (moved.outcome === 'unknown') return turn.say('proposal.notProposed', { id });
  if (moved.outcome === 'refused') {
    return turn.say('proposal.refused', {
      id,
      from: t(turn.locale, `proposal.status.${moved.from}`),
      to: t(turn.locale, `proposal.status.${status}`),
    });
  }
  await logAnimatorAction(turn.trx, turn.agent.id, { action: 'proposal.status', bricolageId: id, status, note: text }, null);
  const told = await tellRecipients(turn, { id, title: bricolage.title }, status, text);
  turn.say('proposal.moved', {
    id,
    title: bricolage.title,
    status: t(turn.locale, `proposal.status.${status}`),
    told: t(turn.locale, 'proposal.told', { count: told }),
  });
}

/**
 * Queues a direct message to each recipient reachable through this turn's chat (agents of another
 * platform are not reachable from here); returns how many will be told. The acting animateur is
 * answered by the confirmation instead.
 */
async function tellRecipients(
  turn: Turn,
  bricolage: { id: number; title: string },
  status: ProposalStatus,
  note: string,
): Promise<number> {
  const recipients = (await proposalRecipients(turn.trx, bricolage.id)).filter(
    (a: Agent) => a.id !== turn.agent.id && a.platform === turn.port.platform,
  );
  const now = new Date();
  const url = `${turn.deps.config.publicUrl}/bricolages/${bricolage.id}`;
  turn.afterCommit(async () => {
    for (const agent of recipients) {
      const locale = localeOf(agent, turn.deps.config);
      const date = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
        dateStyle: 'long',
        timeZone: 'Europe/Paris',
      }).format(now);
      const text = t(locale, 'proposal.notice', {
        id: bricolage.id,
        title: bricolage.title,
        status: t(locale, `proposal.status.${status}`),
        date,
        note,
        url,
      });
      try {
        await turn.port.sendDirect(agent.platform_user_id, { text });
      } catch (error) {
        turn.deps.log.error('could not tell an agent of a proposal change', {
          agentId: agent.id,
          bricolageId: bricolage.id,
          error,
        });
      }
    }
  });
  return recipients.length;
}
