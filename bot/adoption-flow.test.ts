import { describe, expect, it } from 'vitest';
import { adoptionFlow, PROMPT_TTL_MS } from './adoption-flow.js';

const now = '2026-11-29T10:00:00.000Z';
const later = (ms: number) => new Date(Date.parse(now) + ms).toISOString();
const asked = { bricolageId: 12, askedAt: now };

describe('adoptionFlow', () => {
  it('asks for feedback after the button, unless a draft is being written', () => {
    expect(adoptionFlow(null, { kind: 'adopted', bricolageId: 12, title: 'T', hasDraft: false, now })).toEqual({
      prompt: asked,
      effects: [{ type: 'say', key: 'adoptedAskFeedback', vars: { title: 'T' }, skipButton: true }],
    });
    expect(adoptionFlow(null, { kind: 'adopted', bricolageId: 12, title: 'T', hasDraft: true, now })).toEqual({
      prompt: null,
      effects: [{ type: 'say', key: 'adopted', vars: { title: 'T', id: 12 } }],
    });
  });

  it('takes the next message as the feedback', () => {
    expect(adoptionFlow(asked, { kind: 'text', text: ' Les usagers adorent ', now: later(60_000) })).toEqual({
      prompt: null,
      effects: [
        { type: 'saveFeedback', bricolageId: 12, feedback: 'Les usagers adorent' },
        { type: 'say', key: 'feedbackSaved' },
      ],
    });
  });

  it('lets a skip word, the skip button, a command or an old question go', () => {
    const skipped = { prompt: null, effects: [{ type: 'say', key: 'feedbackSkipped', vars: { id: 12 } }] };
    expect(adoptionFlow(asked, { kind: 'text', text: 'Non merci.', now })).toEqual(skipped);
    expect(adoptionFlow(asked, { kind: 'skip', now })).toEqual(skipped);
    for (const text of ['nouveau', 'chercher courrier', 'aide', 'mon profil']) {
      expect(adoptionFlow(asked, { kind: 'text', text, now })).toEqual({ prompt: null, effects: [{ type: 'notForUs' }] });
    }
    expect(adoptionFlow(asked, { kind: 'text', text: 'Super', now: later(PROMPT_TTL_MS + 1) })).toEqual({
      prompt: null,
      effects: [{ type: 'notForUs' }],
    });
    expect(adoptionFlow(null, { kind: 'text', text: 'Super', now })).toEqual({ prompt: null, effects: [{ type: 'notForUs' }] });
    expect(adoptionFlow(null, { kind: 'skip', now }).effects).toEqual([{ type: 'say', key: 'feedbackNothingPending' }]);
  });
});
