import { describe, expect, it } from 'vitest';
import { answerChallengePrompt, parseChallengePrompt, startChallengeOpening } from './prompt.js';

const END = new Date('2026-12-15T23:00:00Z');

describe('the défi description question', () => {
  it('asks once the title is fine, then opens with the answer', () => {
    const start = startChallengeOpening('  Zéro papier ', END);
    expect(start.effects).toEqual([{ type: 'say', key: 'challenge.askDescription', vars: { title: 'Zéro papier' } }]);
    const done = answerChallengePrompt(start.state!, 'Moins de papier au guichet.');
    expect(done).toEqual({
      state: null,
      effects: [{ type: 'open', title: 'Zéro papier', description: 'Moins de papier au guichet.', endsAt: END.toISOString() }],
    });
  });

  it('gives up on annuler, asks again on an empty answer, refuses an empty or long title', () => {
    const { state } = startChallengeOpening('Défi', END);
    expect(answerChallengePrompt(state!, 'annuler')).toEqual({
      state: null,
      effects: [{ type: 'say', key: 'challenge.promptCancelled' }],
    });
    expect(answerChallengePrompt(state!, '  ').state).toEqual(state);
    expect(answerChallengePrompt(state!, 'x'.repeat(2001)).effects[0]).toMatchObject({ key: 'tooLong' });
    expect(startChallengeOpening(' ', END)).toEqual({ state: null, effects: [{ type: 'say', key: 'challenge.openUsage' }] });
    expect(startChallengeOpening('x'.repeat(121), END).state).toBeNull();
  });

  it('reads back what it stored, and nothing else', () => {
    const { state } = startChallengeOpening('Défi', END);
    expect(parseChallengePrompt(JSON.stringify(state))).toEqual(state);
    expect(parseChallengePrompt('{"version":1,"kind":"description","title":"x"}')).toBeNull();
    expect(parseChallengePrompt('not json')).toBeNull();
  });
});
