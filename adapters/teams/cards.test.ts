import { describe, expect, it } from 'vitest';
import type { BricolageCard } from '../../bot/ports.js';
import { renderMessage } from './cards.js';

const card: BricolageCard = {
  bricolageId: 12,
  title: 'Ticket *coloré* <b>',
  problem: 'La file déborde\n1. le samedi',
  category: 'Accueil',
  authorName: 'Marie Dupont',
  mairie: 'paris-11',
  steps: [{ position: 1, text: 'Imprimer', photos: [] }],
  coverPhoto: { hash: 'a', url: 'https://galerie.paris.fr/media/a-800.webp', alt: 'Étape 1, photo 1' },
  galleryUrl: 'https://galerie.paris.fr/bricolages/12',
  labels: { problem: 'Problème', steps: 'Étapes', stepCount: '1 étape', category: 'Catégorie', byline: 'Par Marie Dupont, 11e' },
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
      { imageUrl: card.coverPhoto!.url },
    );
    const content = message.attachments![0].content as any;
    expect(message.attachments![0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(content.body[0]).toMatchObject({ type: 'TextBlock', text: 'Ticket \\*coloré\\* <b>', weight: 'Bolder' });
    expect(content.body).toContainEqual(expect.objectContaining({ type: 'Image', url: card.coverPhoto!.url }));
    // Agents' markdown stays literal in TextBlocks (a line starting "1." is not a list).
    expect(content.body).toContainEqual(expect.objectContaining({ text: 'La file déborde\n1\\. le samedi' }));
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
});
