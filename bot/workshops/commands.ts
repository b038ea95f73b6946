/**
 * Ateliers de débogage in the chat: `ateliers` lists the open ones; animateurs open one (then
 * describe it) and close one (with a summary), both announced in the community channel; agents link
 * their bricolages with `atelier <n°>` or the buttons offered after publishing.
 */
import { getAgent } from '../../storage/agents.js';
import { audit } from '../../storage/audit.js';
import { getBricolage } from '../../storage/bricolages.js';
import type { Agent, Workshop } from '../../storage/schema.js';
import { countWorkshops, getWorkshop, linkBricolage, listWorkshops } from '../../storage/workshops.js';
import { isAnimator } from '../animators.js';
import { galleryUrl } from '../cards.js';
import { choiceButtons } from '../choices.js';
import { ask } from '../dialog.js';
import { t } from '../messages/index.js';
import type { Button } from '../ports.js';
import { workshopQuestion } from '../questions/workshop.js';
import type { Turn } from '../turn.js';
import { authorLabel } from './labels.js';
import { type WorkshopCommand, workshopCommandOf } from './parse.js';
import { startClosing, startOpening } from './prompt.js';

const canAnimate = (turn: Turn) => isAnimator(turn.trx, turn.deps.config, turn.agent);

/**
 * The action id of the "which workshop?" choices (one list, `bot/choices.ts`); the value is
 * `<workshop id>:<bricolage id>` or `no:<bricolage id>`. Buttons sent before the list shared one id
 * were `workshop.link.<n>`: still understood (by prefix).
 */
export const WORKSHOP_ACTION_ID = 'workshop.link';
/** How many open workshops are offered at once: past six, Teams shows them as a menu. */
const MAX_CHOICES = 10;

export async function runWorkshopCommand(turn: Turn, command: WorkshopCommand): Promise<void> {
  switch (command.name) {
    case 'list':
      return listOpen(turn);
    case 'usage':
      return turn.say('workshop.usage');
    case 'link':
      return linkToWorkshop(turn, command.bricolageId, null);
    case 'open':
      if (!(await canAnimate(turn))) return turn.say('workshop.notAnimator');
      return ask(turn, workshopQuestion, startOpening(command.title));
    case 'close': {
      if (!(await canAnimate(turn))) return turn.say('workshop.notAnimator');
      if (command.id === null) return turn.say('workshop.closeUsage');
      const workshop = await getWorkshop(turn.trx, command.id);
      if (workshop?.status !== 'open') return turn.say('workshop.unknown', { id: command.id });
      return ask(turn, workshopQuestion, startClosing(workshop, command.summary));
    }
  }
}

async function listOpen(turn: Turn): Promise<void> {
  const count = await countWorkshops(turn.trx, 'open');
  if (count === 0) return turn.say('workshop.noneOpen');
  const open = await listWorkshops(turn.trx, 'open', { limit: 10 });
  const lines = open.map((w) =>
    t(turn.locale, 'workshop.listLine', {
      id: w.id,
      title: w.title,
      bricolages: t(turn.locale, 'workshop.bricolageCount', { count: w.bricolageCount }),
    }),
  );
  turn.reply({ text: [t(turn.locale, 'workshop.listHeader', { count }), ...lines].join('\n') });
}

/**
 * Links a published bricolage to a workshop: the given one, or the only open one; with several
 * open, asks which. Only its author or an animateur may link it.
 */
export async function linkToWorkshop(turn: Turn, bricolageId: number, workshopId: number | null): Promise<void> {
  const bricolage = await getBricolage(turn.trx, bricolageId);
  if (bricolage?.status !== 'published') return turn.say('workshop.bricolageUnknown', { id: bricolageId });
  if (bricolage.author_id !== turn.agent.id && !(await canAnimate(turn)))
    return turn.say('workshop.notYours', { id: bricolageId });

  let workshop: Workshop | undefined;
  if (workshopId === null) {
    const open = await listWorkshops(turn.trx, 'open', { limit: MAX_CHOICES + 1 });
    if (open.length === 0) return turn.say('workshop.noneOpen');
    if (open.length > 1) {
      return turn.reply({
        text: t(turn.locale, 'workshop.pick', { id: bricolageId }),
        buttons: workshopChoices(open, bricolageId),
      });
    }
    workshop = await getWorkshop(turn.trx, open[0].id);
  } else {
    workshop = await getWorkshop(turn.trx, workshopId);
  }
  if (workshop?.status !== 'open') return turn.say('workshop.unknown', { id: workshopId ?? 0 });

  if (!(await linkBricolage(turn.trx, { workshopId: workshop.id, bricolageId, linkedBy: turn.agent.id }))) {
    return turn.say('workshop.alreadyLinked', { id: bricolageId, workshop: workshop.title });
  }
  await audit(turn.trx, {
    actorAgentId: turn.agent.id,
    action: 'workshop.link',
    subjectType: 'workshop',
    subjectId: workshop.id,
    details: { bricolageId },
  });
  turn.say('workshop.linked', { id: bricolageId, title: bricolage.title, workshop: workshop.title });
  // An animateur may link someone else's bricolage: the thread credits its author, not the linker.
  const author = bricolage.author_id === turn.agent.id ? turn.agent : await getAgent(turn.trx, bricolage.author_id);
  announceInThread(turn, workshop, bricolage.id, bricolage.title, author ?? turn.agent);
}

/** Tells the workshop's announcement thread that a bricolage joined it (same platform only). */
function announceInThread(turn: Turn, workshop: Workshop, id: number, title: string, author: Agent): void {
  if (workshop.chat_platform !== turn.port.platform || !workshop.chat_channel_id || !workshop.chat_message_id) return;
  const locale = turn.deps.config.defaultLocale;
  const text = t(locale, 'workshop.threadLinked', {
    id,
    title,
    author: authorLabel(locale, author.display_name, author.mairie),
    url: galleryUrl(turn.deps.config, id),
  });
  const parent = { platform: turn.port.platform, channelId: workshop.chat_channel_id, messageId: workshop.chat_message_id };
  turn.afterCommit(async () => {
    await turn.port.replyInThread(parent, { text });
  });
}

function workshopChoices(open: { id: number; title: string }[], bricolageId: number): Button[] {
  return choiceButtons(
    WORKSHOP_ACTION_ID,
    open.slice(0, MAX_CHOICES).map((w) => ({ value: `${w.id}:${bricolageId}`, label: w.title })),
  );
}

/** After publishing while workshops are open: offers to link the new bricolage to one of them. */
export async function offerWorkshops(turn: Turn, bricolageId: number): Promise<void> {
  const count = await countWorkshops(turn.trx, 'open');
  if (count === 0) return;
  const open = await listWorkshops(turn.trx, 'open', { limit: MAX_CHOICES });
  // Its own action id: "no thanks" stays a button beside the list (or its menu).
  const no: Button = {
    actionId: `${WORKSHOP_ACTION_ID}.no`,
    value: `no:${bricolageId}`,
    label: t(turn.locale, 'workshop.buttonNo'),
  };
  turn.reply({
    text: t(turn.locale, 'workshop.offer', { count, id: bricolageId }),
    buttons: [...workshopChoices(open, bricolageId), no],
  });
}

/** A "which workshop?" button: links, or acknowledges "no thanks". */
export async function workshopButton(turn: Turn, value: string): Promise<void> {
  const match = /^(no|\d{1,9}):(\d{1,9})$/.exec(value);
  if (!match) return;
  const bricolageId = Number(match[2]);
  if (match[1] === 'no') return turn.say('workshop.offerDeclined', { id: bricolageId });
  await linkToWorkshop(turn, bricolageId, Number(match[1]));
}

/** Runs the text as a workshop command if it is one; false lets the other commands have it. */
export async function runWorkshopText(turn: Turn, text: string): Promise<boolean> {
  const command = workshopCommandOf(text);
  if (!command) return false;
  await runWorkshopCommand(turn, command);
  return true;
}
