import { describe, expect, it } from 'vitest';
import { choiceButtons } from '../../bot/choices.js';
import type { BricolageCard } from '../../bot/ports.js';
import { adaptiveCardProblems } from '../../test/support/adaptive-card-check.js';
import { renderMessage } from './cards.js';

const card: BricolageCard = {
  bricolageId: 12,
  title: 'Ticket *coloré* <b>',
  problem: 'La file déborde\n1. le samedi',
  category: 'Accueil',
  authorName: 'Marie Dupont',
  mairie: 'paris-11',
  steps: [{ position: 1, text: 'Imprimer', photos: [] }],
  coverPhoto: {
    hash: 'a',
    url: 'https://galerie.paris.fr/media/a-800.webp',
    cardImageUrl: 'https://galerie.paris.fr/media/a-card.jpg',
    alt: 'Étape 1, photo 1',
  },
  galleryUrl: 'https://galerie.paris.fr/bricolages/12',
  labels: {
    problem: 'Problème',
    steps: 'Étapes',
    stepCount: '1 étape',
    category: 'Catégorie',
    byline: 'Par Marie Dupont, 11e',
    stepsShortened: 'Étapes raccourcies',
  },
};

describe('Teams message rendering', () => {
  it('renders the community card as an Adaptive Card with the photo URL it is given and Action.Submit buttons', () => {
    const message = renderMessage(
      {
        text: 'Nouveau bricolage',
        card,
        buttons: [
          { actionId: 'openGallery', value: '12', label: 'Voir dans la galerie', url: card.galleryUrl },
          { actionId: 'adopt', value: '12', label: "Je l'ai adopté" },
        ],
      },
      { imageUrl: card.coverPhoto!.cardImageUrl },
    );
    const content = message.attachments![0].content as any;
    expect(message.attachments![0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    // Agents' words are text runs, which Teams never reads as markdown: as typed, no backslash.
    expect(content.body[0]).toEqual({
      type: 'RichTextBlock',
      inlines: [{ type: 'TextRun', text: 'Ticket *coloré* <b>', size: 'Large', weight: 'Bolder' }],
    });
    expect(content.body).toContainEqual(expect.objectContaining({ type: 'Image', url: card.coverPhoto!.cardImageUrl }));
    expect(content.body).toContainEqual(
      expect.objectContaining({ inlines: [{ type: 'TextRun', text: 'La file déborde\n1. le samedi' }] }),
    );
    expect(JSON.stringify(content)).not.toContain('\\\\');
    expect(adaptiveCardProblems(content)).toEqual([]);
    expect(content.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Voir dans la galerie', url: card.galleryUrl },
      { type: 'Action.Submit', title: "Je l'ai adopté", data: { actionId: 'adopt', value: '12' } },
    ]);
  });

  it('leaves the image out when there is no URL Teams can load, and renders plain text as HTML', () => {
    const content = renderMessage({ text: 't', card }, { imageUrl: null }).attachments![0].content as any;
    expect(content.body.some((b: any) => b.type === 'Image')).toBe(false);
    const plain = renderMessage({ text: '*Publié !* <ok>\nhttps://g.fr/b/1' }, { imageUrl: null });
    expect(plain).toEqual({
      type: 'message',
      textFormat: 'xml',
      text: '<b>Publié !</b> &lt;ok&gt;<br><a href="https://g.fr/b/1">https://g.fr/b/1</a>',
    });
  });

  it('puts buttons of a plain message in a card under the HTML text', () => {
    const message = renderMessage(
      { text: '*4/5*', buttons: [{ actionId: 'category', value: '0', label: 'Accueil', style: 'primary' }] },
      { imageUrl: null },
    );
    expect(message.text).toBe('<b>4/5</b>');
    expect((message.attachments![0].content as any).actions).toEqual([
      { type: 'Action.Submit', title: 'Accueil', style: 'positive', data: { actionId: 'category', value: '0' } },
    ]);
  });

  it('past six buttons, shows a list of choices as one compact menu and one submit button that sends the choice', () => {
    const categories = ['Accueil', 'Courrier', 'Affichage', 'Tableurs', 'Poste', 'État civil', 'Élections', 'Autre'];
    const buttons = [
      ...choiceButtons(
        'wizard.category',
        categories.map((label, i) => ({ value: String(i), label })),
      ),
      { actionId: 'wizard.back', value: 'back', label: 'Retour' },
    ];
    const choices = { actionId: 'wizard.category', placeholder: 'Choisissez dans la liste…', submit: 'Valider' };
    const card = renderMessage({ text: '*4/5* Catégorie ?', buttons, choices }, { imageUrl: null }).attachments![0]
      .content as any;
    expect(card.body).toEqual([
      {
        type: 'Input.ChoiceSet',
        id: 'value',
        style: 'compact',
        label: 'Choisissez dans la liste…',
        placeholder: 'Choisissez dans la liste…',
        isRequired: true,
        errorMessage: 'Choisissez dans la liste…',
        choices: categories.map((title, i) => ({ title, value: String(i) })),
      },
    ]);
    // Teams merges the input (id "value") into the submit's data: { actionId, value } as from a button.
    expect(card.actions).toEqual([
      { type: 'Action.Submit', title: 'Valider', style: 'positive', data: { actionId: 'wizard.category' } },
      {
        type: 'Action.Submit',
        title: 'Retour',
        associatedInputs: 'none',
        data: { actionId: 'wizard.back', value: 'back' },
      },
    ]);
    expect(adaptiveCardProblems(card)).toEqual([]);
    // Six or fewer stay buttons.
    const six = renderMessage({ text: 'x', buttons: buttons.slice(0, 6), choices }, { imageUrl: null }).attachments![0]
      .content as any;
    expect(six.actions).toHaveLength(6);
    expect(six.body).toEqual([]);
  });
});
