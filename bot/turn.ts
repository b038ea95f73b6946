/** What a handler gets for one inbound event: its transaction, the agent, and a reply queue. */
import type { Config, Locale } from '../config.js';
import type { Logger } from '../log.js';
import type { Db, Trx } from '../storage/db.js';
import type { Agent } from '../storage/schema.js';
import { describeChoices } from './choices.js';
import { type MessageKey, t, type Vars } from './messages/index.js';
import type { ChatPort, OutboundMessage } from './ports.js';

export interface BotDeps {
  db: Db;
  config: Config;
  log: Logger;
}

export interface Turn {
  deps: BotDeps;
  trx: Trx;
  agent: Agent;
  locale: Locale;
  port: ChatPort;
  /** Sends a direct message to the agent once the transaction has committed. */
  reply(message: OutboundMessage): void;
  /** Shorthand: reply with one catalogue message. */
  say(key: MessageKey, vars?: Vars): void;
  /** Work to run once the transaction has committed (posting, linking). */
  afterCommit(work: () => Promise<void>): void;
}

export function localeOf(agent: Agent, config: Config): Locale {
  return agent.locale === 'en' || agent.locale === 'fr' ? agent.locale : config.defaultLocale;
}

/** Builds a turn whose replies and follow-up work are collected in `pending`, run after commit. */
export function createTurn(deps: BotDeps, trx: Trx, agent: Agent, port: ChatPort, pending: (() => Promise<void>)[]): Turn {
  const locale = localeOf(agent, deps.config);
  const turn: Turn = {
    deps,
    trx,
    agent,
    locale,
    port,
    reply: (message) =>
      pending.push(() => port.sendDirect(agent.platform_user_id, describeChoices(locale, message)).then(() => undefined)),
    say: (key, vars) => turn.reply({ text: t(turn.locale, key, vars) }),
    afterCommit: (work) => pending.push(work),
  };
  return turn;
}
