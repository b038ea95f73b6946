/** The wizard's answers to the buttons of a draft reminder (sent by `bot/reminders.ts`). */
import { describe, expect, it } from 'vitest';
import { advance, type WizardContext } from './advance.js';
import type { WizardState } from './state.js';

const ctx: WizardContext = { categories: ['Accueil', 'Courrier'], hasMairie: true };
const draft = {
  title: 'Tickets',
  problem: 'La file',
  steps: [{ text: 'Imprimer', photos: [] }],
  pendingPhotos: [],
  category: null,
};

describe('reminder buttons', () => {
  it('resume shows where the agent was: the question of the phase they left', () => {
    const state: WizardState = { version: 1, phase: 'steps', draft, editing: false };
    const result = advance(state, { kind: 'reminder', choice: 'resume' }, ctx);
    expect(result.state).toEqual(state);
    expect(result.effects).toEqual([
      { type: 'say', key: 'reminder.resumed', vars: { title: 'Tickets' }, buttons: undefined },
      expect.objectContaining({ type: 'say', key: 'askStepsAgain', vars: { count: 1 } }),
    ]);
  });

  it('resume from the "resume or restart?" offer goes back to the phase before it', () => {
    const state: WizardState = { version: 1, phase: 'resume', resumePhase: 'category', draft, editing: false };
    const result = advance(state, { kind: 'reminder', choice: 'resume' }, ctx);
    expect(result.state?.phase).toBe('category');
    expect(result.effects.at(-1)).toMatchObject({ key: 'askCategory' });
  });

  it('drop abandons the draft; a button for a draft already gone says so', () => {
    const state: WizardState = { version: 1, phase: 'preview', draft, editing: false };
    expect(advance(state, { kind: 'reminder', choice: 'drop' }, ctx)).toEqual({
      state: null,
      effects: [{ type: 'say', key: 'reminder.dropped', vars: { title: 'Tickets' }, buttons: undefined }],
    });
    expect(advance(null, { kind: 'reminder', choice: 'resume' }, ctx).effects).toEqual([
      { type: 'say', key: 'staleButton', vars: undefined, buttons: undefined },
    ]);
  });
});
