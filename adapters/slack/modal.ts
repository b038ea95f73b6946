/**
 * The "formulaire" modal (`/bricolage formulaire`): the posting conversation's fields as one Block
 * Kit form, for agents who prefer a form. Its submission reaches the core as `formSubmitted`.
 * Labels live here (fr/en) until the core's catalogue carries them.
 */
import type { Config, Locale } from '../../config.js';
import { FORM_CALLBACK_ID } from './inbound.js';

const LABELS: Record<Locale, Record<string, string>> = {
  fr: {
    title: 'Nouveau bricolage',
    submit: 'Voir l’aperçu',
    close: 'Annuler',
    fieldTitle: 'Titre',
    fieldProblem: 'Le problème qu’il résout',
    fieldSteps: 'Les étapes (une par ligne)',
    fieldCategory: 'Catégorie',
    fieldPhotos: 'Photos',
  },
  en: {
    title: 'New bricolage',
    submit: 'Preview',
    close: 'Cancel',
    fieldTitle: 'Title',
    fieldProblem: 'The problem it solves',
    fieldSteps: 'Steps (one per line)',
    fieldCategory: 'Category',
    fieldPhotos: 'Photos',
  },
};

const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });

/** The modal view; `dmChannel` comes back in `private_metadata` to address the reply. */
export function formModal(config: Config, dmChannel: string, locale: Locale = config.defaultLocale): Record<string, unknown> {
  const l = LABELS[locale];
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    private_metadata: dmChannel,
    title: plain(l.title),
    submit: plain(l.submit),
    close: plain(l.close),
    blocks: [
      {
        type: 'input',
        block_id: 'b_title',
        label: plain(l.fieldTitle),
        element: { type: 'plain_text_input', action_id: 'title', max_length: 150 },
      },
      {
        type: 'input',
        block_id: 'b_problem',
        label: plain(l.fieldProblem),
        element: { type: 'plain_text_input', action_id: 'problem', multiline: true, max_length: 3000 },
      },
      {
        type: 'input',
        block_id: 'b_steps',
        label: plain(l.fieldSteps),
        element: { type: 'plain_text_input', action_id: 'steps', multiline: true, max_length: 3000 },
      },
      {
        type: 'input',
        block_id: 'b_category',
        label: plain(l.fieldCategory),
        element: {
          type: 'static_select',
          action_id: 'category',
          options: config.categories.slice(0, 100).map((c) => ({ text: plain(c.slice(0, 75)), value: c.slice(0, 150) })),
        },
      },
      {
        type: 'input',
        block_id: 'b_photos',
        optional: true,
        label: plain(l.fieldPhotos),
        element: {
          type: 'file_input',
          action_id: 'photos',
          filetypes: ['jpg', 'jpeg', 'png', 'webp', 'gif', 'heic'],
          max_files: 10,
        },
      },
    ],
  };
}
