import { describe, expect, it } from 'vitest';
import { askDelete, askForget, type ConfirmState, confirmAdvance, parseConfirmState } from './confirm.js';

const text = (t: string) => ({ kind: 'text' as const, text: t });
const press = (value: string) => ({ kind: 'button' as const, value });

describe('confirmations', () => {
  it('supprimer: only an explicit yes deletes; no cancels; anything else asks again', () => {
    const asked = askDelete(7, 'Ticket');
    expect(asked.effects[0]).toMatchObject({ type: 'say', key: 'deleteConfirm', vars: { id: 7, title: 'Ticket' } });
    const state = asked.state!;
    expect(confirmAdvance(state, text('bof'))).toMatchObject({ state, effects: [{ key: 'confirmAgain' }] });
    expect(confirmAdvance(state, text('supprimer'))).toMatchObject({ state, effects: [{ key: 'confirmAgain' }] });
    expect(confirmAdvance(state, text('Non !'))).toEqual({ state: null, effects: [{ type: 'say', key: 'deleteKept' }] });
    expect(confirmAdvance(state, text('OUI'))).toEqual({ state: null, effects: [{ type: 'delete', id: 7 }] });
    expect(confirmAdvance(state, press('yes'))).toEqual({ state: null, effects: [{ type: 'delete', id: 7 }] });
  });

  it('oublie-moi: a choice for the bricolages, then a last yes', () => {
    const asked = askForget(3);
    expect(asked.effects[0]).toMatchObject({ key: 'forgetChoose', vars: { count: 3 } });
    expect(confirmAdvance(asked.state!, text('oui'))).toMatchObject({
      state: asked.state,
      effects: [{ key: 'forgetChoiceAgain' }],
    });
    const anonymous = confirmAdvance(asked.state!, text('anonymes'));
    expect(anonymous.state).toEqual({ version: 1, kind: 'forgetConfirm', mode: 'anonymise' });
    expect(confirmAdvance(anonymous.state!, text('oui'))).toEqual({
      state: null,
      effects: [{ type: 'forget', mode: 'anonymise' }],
    });
    const remove = confirmAdvance(asked.state!, press('remove'));
    // Nothing published: no choice to make, straight to the last yes.
    expect(askForget(0)).toMatchObject({
      state: { kind: 'forgetConfirm', mode: 'remove' },
      effects: [{ key: 'forgetConfirmAll' }],
    });
    expect(confirmAdvance(remove.state!, press('no'))).toEqual({ state: null, effects: [{ type: 'say', key: 'forgetKept' }] });
    expect(confirmAdvance(remove.state!, press('yes'))).toEqual({ state: null, effects: [{ type: 'forget', mode: 'remove' }] });
  });

  it('reads back only states it wrote', () => {
    const state: ConfirmState = { version: 1, kind: 'delete', id: 3 };
    expect(parseConfirmState(JSON.stringify(state))).toEqual(state);
    expect(parseConfirmState('{"version":1,"kind":"drop"}')).toBeNull();
    expect(parseConfirmState('not json')).toBeNull();
  });
});
