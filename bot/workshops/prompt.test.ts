import { describe, expect, it } from 'vitest';
import { answerPrompt, parsePrompt, startClosing, startOpening, WORKSHOP_LIMITS } from './prompt.js';

describe('the workshop prompt', () => {
  it('asks for the description after the title, then opens with both', () => {
    const started = startOpening('  Files du samedi  ');
    expect(started.state).toEqual({ version: 1, kind: 'description', title: 'Files du samedi' });
    expect(started.effects).toEqual([{ type: 'say', key: 'workshop.askDescription', vars: { title: 'Files du samedi' } }]);
    const answered = answerPrompt(started.state!, 'La file déborde chaque samedi matin.');
    expect(answered).toEqual({
      state: null,
      effects: [{ type: 'open', title: 'Files du samedi', description: 'La file déborde chaque samedi matin.' }],
    });
  });

  it('refuses an empty or too long title without starting', () => {
    expect(startOpening('  ')).toEqual({ state: null, effects: [{ type: 'say', key: 'workshop.openUsage' }] });
    const long = startOpening('x'.repeat(WORKSHOP_LIMITS.titleLength + 1));
    expect(long.state).toBeNull();
    expect(long.effects[0]).toMatchObject({ type: 'say', key: 'tooLong' });
  });

  it('closes at once with an inline summary, or asks for it', () => {
    expect(startClosing({ id: 3, title: 'Files' }, 'Deux astuces adoptées')).toEqual({
      state: null,
      effects: [{ type: 'close', workshopId: 3, summary: 'Deux astuces adoptées' }],
    });
    const asked = startClosing({ id: 3, title: 'Files' }, '');
    expect(asked.state).toEqual({ version: 1, kind: 'summary', workshopId: 3, title: 'Files' });
    expect(asked.effects[0]).toMatchObject({ key: 'workshop.askSummary', vars: { id: 3 } });
  });

  it('keeps asking on an empty answer or help, refuses an overlong one, and cancels on annuler', () => {
    const state = startOpening('Files').state!;
    expect(answerPrompt(state, '   ').state).toEqual(state);
    expect(answerPrompt(state, 'aide').effects[0]).toMatchObject({ key: 'workshop.askDescription' });
    const tooLong = answerPrompt(state, 'y'.repeat(WORKSHOP_LIMITS.textLength + 1));
    expect(tooLong.state).toEqual(state);
    expect(tooLong.effects[0]).toMatchObject({ key: 'tooLong' });
    expect(answerPrompt(state, 'Annuler !')).toEqual({
      state: null,
      effects: [{ type: 'say', key: 'workshop.promptCancelled' }],
    });
  });

  it('reads back only well-formed stored states', () => {
    expect(parsePrompt(JSON.stringify(startOpening('Files').state))).toEqual({ version: 1, kind: 'description', title: 'Files' });
    expect(parsePrompt('{not json')).toBeNull();
    expect(parsePrompt(JSON.stringify({ version: 1, kind: 'summary' }))).toBeNull();
    expect(parsePrompt(null)).toBeNull();
  });
});
