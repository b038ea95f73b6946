import { describe, expect, it } from 'vitest';
import { askDelete, CONFIRM_ACTION_ID } from '../rights/confirm.js';
import { startOpening } from '../workshops/prompt.js';
import { ADOPTION_FEEDBACK_ACTION, askFeedback, adoptionFeedbackQuestion as feedback } from './adoption-feedback.js';
import { confirmQuestion as confirm } from './confirm.js';
import { QUESTIONS } from './index.js';
import { workshopQuestion as workshop } from './workshop.js';

const text = (t: string, photos = 0) => ({ kind: 'text' as const, text: t, photos });
const button = (actionId: string, value = 'x') => ({ kind: 'button' as const, actionId, value });
const ACTION_IDS = [CONFIRM_ACTION_ID, ADOPTION_FEEDBACK_ACTION, 'adopt', 'wizard.action', 'workshop.link.1'];

describe('the registry of questions', () => {
  it('names each kind once, and each button belongs to one kind at most', () => {
    const kinds = QUESTIONS.map((q) => q.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const id of ACTION_IDS) expect(QUESTIONS.filter((q) => q.owns(id)).length).toBeLessThanOrEqual(1);
    expect(QUESTIONS.find((q) => q.owns(CONFIRM_ACTION_ID))).toBe(confirm);
    expect(QUESTIONS.find((q) => q.owns(ADOPTION_FEEDBACK_ACTION))).toBe(feedback);
  });

  it('keeps the expiries the prompts had: confirmation 15 min, feedback a day, workshop an hour', () => {
    expect([confirm.ttlMs, feedback.ttlMs, workshop.ttlMs]).toEqual([15 * 60_000, 24 * 3_600_000, 3_600_000]);
  });

  it('reads back only well-formed stored states', () => {
    for (const q of QUESTIONS) {
      expect(q.parse('not json')).toBeNull();
      expect(q.parse('{}')).toBeNull();
    }
    expect(feedback.parse('{"bricolageId":12}')).toEqual({ bricolageId: 12 });
    expect(confirm.parse(JSON.stringify(askDelete(3, 'T').state))).toEqual({ version: 1, kind: 'delete', id: 3 });
    expect(workshop.parse(JSON.stringify(startOpening('Files').state))).toEqual({
      version: 1,
      kind: 'description',
      title: 'Files',
    });
  });
});

describe('the adoption feedback', () => {
  const state = askFeedback(12, 'Ticket').state!;

  it('is asked with a skip button, and takes the next message as the feedback', () => {
    expect(askFeedback(12, 'Ticket')).toEqual({
      state: { bricolageId: 12 },
      effects: [{ type: 'say', key: 'adoptedAskFeedback', vars: { title: 'Ticket' }, skipButton: true }],
    });
    expect(feedback.answer(state, text(' Les usagers adorent '))).toEqual({
      type: 'taken',
      state: null,
      effects: [
        { type: 'saveFeedback', bricolageId: 12, feedback: 'Les usagers adorent' },
        { type: 'say', key: 'feedbackSaved' },
        // Then the optional time-saved question (issue 20).
        { type: 'offerTimeSaved', bricolageId: 12 },
      ],
    });
  });

  it('is skipped by a word or its button', () => {
    const skipped = {
      type: 'taken',
      state: null,
      effects: [
        { type: 'say', key: 'feedbackSkipped', vars: { id: 12 } },
        { type: 'offerTimeSaved', bricolageId: 12 },
      ],
    };
    expect(feedback.answer(state, text('Non merci.'))).toEqual(skipped);
    expect(feedback.answer(state, button(ADOPTION_FEEDBACK_ACTION, 'skip'))).toEqual(skipped);
  });

  it('takes a sentence that begins with a command word as the feedback; a command with its number still passes', () => {
    for (const t of ['Adopté, ça marche bien', 'adopté ça marche bien', 'Supprimer les doublons nous a aidés']) {
      expect(feedback.answer(state, text(t))).toMatchObject({
        type: 'taken',
        state: null,
        effects: [
          { type: 'saveFeedback', bricolageId: 12, feedback: t },
          { type: 'say', key: 'feedbackSaved' },
          expect.anything(),
        ],
      });
    }
    for (const t of ['adopté', 'adopté 14 super', 'supprimer 3', 'similaires n°12']) {
      expect(feedback.answer(state, text(t))).toEqual({ type: 'notMine', keep: false });
    }
  });

  it('lets commands and keywords through and is dropped; a photo alone leaves it waiting', () => {
    for (const t of ['nouveau', 'reprendre', 'chercher courrier', 'aide', 'mon profil', 'ateliers', 'tableau de bord']) {
      expect(feedback.answer(state, text(t))).toEqual({ type: 'notMine', keep: false });
    }
    expect(feedback.answer(state, button('wizard.action', 'done'))).toEqual({ type: 'notMine', keep: false });
    expect(feedback.answer(state, text('', 1))).toEqual({ type: 'notMine', keep: true });
  });
});

describe('the confirmation before deleting', () => {
  const state = askDelete(7, 'Ticket').state!;

  it('takes every message: yes deletes, no keeps, a command word asks again', () => {
    expect(confirm.answer(state, text('Oui'))).toMatchObject({
      type: 'taken',
      state: null,
      effects: [{ type: 'delete', id: 7 }],
    });
    expect(confirm.answer(state, button(CONFIRM_ACTION_ID, 'no'))).toMatchObject({
      type: 'taken',
      state: null,
      effects: [{ type: 'say', key: 'deleteKept' }],
    });
    expect(confirm.answer(state, text('chercher ticket'))).toMatchObject({
      type: 'taken',
      state,
      effects: [{ type: 'say', key: 'confirmAgain' }],
    });
  });

  it('leaves the buttons of other features alone, still waiting', () => {
    expect(confirm.answer(state, button('adopt', '3'))).toEqual({ type: 'notMine', keep: true });
  });
});

describe('the workshop’s description', () => {
  const state = startOpening('Files').state!;

  it('takes the next message, commands included, and annuler cancels it', () => {
    expect(workshop.answer(state, text('Chercher une solution aux files'))).toEqual({
      type: 'taken',
      state: null,
      effects: [{ type: 'open', title: 'Files', description: 'Chercher une solution aux files' }],
    });
    expect(workshop.answer(state, text('annuler'))).toEqual({
      type: 'taken',
      state: null,
      effects: [{ type: 'say', key: 'workshop.promptCancelled' }],
    });
  });

  it('is dropped by nouveau; photos and buttons pass by and leave it waiting', () => {
    expect(workshop.answer(state, text('Nouveau'))).toEqual({ type: 'notMine', keep: false });
    expect(workshop.answer(state, text('Ma photo', 1))).toEqual({ type: 'notMine', keep: true });
    expect(workshop.answer(state, button('adopt', '3'))).toEqual({ type: 'notMine', keep: true });
  });
});
