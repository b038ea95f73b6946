import { describe, expect, it } from 'vitest';
import { answerTimeSaved, askTimeSaved, QUICK_ANSWERS, TIME_SAVED_ACTION } from './question.js';

const first = askTimeSaved(12, 'Ticket couleur').state;

describe('the time-saved question', () => {
  it('asks with quick answers', () => {
    expect(askTimeSaved(12, 'Ticket couleur').effects).toEqual([
      { type: 'say', key: 'timeSaved.ask', vars: { title: 'Ticket couleur' }, buttons: true },
    ]);
  });

  it('saves a readable answer in minutes per week and closes', () => {
    expect(answerTimeSaved(first, { kind: 'text', text: '10 min par jour' })).toEqual({
      type: 'taken',
      state: null,
      effects: [{ type: 'save', bricolageId: 12, title: 'Ticket couleur', minutesPerWeek: 50 }],
    });
  });

  it('saves a quick answer, and refuses a forged button value', () => {
    const quick = QUICK_ANSWERS[1].minutes;
    expect(answerTimeSaved(first, { kind: 'button', actionId: TIME_SAVED_ACTION, value: String(quick) })).toMatchObject({
      state: null,
      effects: [{ type: 'save', minutesPerWeek: quick }],
    });
    expect(answerTimeSaved(first, { kind: 'button', actionId: TIME_SAVED_ACTION, value: '99999' })).toMatchObject({
      state: null,
      effects: [{ type: 'say', key: 'timeSaved.skipped' }],
    });
  });

  it('asks an unreadable answer once more with examples, then stores nothing', () => {
    const again = answerTimeSaved(first, { kind: 'text', text: 'pas mal' });
    expect(again).toEqual({
      type: 'taken',
      state: { ...first, again: true },
      effects: [{ type: 'say', key: 'timeSaved.askAgain', buttons: true }],
    });
    if (again.type !== 'taken' || !again.state) throw new Error('still asked');
    expect(answerTimeSaved(again.state, { kind: 'text', text: 'beaucoup' })).toEqual({
      type: 'taken',
      state: null,
      effects: [{ type: 'say', key: 'timeSaved.gaveUp', vars: { id: 12 } }],
    });
  });

  it('refuses more than 40 h a week kindly, and asks again', () => {
    expect(answerTimeSaved(first, { kind: 'text', text: '10 h par jour' })).toMatchObject({
      state: { again: true },
      effects: [{ type: 'say', key: 'timeSaved.tooMuch' }],
    });
  });

  it('skips by word or button', () => {
    for (const input of [
      { kind: 'text', text: 'Passer' },
      { kind: 'button', actionId: TIME_SAVED_ACTION, value: 'skip' },
    ] as const) {
      expect(answerTimeSaved(first, input)).toEqual({
        type: 'taken',
        state: null,
        effects: [{ type: 'say', key: 'timeSaved.skipped', vars: { id: 12 } }],
      });
    }
  });

  it('lets a command through and forgets the question', () => {
    expect(answerTimeSaved(first, { kind: 'text', text: 'chercher courrier' })).toEqual({ type: 'notMine', keep: false });
    expect(answerTimeSaved(first, { kind: 'text', text: 'nouveau' })).toEqual({ type: 'notMine', keep: false });
  });
});
