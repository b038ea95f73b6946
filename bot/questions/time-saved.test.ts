import { describe, expect, it } from 'vitest';
import { askTimeSaved, QUICK_ANSWERS, TIME_SAVED_ACTION, timeSavedQuestion } from './time-saved.js';

const first = askTimeSaved(12, 'Ticket couleur').state!;
const answer = timeSavedQuestion.answer;
const text = (t: string) => ({ kind: 'text', text: t, photos: 0 }) as const;
const button = (value: string) => ({ kind: 'button', actionId: TIME_SAVED_ACTION, value }) as const;

describe('the time-saved question', () => {
  it('asks with quick answers', () => {
    expect(askTimeSaved(12, 'Ticket couleur').effects).toEqual([
      { type: 'say', key: 'timeSaved.ask', vars: { title: 'Ticket couleur' }, buttons: true },
    ]);
  });

  it('saves a readable answer in minutes per week and closes', () => {
    expect(answer(first, text('10 min par jour'))).toEqual({
      type: 'taken',
      state: null,
      effects: [{ type: 'save', bricolageId: 12, title: 'Ticket couleur', minutesPerWeek: 50 }],
    });
  });

  it('saves a quick answer, and takes a forged button value as a skip', () => {
    const quick = QUICK_ANSWERS[1].minutes;
    expect(answer(first, button(String(quick)))).toMatchObject({
      state: null,
      effects: [{ type: 'save', minutesPerWeek: quick }],
    });
    expect(answer(first, button('99999'))).toMatchObject({ state: null, effects: [{ type: 'say', key: 'timeSaved.skipped' }] });
  });

  it('asks an unreadable answer once more with examples, then stores nothing', () => {
    const again = answer(first, text('pas mal'));
    expect(again).toEqual({
      type: 'taken',
      state: { ...first, again: true },
      effects: [{ type: 'say', key: 'timeSaved.askAgain', buttons: true }],
    });
    if (again.type !== 'taken' || !again.state) throw new Error('still asked');
    expect(answer(again.state, text('beaucoup'))).toEqual({
      type: 'taken',
      state: null,
      effects: [{ type: 'say', key: 'timeSaved.gaveUp', vars: { id: 12 } }],
    });
  });

  it('refuses more than 40 h a week kindly, and asks again', () => {
    expect(answer(first, text('10 h par jour'))).toMatchObject({
      state: { again: true },
      effects: [{ type: 'say', key: 'timeSaved.tooMuch' }],
    });
  });

  it('skips by word or button', () => {
    for (const input of [text('Passer'), button('skip')]) {
      expect(answer(first, input)).toEqual({
        type: 'taken',
        state: null,
        effects: [{ type: 'say', key: 'timeSaved.skipped', vars: { id: 12 } }],
      });
    }
  });

  it('lets a command through and forgets the question; photos alone leave it waiting', () => {
    expect(answer(first, text('chercher courrier'))).toEqual({ type: 'notMine', keep: false });
    expect(answer(first, text('nouveau'))).toEqual({ type: 'notMine', keep: false });
    expect(answer(first, text(''))).toEqual({ type: 'notMine', keep: true });
    expect(answer(first, { kind: 'button', actionId: 'adopt', value: '3' })).toEqual({ type: 'notMine', keep: false });
  });

  it('reads back what it stored, and drops what it cannot read', () => {
    expect(timeSavedQuestion.parse(JSON.stringify({ ...first, again: true }))).toEqual({ ...first, again: true });
    expect(timeSavedQuestion.parse('{"bricolageId":"x"}')).toBeNull();
    expect(timeSavedQuestion.parse('nope')).toBeNull();
  });
});
