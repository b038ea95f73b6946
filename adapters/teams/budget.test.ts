import { describe, expect, it } from 'vitest';
import type { BricolageCard, OutboundMessage } from '../../bot/ports.js';
import { adaptiveCardProblems } from '../../test/support/adaptive-card-check.js';
import { ACTIVITY_BUDGET, activityBytes, fitMessage } from './budget.js';
import type { TeamsMessage } from './cards.js';

/** A step as an agent could write one: 2,000 characters with accents, markup characters and an emoji. */
const stepText = (n: number, length = 2000) =>
  `Étape ${n} : <imprimer> & "ranger" *vite* 📎 `.padEnd(length, `mot${n} é `).slice(0, length);

function preview(steps: number, stepLength = 2000): OutboundMessage {
  const card: BricolageCard = {
    title: 'T'.repeat(120),
    problem: 'P'.repeat(2000),
    category: 'Autre',
    authorName: 'Marie',
    mairie: '11e',
    steps: Array.from({ length: steps }, (_, i) => ({ position: i + 1, text: stepText(i + 1, stepLength), photos: [] })),
    coverPhoto: { hash: 'a'.repeat(64), url: 'x', cardImageUrl: 'x', alt: 'Étape 1, photo 1' },
    labels: {
      problem: 'Le problème',
      steps: 'Les étapes',
      stepCount: `${steps} étapes`,
      category: 'Catégorie',
      byline: 'par Marie, 11e',
      stepsShortened: 'Étapes raccourcies : leur texte entier est juste au-dessus.',
    },
  };
  return {
    text: 'Aperçu',
    card,
    buttons: [
      { actionId: 'wizard.publish', value: 'publish', label: 'Publier', style: 'primary' },
      { actionId: 'wizard.edit', value: 'edit', label: 'Modifier' },
      { actionId: 'wizard.cancel', value: 'cancel', label: 'Annuler', style: 'danger' },
    ],
  };
}

/** An inline JPEG data URI of about `bytes` bytes of JPEG. */
const jpegUri = (bytes: number) => `data:image/jpeg;base64,${Buffer.alloc(bytes, 7).toString('base64')}`;
const content = (a: TeamsMessage) => a.attachments![0].content as any;
const texts = (a: TeamsMessage) =>
  JSON.stringify(content(a).body)
    .match(/"text":"(?:[^"\\]|\\.)*"/g)!
    .map((m) => JSON.parse(m.slice(7)) as string);

describe('Teams byte budget', () => {
  it('keeps a draft at the wizard maximum (20 steps of 2,000 characters) under 24 KB, its steps whole just before', async () => {
    const message = preview(20);
    const tried: string[] = [];
    const fitted = await fitMessage(message, {
      images: [30_000, 12_000, 5_000].map((n) => async () => {
        tried.push(String(n));
        return jpegUri(n);
      }),
      sendApart: true,
    });
    expect(activityBytes(fitted.activity)).toBeLessThanOrEqual(ACTIVITY_BUDGET);
    // The photo went first: every size was tried, and none is left.
    expect(tried).toEqual(['30000', '12000', '5000']);
    expect(content(fitted.activity).body.some((b: any) => b.type === 'Image')).toBe(false);
    // Every step is on the card, shortened, and the card says where the rest is.
    const shown = texts(fitted.activity);
    for (let n = 1; n <= 20; n++)
      expect(shown.some((t) => t.startsWith(`Étape ${n} : <imprimer>`) && t.endsWith('…'))).toBe(true);
    expect(shown).toContain(message.card!.labels.stepsShortened);
    expect(adaptiveCardProblems(content(fitted.activity))).toEqual([]);
    // The whole steps come as plain messages, each within the budget, in order, escaped.
    expect(fitted.before.length).toBeGreaterThan(1);
    for (const part of fitted.before) expect(activityBytes(part)).toBeLessThanOrEqual(ACTIVITY_BUDGET);
    const whole = fitted.before.map((p) => p.text).join('<br><br>');
    for (let n = 1; n <= 20; n++) {
      const escaped = stepText(n).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
      expect(whole).toContain(`<b>${n}.</b> ${escaped}`);
    }
    expect(whole.indexOf('<b>1.</b>')).toBeLessThan(whole.indexOf('<b>20.</b>'));
  });

  it('shrinks the inline photo before touching the steps', async () => {
    // Five realistic steps and a photo: the largest image would pass 24 KB, the next one fits.
    const message = preview(5, 400);
    const fitted = await fitMessage(message, {
      images: [20_000, 9_000, 4_000].map((n) => async () => jpegUri(n)),
      sendApart: true,
    });
    expect(activityBytes(fitted.activity)).toBeLessThanOrEqual(ACTIVITY_BUDGET);
    expect(content(fitted.activity).body.find((b: any) => b.type === 'Image').url).toBe(jpegUri(9_000));
    expect(fitted.before).toEqual([]);
    expect(texts(fitted.activity)).toContain(stepText(5, 400));
  });

  it('drops the photo when even the smallest does not fit, before shortening steps', async () => {
    const message = preview(9, 2000);
    const fitted = await fitMessage(message, { images: [async () => jpegUri(12_000)], sendApart: true });
    expect(content(fitted.activity).body.some((b: any) => b.type === 'Image')).toBe(false);
    expect(activityBytes(fitted.activity)).toBeLessThanOrEqual(ACTIVITY_BUDGET);
  });

  it('only shortens where nothing can be sent before (a channel post, an update), without the note', async () => {
    const fitted = await fitMessage(preview(20), { images: [], sendApart: false });
    expect(fitted.before).toEqual([]);
    expect(activityBytes(fitted.activity)).toBeLessThanOrEqual(ACTIVITY_BUDGET);
    expect(texts(fitted.activity)).not.toContain(preview(1).card!.labels.stepsShortened);
  });

  it('splits a long plain message at line breaks, the buttons under the last part', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => `• Ligne ${i} « <b>${'x'.repeat(80)}</b> »`);
    const message: OutboundMessage = {
      text: lines.join('\n'),
      buttons: [{ actionId: 'more', value: '1', label: 'Encore' }],
    };
    const fitted = await fitMessage(message, { images: [], sendApart: true });
    const parts = [...fitted.before, fitted.activity];
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(activityBytes(part)).toBeLessThanOrEqual(ACTIVITY_BUDGET);
    expect(fitted.before.every((p) => !p.attachments)).toBe(true);
    expect(content(fitted.activity).actions).toHaveLength(1);
    const all = parts.map((p) => p.text).join('<br>');
    for (const i of [0, 199, 399]) expect(all).toContain(`• Ligne ${i} « &lt;b&gt;`);
  });
});
