import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES } from '../../config.js';
import { advance, type WizardEffect, type WizardInput, type WizardResult } from './advance.js';
import type { WizardState } from './state.js';

const ctx = { categories: DEFAULT_CATEGORIES, hasMairie: true };
const text = (t: string, photos: string[] = []): WizardInput => ({ kind: 'text', text: t, photos });

/** Plays inputs from no draft; returns the last result and every effect said along the way. */
function play(inputs: WizardInput[], start: WizardState | null = null, context = ctx) {
  let state = start;
  let last: WizardResult = { state, effects: [] };
  const all: WizardEffect[] = [];
  for (const input of inputs) {
    last = advance(state, input, context);
    state = last.state;
    all.push(...last.effects);
  }
  return { ...last, all };
}
const keys = (effects: WizardEffect[]) => effects.map((e) => (e.type === 'say' ? e.key : e.type));

const toSteps = [{ kind: 'start' } as const, text('Ticket coloré'), text('La file des cartes d’identité déborde')];
const toPreview = [...toSteps, text('Imprimer des tickets', ['p1']), text('Les distribuer'), text('terminé'), text('1')];

describe('posting conversation', () => {
  it('asks title, problem, steps, category, then previews', () => {
    const r = play(toPreview);
    expect(keys(r.all)).toEqual([
      'askTitle',
      'askProblem',
      'suggest',
      'askSteps',
      'stepSavedWithPhotos',
      'stepNext',
      'stepSaved',
      'stepNext',
      'askCategory',
      'preview',
    ]);
    expect(r.state?.phase).toBe('preview');
    expect(r.state?.draft).toMatchObject({
      title: 'Ticket coloré',
      problem: 'La file des cartes d’identité déborde',
      category: "Accueil et files d'attente",
      steps: [
        { text: 'Imprimer des tickets', photos: ['p1'] },
        { text: 'Les distribuer', photos: [] },
      ],
    });
  });

  it('looks for similar bricolages right after the problem, once per draft, not when editing a published one', () => {
    const r = play(toSteps);
    expect(r.effects[0]).toEqual({ type: 'suggest', title: 'Ticket coloré', problem: 'La file des cartes d’identité déborde' });
    // `retour` to the problem and a new answer: no second suggestion for the same draft.
    const again = play([text('retour'), text('Une autre description du problème')], r.state);
    expect(keys(again.all)).not.toContain('suggest');
    // Changing the problem from the preview does not suggest either.
    const edited = play([text('modifier'), text('2'), text('Encore un autre problème')], play(toPreview).state);
    expect(keys(edited.all)).not.toContain('suggest');
    // A new draft (recommencer) may suggest again.
    const restarted = play([{ kind: 'start' }, text('recommencer'), text('Ticket'), text('Un problème')], r.state);
    expect(keys(restarted.all)).toContain('suggest');
  });

  it('offers the categories as buttons and accepts a button press', () => {
    const atCategory = play(toPreview.slice(0, -1));
    const ask = atCategory.effects.find((e) => e.type === 'say' && e.key === 'askCategory');
    expect(ask?.type === 'say' && ask.buttons?.map((b) => b.label)).toEqual([...DEFAULT_CATEGORIES]);
    const r = advance(atCategory.state, { kind: 'category', index: 5 }, ctx);
    expect(r.state?.draft.category).toBe('État civil');
  });

  it('publishes on `publier` and ends the draft', () => {
    const r = play([...toPreview, text('Publier')]);
    expect(r.state).toBeNull();
    expect(r.effects).toEqual([{ type: 'publish', draft: expect.objectContaining({ title: 'Ticket coloré' }) }]);
  });

  it('publishes with the button too', () => {
    const r = play([...toPreview, { kind: 'action', action: 'publish' }]);
    expect(r.effects[0].type).toBe('publish');
  });

  it('asks the mairie first when it is unknown, and refuses a wrong answer', () => {
    const r = play([{ kind: 'start' }, text('Lyon'), text('11e')], null, { ...ctx, hasMairie: false });
    expect(keys(r.all)).toEqual(['askMairie', 'mairieNotUnderstood', 'setMairie', 'askTitle']);
    expect(r.all).toContainEqual({ type: 'setMairie', mairie: 'paris-11' });
    expect(r.state?.phase).toBe('title');
  });

  it('annuler abandons at any phase', () => {
    for (let n = 1; n <= toPreview.length; n++) {
      const r = play([...toPreview.slice(0, n), text('Annuler')]);
      expect(r.state).toBeNull();
      expect(keys(r.effects)).toEqual(['cancelled']);
    }
  });

  it('retour redoes the previous answer', () => {
    const atProblem = play(toSteps.slice(0, 2));
    const back1 = advance(atProblem.state, text('retour'), ctx);
    expect(back1.state).toMatchObject({ phase: 'title', draft: { title: null } });

    const twoSteps = play(toPreview.slice(0, 5));
    const back2 = advance(twoSteps.state, text('retour'), ctx);
    expect(back2.state?.draft.steps.map((s) => s.text)).toEqual(['Imprimer des tickets']);
    expect(keys(back2.effects)).toContain('stepRemoved');

    const preview = play(toPreview);
    const back3 = advance(preview.state, { kind: 'action', action: 'back' }, ctx);
    expect(back3.state).toMatchObject({ phase: 'category', draft: { category: null } });

    const atTitle = play([{ kind: 'start' }]);
    expect(keys(advance(atTitle.state, text('retour'), ctx).effects)).toEqual(['nothingToUndo', 'askTitle']);
  });

  it('retour on the first step goes back to the problem', () => {
    const r = play([...toSteps, text('retour')]);
    expect(r.state).toMatchObject({ phase: 'problem', draft: { problem: null } });
  });

  it('aide explains and asks the same question again', () => {
    const r = play([...toSteps.slice(0, 2), text('aide')]);
    expect(keys(r.effects)).toEqual(['help', 'askProblem']);
    expect(r.state?.phase).toBe('problem');
  });

  it('photos sent alone join the current step, or the next one when none exists', () => {
    const before = play([...toSteps, text('', ['a'])]);
    expect(keys(before.effects)).toEqual(['photosKeptForNextStep']);
    const r = play([text('Étape un'), text('', ['b', 'c'])], before.state);
    expect(r.state?.draft.steps).toEqual([{ text: 'Étape un', photos: ['a', 'b', 'c'] }]);
  });

  it('refuses to finish without any step', () => {
    const r = play([...toSteps, text('terminé')]);
    expect(keys(r.effects)).toEqual(['needOneStep']);
    expect(r.state?.phase).toBe('steps');
  });

  it('an unknown category gets the list again', () => {
    const r = play([...toPreview.slice(0, -1), text('cuisine')]);
    expect(keys(r.effects)).toEqual(['categoryNotUnderstood']);
    expect(r.state?.phase).toBe('category');
  });

  it('modifier lets the agent change one answer and returns to the preview', () => {
    const r = play([...toPreview, text('modifier'), { kind: 'field', field: 'title' }, text('Ticket coloré v2')]);
    expect(r.state).toMatchObject({
      phase: 'preview',
      draft: { title: 'Ticket coloré v2', category: "Accueil et files d'attente" },
    });
    const steps = play([...toPreview, text('modifier'), text('étapes'), text('Nouvelle étape'), text('terminé')]);
    expect(steps.state?.phase).toBe('preview');
    expect(steps.state?.draft.steps).toEqual([{ text: 'Nouvelle étape', photos: [] }]);
  });

  it('nouveau during a draft offers to resume it, and resuming asks the same question', () => {
    const mid = play(toSteps);
    const offer = advance(mid.state, text('nouveau'), ctx);
    expect(offer.state?.phase).toBe('resume');
    expect(keys(offer.effects)).toEqual(['resumeOffer']);
    const resumed = advance(offer.state, { kind: 'action', action: 'resume' }, ctx);
    expect(resumed.state?.phase).toBe('steps');
    expect(resumed.state?.draft.title).toBe('Ticket coloré');
    const restarted = advance(offer.state, text('recommencer'), ctx);
    expect(restarted.state).toMatchObject({ phase: 'title', draft: { title: null } });
  });

  it('refuses a title that is too long or empty', () => {
    const r = play([{ kind: 'start' }, text('x'.repeat(121))]);
    expect(keys(r.effects)).toEqual(['tooLong']);
    const photoOnly = play([{ kind: 'start' }, text('', ['p'])]);
    expect(photoOnly.state).toMatchObject({ phase: 'title', draft: { pendingPhotos: ['p'] } });
  });

  it('a state survives a JSON round trip (it is stored between messages)', () => {
    const mid = play(toPreview.slice(0, 4));
    const restored = JSON.parse(JSON.stringify(mid.state));
    const r = play(toPreview.slice(4), restored);
    expect(r.state?.phase).toBe('preview');
  });

  it('retour while rewriting the steps gives the old steps back', () => {
    const editing = play([...toPreview, text('modifier'), text('étapes')]);
    expect(editing.state?.draft.steps).toEqual([]);
    const oneNew = advance(editing.state, text('Nouvelle étape'), ctx);
    const undoNew = advance(oneNew.state, text('retour'), ctx);
    expect(undoNew.state).toMatchObject({ phase: 'steps', draft: { steps: [] } });
    const back = advance(undoNew.state, text('retour'), ctx);
    expect(back.state?.phase).toBe('preview');
    expect(back.state?.draft.steps.map((s) => s.text)).toEqual(['Imprimer des tickets', 'Les distribuer']);
  });

  it('keeps a photo sent at the category question with the last step, then asks again', () => {
    const atCategory = play(toPreview.slice(0, -1));
    const r = advance(atCategory.state, text('', ['late']), ctx);
    expect(r.state?.phase).toBe('category');
    expect(r.state?.draft.steps.at(-1)?.photos).toEqual(['late']);
    expect(keys(r.effects)).toEqual(['photosAddedToStep', 'askCategory']);
  });

  it('keeps photos sent with a new title while editing, with the last step', () => {
    const r = play([...toPreview, text('modifier'), { kind: 'field', field: 'title' }, text('Titre v2', ['p2'])]);
    expect(r.state).toMatchObject({ phase: 'preview', draft: { title: 'Titre v2' } });
    expect(r.state?.draft.steps.at(-1)?.photos).toEqual(['p2']);
  });

  it('never publishes an incomplete draft: it asks what is missing', () => {
    const broken: WizardState = {
      version: 1,
      phase: 'preview',
      editing: false,
      draft: { title: 'T', problem: 'P', steps: [], pendingPhotos: [], category: 'Autre' },
    };
    const r = advance(broken, text('publier'), ctx);
    expect(r.effects.some((e) => e.type === 'publish')).toBe(false);
    expect(r.state?.phase).toBe('steps');
  });
});

describe('reopening a published bricolage (modifier <n°>)', () => {
  const ctx = { categories: ['Accueil', 'Courrier'], hasMairie: true };
  const draft = { title: 'T', problem: 'P', steps: [{ text: 'S', photos: ['h'] }], pendingPhotos: [], category: 'Accueil' };

  it('opens at the preview, keeps the bricolage id through an edit, and publishes it as an update', () => {
    const opened = advance(null, { kind: 'reopen', id: 9, draft }, ctx);
    expect(opened.state).toMatchObject({ phase: 'preview', editOf: 9 });
    expect(opened.effects.map((e) => e.type)).toEqual(['say', 'preview']);
    const choice = advance(opened.state, { kind: 'text', text: 'modifier', photos: [] }, ctx);
    const title = advance(choice.state, { kind: 'field', field: 'title' }, ctx);
    const edited = advance(title.state, { kind: 'text', text: 'T2', photos: [] }, ctx);
    expect(edited.state).toMatchObject({ phase: 'preview', editOf: 9 });
    const published = advance(edited.state, { kind: 'action', action: 'publish' }, ctx);
    expect(published).toEqual({ state: null, effects: [{ type: 'publish', draft: { ...draft, title: 'T2' }, editOf: 9 }] });
  });

  it('cancelling says the bricolage stays as it was; a draft in progress is never overwritten', () => {
    const opened = advance(null, { kind: 'reopen', id: 9, draft }, ctx);
    expect(advance(opened.state, { kind: 'action', action: 'cancel' }, ctx).effects).toEqual([
      { type: 'say', key: 'editCancelled', vars: { id: 9 } },
    ]);
    const writing = advance(advance(null, { kind: 'start' }, ctx).state, { kind: 'text', text: 'Mon titre', photos: [] }, ctx);
    const refused = advance(writing.state, { kind: 'reopen', id: 9, draft }, ctx);
    expect(refused.state).toEqual(writing.state);
    expect(refused.effects).toEqual([{ type: 'say', key: 'editBusy', vars: undefined, buttons: undefined }]);
  });
});
