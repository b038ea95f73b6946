/**
 * Défis between mairies in the chat: `défis` lists the open ones; animateurs open one (then
 * describe it, through the conversation's one pending question) and close one early; agents link
 * their bricolages with `défi <n°>` or the button offered after publishing. Closing at the end date
 * is the scheduler's (`result.ts`).
 */
import { getAgent } from '../../storage/agents.js';
import { audit } from '../../storage/audit.js';
import { getBricolage } from '../../storage/bricolages.js';
import { countChallenges, getChallenge, linkBricolageToChallenge, listChallenges } from '../../storage/challenges.js';
import type { Challenge } from '../../storage/schema.js';
import { isAnimator } from '../animators.js';
import { galleryUrl } from '../cards.js';
import { ask } from '../dialog.js';
import { t } from '../messages/index.js';
import type { Button } from '../ports.js';
import { challengeQuestion } from '../questions/challenge.js';
import type { Turn } from '../turn.js';
import { authorLabel } from '../workshops/labels.js';
import { lastDayText } from './labels.js';
import { type ChallengeCommand, challengeCommandOf, challengeEnd } from './parse.js';
import { startChallengeOpening } from './prompt.js';
import { announceResult, closeAndAudit } from './result.js';

const canAnimate = (turn: Turn) => isAnimator(turn.trx, turn.deps.config, turn.agent);

/**
 * The action id prefix of the "which défi?" buttons (`challenge.link.<n>`: distinct, as Slack keeps
 * one button per action id); the value is `<défi id>:<bricolage id>` or `no:<bricolage id>`.
 * Plain buttons, at most `MAX_CHOICES`: a list of more than 6 choices would want Teams' choice set.
 */
export const CHALLENGE_ACTION_ID = 'challenge.link';
const MAX_CHOICES = 5;

export async function runChallengeCommand(turn: Turn, command: ChallengeCommand): Promise<void> {
  switch (command.name) {
    case 'list':
      return listOpen(turn);
    case 'usage':
      return turn.say('challenge.usage');
    case 'link':
      return linkToChallenge(turn, command.bricolageId, null);
    case 'open':
      return startOpening(turn, command);
    case 'close':
      return closeEarly(turn, command.id);
  }
}

/** Runs the text as a défi command if it is one; false lets the other commands have it. */
export async function runChallengeText(turn: Turn, text: string): Promise<boolean> {
  const command = challengeCommandOf(text);
  if (!command) return false;
  await runChallengeCommand(turn, command);
  return true;
}

async function startOpening(turn: Turn, command: Extract<ChallengeCommand, { name: 'open' }>): Promise<void> {
  if (!(await canAnimate(turn))) return turn.say('challenge.notAnimator');
  if (!command.title || !command.day) return turn.say('challenge.openUsage');
  const typed = command.day;
  const date = `${typed.day}/${typed.month}${typed.year ? `/${typed.year}` : ''}`;
  const end = challengeEnd(typed, new Date());
  if ('problem' in end) {
    const key =
      end.problem === 'invalid'
        ? 'challenge.dateInvalid'
        : end.problem === 'past'
          ? 'challenge.datePast'
          : 'challenge.dateTooFar';
    return turn.say(key, { date });
  }
  await ask(turn, challengeQuestion, startChallengeOpening(command.title, end.endsAt));
}

async function closeEarly(turn: Turn, id: number | null): Promise<void> {
  if (!(await canAnimate(turn))) return turn.say('challenge.notAnimator');
  if (id === null) return turn.say('challenge.closeUsage');
  const closed = await closeAndAudit(turn.trx, { id, closedBy: turn.agent.id });
  if (!closed) return turn.say('challenge.unknown', { id });
  turn.say('challenge.closed', { id, title: closed.challenge.title });
  // Told on this platform: the command came from it (the scheduler tells every platform).
  turn.afterCommit(() => announceResult(turn.deps, [turn.port], closed));
}

async function listOpen(turn: Turn): Promise<void> {
  const count = await countChallenges(turn.trx, 'open');
  if (count === 0) return turn.say('challenge.noneOpen');
  const open = await listChallenges(turn.trx, 'open', { limit: 10 });
  const lines = open.map((c) =>
    t(turn.locale, 'challenge.listLine', {
      id: c.id,
      title: c.title,
      end: lastDayText(turn.locale, c.endsAt),
      bricolages: t(turn.locale, 'challenge.bricolageCount', { count: c.bricolageCount }),
    }),
  );
  turn.reply({ text: [t(turn.locale, 'challenge.listHeader', { count }), ...lines].join('\n') });
}

/** Open défis still running (an open one past its end date waits for the scheduler to close it). */
async function runningChallenges(turn: Turn, limit: number) {
  const now = new Date().toISOString();
  return (await listChallenges(turn.trx, 'open', { limit })).filter((c) => c.endsAt > now);
}

/**
 * Links a published bricolage to a défi: the given one, or the only one running; with several,
 * asks which. Only its author or an animateur may link it, and only if it was published during the défi.
 */
export async function linkToChallenge(turn: Turn, bricolageId: number, challengeId: number | null): Promise<void> {
  const bricolage = await getBricolage(turn.trx, bricolageId);
  if (bricolage?.status !== 'published') return turn.say('challenge.bricolageUnknown', { id: bricolageId });
  if (bricolage.author_id !== turn.agent.id && !(await canAnimate(turn)))
    return turn.say('challenge.notYours', { id: bricolageId });

  let challenge: Challenge | undefined;
  if (challengeId === null) {
    const running = await runningChallenges(turn, MAX_CHOICES + 1);
    if (running.length === 0) return turn.say('challenge.noneOpen');
    if (running.length > 1) {
      return turn.reply({
        text: t(turn.locale, 'challenge.pick', { id: bricolageId }),
        buttons: choiceButtons(running, bricolageId),
      });
    }
    challenge = await getChallenge(turn.trx, running[0].id);
  } else {
    challenge = await getChallenge(turn.trx, challengeId);
  }
  if (challenge?.status !== 'open' || challenge.ends_at <= new Date().toISOString()) {
    return turn.say('challenge.unknown', { id: challengeId ?? challenge?.id ?? 0 });
  }
  if (!bricolage.published_at || bricolage.published_at < challenge.opened_at) {
    return turn.say('challenge.tooOld', { id: bricolageId, challenge: challenge.title });
  }
  if (!(await linkBricolageToChallenge(turn.trx, { challengeId: challenge.id, bricolageId, linkedBy: turn.agent.id }))) {
    return turn.say('challenge.alreadyLinked', { id: bricolageId, challenge: challenge.title });
  }
  await audit(turn.trx, {
    actorAgentId: turn.agent.id,
    action: 'challenge.link',
    subjectType: 'challenge',
    subjectId: challenge.id,
    details: { bricolageId },
  });
  turn.say('challenge.linked', { id: bricolageId, title: bricolage.title, challenge: challenge.title });
  // An animateur may link someone else's bricolage: the thread credits its author.
  const author = bricolage.author_id === turn.agent.id ? turn.agent : await getAgent(turn.trx, bricolage.author_id);
  tellThread(turn, challenge, bricolage.id, bricolage.title, author?.display_name ?? '', author?.mairie ?? null);
}

/** Tells the défi's announcement thread that a bricolage joined it (same platform only). */
function tellThread(turn: Turn, challenge: Challenge, id: number, title: string, name: string, mairie: string | null): void {
  if (challenge.chat_platform !== turn.port.platform || !challenge.chat_channel_id || !challenge.chat_message_id) return;
  const locale = turn.deps.config.defaultLocale;
  const text = t(locale, 'challenge.threadLinked', {
    id,
    title,
    author: authorLabel(locale, name, mairie),
    url: galleryUrl(turn.deps.config, id),
  });
  const parent = { platform: turn.port.platform, channelId: challenge.chat_channel_id, messageId: challenge.chat_message_id };
  turn.afterCommit(async () => {
    await turn.port.replyInThread(parent, { text });
  });
}

function choiceButtons(running: { id: number; title: string }[], bricolageId: number): Button[] {
  return running
    .slice(0, MAX_CHOICES)
    .map((c) => ({ actionId: `${CHALLENGE_ACTION_ID}.${c.id}`, value: `${c.id}:${bricolageId}`, label: c.title }));
}

/** After publishing while a défi runs: offers to link the new bricolage to it (or to one of them). */
export async function offerChallenges(turn: Turn, bricolageId: number): Promise<void> {
  const running = await runningChallenges(turn, MAX_CHOICES);
  if (running.length === 0) return;
  const no: Button = {
    actionId: `${CHALLENGE_ACTION_ID}.no`,
    value: `no:${bricolageId}`,
    label: t(turn.locale, 'challenge.buttonNo'),
  };
  turn.reply({
    text: t(turn.locale, 'challenge.offer', { count: running.length, id: bricolageId }),
    buttons: [...choiceButtons(running, bricolageId), no],
  });
}

/** A "which défi?" button: links, or acknowledges "no thanks". */
export async function challengeButton(turn: Turn, value: string): Promise<void> {
  const match = /^(no|\d{1,9}):(\d{1,9})$/.exec(value);
  if (!match) return;
  const bricolageId = Number(match[2]);
  if (match[1] === 'no') return turn.say('challenge.offerDeclined', { id: bricolageId });
  await linkToChallenge(turn, bricolageId, Number(match[1]));
}
