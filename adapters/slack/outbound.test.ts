import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../bot/ports.js';
import { renderBlocks } from './outbound.js';
import { escapeMrkdwn } from './text.js';

const preview: OutboundMessage = {
  text: 'Aperçu',
  card: {
    title: 'Ticket <coloré>',
    problem: 'La file déborde',
    category: 'Autre',
    authorName: 'Marie',
    mairie: '11e',
    steps: [
      { position: 1, text: 'Imprimer *vite*', photos: [] },
      { position: 2, text: 'Ranger', photos: [] },
    ],
    coverPhoto: {
      hash: 'a'.repeat(64),
      url: `http://localhost:3000/media/${'a'.repeat(64)}-800.webp`,
      cardImageUrl: `http://localhost:3000/media/${'a'.repeat(64)}-card.jpg`,
      alt: 'Étape 1, photo 1',
    },
    labels: {
      problem: 'Le problème',
      steps: 'Les étapes',
      stepCount: '2 étape(s)',
      category: 'Catégorie',
      byline: 'par Marie, 11e',
      stepsShortened: 'Étapes raccourcies',
    },
  },
  buttons: [
    { actionId: 'wizard.publish', value: 'publish', label: 'Publier', style: 'primary' },
    { actionId: 'wizard.cancel', value: 'cancel', label: 'Annuler', style: 'danger' },
  ],
};

describe('Block Kit rendering', () => {
  it('renders a preview card with every step and its buttons, escaping user text', () => {
    const blocks = renderBlocks(preview, { showCoverImage: false });
    expect(blocks.map((b) => b.type)).toEqual(['header', 'context', 'section', 'section', 'section', 'context', 'actions']);
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Ticket <coloré>', emoji: true } });
    expect(JSON.stringify(blocks[3])).toContain('*1.* Imprimer *vite*');
    expect((blocks[6] as any).elements.map((e: any) => [e.action_id, e.value, e.style])).toEqual([
      ['wizard.publish', 'publish', 'primary'],
      ['wizard.cancel', 'cancel', 'danger'],
    ]);
  });

  it('keeps every button of a set of choices sharing one action id, each with a distinct Slack action_id', () => {
    const choices = ['Accueil', 'Courrier', 'Affichage'].map((label, i) => ({
      actionId: 'wizard.category',
      value: String(i + 1),
      label,
    }));
    const [actions] = renderBlocks({ text: 'Catégorie ?', buttons: choices }, { showCoverImage: false }).filter(
      (b) => b.type === 'actions',
    ) as any[];
    expect(actions.elements.map((e: any) => [e.action_id, e.value])).toEqual([
      ['wizard.category', '1'],
      ['wizard.category~1', '2'],
      ['wizard.category~2', '3'],
    ]);
  });

  it('shows the cover JPEG only when Slack can reach the gallery, and only counts steps on the community post', () => {
    const post = { ...preview, card: { ...preview.card!, bricolageId: 7 } };
    const blocks = renderBlocks(post, { showCoverImage: true });
    expect(blocks.find((b) => b.type === 'image')).toEqual({
      type: 'image',
      image_url: `http://localhost:3000/media/${'a'.repeat(64)}-card.jpg`,
      alt_text: 'Étape 1, photo 1',
    });
    expect(JSON.stringify(blocks)).not.toContain('Imprimer');
    expect(JSON.stringify(blocks)).toContain('2 étape(s)');
  });

  it('renders a plain message as one section and cuts what Slack would refuse', () => {
    const long = 'x'.repeat(5000);
    const [section] = renderBlocks({ text: long }, { showCoverImage: false }) as any[];
    expect(section.text.text).toHaveLength(3000);
    expect(escapeMrkdwn('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    const [quoted] = renderBlocks({ text: 'Publié : « <!channel> »' }, { showCoverImage: false }) as any[];
    expect(quoted.text.text).toBe('Publié : « &lt;!channel&gt; »');
  });
});
