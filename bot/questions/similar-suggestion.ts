/**
 * "Ça ressemble à ce que d'autres ont déjà bricolé" (issue 17): right after an agent describes the
 * problem of a new draft, the bot shows up to 3 published bricolages of other agents that solve
 * the same problem (`storage/search/similar.ts`), once per draft and only when some pass the
 * threshold. It never adds a required message: every message goes on to the wizard as before and
 * the suggestion stays waiting for its buttons. *Je l'adopte* records the adoption and asks its
 * optional feedback (which replaces this question in the pending slot; the draft stays saved for
 * `reprendre`); *Continuer mon bricolage* closes it.
 */
import { type SummaryRow, summariesByIds } from '../../storage/gallery/list.js';
import { findSimilar } from '../../storage/search/similar.js';
import { adopt } from '../adoptions.js';
import type { Asked, QuestionKind } from '../dialog.js';
import { ask, notMine, taken } from '../dialog.js';
import { t } from '../messages/index.js';
import { similarLine } from '../similar.js';
import type { Turn } from '../turn.js';

export const SUGGESTION_ACTION = { adopt: 'similar.adopt', continue: 'similar.continue' } as const;
const owns = (actionId: string) => actionId === SUGGESTION_ACTION.adopt || actionId === SUGGESTION_ACTION.continue;
/** Suggestions shown at most. */
const SHOWN = 3;

export interface SuggestionState {
  ids: number[];
}

export type SuggestionEffect =
  | { type: 'show'; rows: SummaryRow[] }
  | { type: 'adopt'; id: number }
  | { type: 'say'; key: 'similar.continued' };

/** The suggestion of `rows`, asked. */
export function askSuggestion(rows: SummaryRow[]): Asked<SuggestionState, SuggestionEffect> {
  return { state: { ids: rows.map((r) => r.id) }, effects: [{ type: 'show', rows }] };
}

export const similarSuggestionQuestion: QuestionKind<SuggestionState, SuggestionEffect> = {
  kind: 'similarSuggestion',
  ttlMs: 24 * 3_600_000,
  owns,
  staleKey: 'similar.stale',
  parse(json) {
    try {
      const value = JSON.parse(json) as SuggestionState;
      return Array.isArray(value?.ids) && value.ids.every(Number.isInteger) ? { ids: value.ids } : null;
    } catch {
      return null;
    }
  },
  answer(state, input) {
    // Messages and other features' buttons go on (the next step of the draft…); the suggestion waits.
    if (input.kind !== 'button' || !owns(input.actionId)) return notMine(true);
    if (input.actionId === SUGGESTION_ACTION.continue) return taken(null, [{ type: 'say', key: 'similar.continued' }]);
    const id = Number(input.value);
    return state.ids.includes(id) ? taken(null, [{ type: 'adopt', id }]) : taken(state, []);
  },
  async apply(turn, effect) {
    switch (effect.type) {
      case 'show':
        return show(turn, effect.rows);
      case 'adopt':
        // As the card's button: the feedback question follows, and the draft waits for `reprendre`.
        return adopt(turn, effect.id, '', { emptyDraft: false });
      case 'say':
        return turn.say(effect.key);
    }
  },
};

function show(turn: Turn, rows: SummaryRow[]): void {
  turn.reply({
    text: t(turn.locale, 'similar.suggestion', { list: rows.map((r) => similarLine(turn, r)).join('\n') }),
    buttons: [
      ...rows.map((r) => ({
        actionId: SUGGESTION_ACTION.adopt,
        value: String(r.id),
        label: t(turn.locale, 'similar.adoptButton', { id: r.id }),
      })),
      { actionId: SUGGESTION_ACTION.continue, value: 'continue', label: t(turn.locale, 'similar.continueButton') },
    ],
  });
}

/** Looks for published bricolages of other agents close to the draft's title and problem; suggests them if any. */
export async function suggestSimilar(turn: Turn, title: string, problem: string): Promise<void> {
  const matches = await findSimilar(turn.trx, { title, problem }, { limit: SHOWN, excludeAuthorId: turn.agent.id });
  if (matches.length === 0) return;
  const rows = await summariesByIds(
    turn.trx,
    matches.map((m) => m.id),
  );
  if (rows.length > 0) await ask(turn, similarSuggestionQuestion, askSuggestion(rows));
}
