/** Platform-neutral card models of a bricolage, with labels rendered in the reader's language. */
import type { Config, Locale } from '../config.js';
import { mairieLabel } from '../domain/mairies.js';
import { getSteps } from '../storage/bricolages.js';
import type { DbOrTrx } from '../storage/db.js';
import { cardImageUrl, photoUrl, photoWidths, pickWidth } from '../storage/photos.js';
import type { Agent, Bricolage } from '../storage/schema.js';
import { t } from './messages/index.js';
import type { BricolageCard, Button, CardPhoto, OutboundMessage } from './ports.js';
import type { Draft } from './wizard/state.js';

/** The width a chat card shows photos at; the gallery serves wider ones. */
const CARD_PHOTO_WIDTH = 800;

export interface CardSource {
  id?: number;
  title: string;
  problem: string;
  category: string;
  steps: { text: string; photos: string[] }[];
}

export function galleryUrl(config: Config, id: number): string {
  return `${config.publicUrl}/bricolages/${id}`;
}

export async function buildCard(
  db: DbOrTrx,
  config: Config,
  locale: Locale,
  source: CardSource,
  author: Pick<Agent, 'display_name' | 'mairie'>,
): Promise<BricolageCard> {
  const widths = await photoWidths(
    db,
    source.steps.flatMap((s) => s.photos),
  );
  const steps = source.steps.map((step, index) => ({
    position: index + 1,
    text: step.text,
    photos: step.photos.map(
      (hash, i): CardPhoto => ({
        hash,
        url: config.publicUrl + photoUrl(hash, pickWidth(widths.get(hash) ?? [], CARD_PHOTO_WIDTH)),
        cardImageUrl: config.publicUrl + cardImageUrl(hash),
        alt: t(locale, 'card.photoAlt', { n: index + 1, i: i + 1 }),
      }),
    ),
  }));
  const mairie = mairieLabel(author.mairie, locale);
  const byline = mairie
    ? t(locale, 'card.bylineMairie', { name: author.display_name, mairie })
    : t(locale, 'card.byline', { name: author.display_name });
  return {
    bricolageId: source.id,
    title: source.title,
    problem: source.problem,
    category: source.category,
    authorName: author.display_name,
    mairie,
    steps,
    coverPhoto: steps.flatMap((s) => s.photos)[0],
    galleryUrl: source.id ? galleryUrl(config, source.id) : undefined,
    labels: {
      problem: t(locale, 'card.problem'),
      steps: t(locale, 'card.steps'),
      stepCount: t(locale, 'card.stepCount', { count: steps.length }),
      category: t(locale, 'card.category'),
      byline,
      stepsShortened: t(locale, 'chatCards.stepsShortened'),
    },
  };
}

export function draftSource(draft: Draft): CardSource {
  return { title: draft.title ?? '', problem: draft.problem ?? '', category: draft.category ?? '', steps: draft.steps };
}

export async function storedSource(db: DbOrTrx, bricolage: Bricolage): Promise<CardSource> {
  const steps = await getSteps(db, bricolage.id);
  return {
    id: bricolage.id,
    title: bricolage.title,
    problem: bricolage.problem,
    category: bricolage.category,
    steps: steps.map((s) => ({ text: s.text, photos: s.photoHashes })),
  };
}

/** The community post of a published bricolage: its card plus "see in gallery" and "I adopted it". */
export async function communityPost(
  db: DbOrTrx,
  config: Config,
  bricolage: Bricolage,
  author: Pick<Agent, 'display_name' | 'mairie'>,
): Promise<OutboundMessage> {
  const locale = config.defaultLocale;
  const card = await buildCard(db, config, locale, await storedSource(db, bricolage), author);
  const buttons: Button[] = [
    { actionId: 'openGallery', value: String(bricolage.id), label: t(locale, 'button.openGallery'), url: card.galleryUrl },
    { actionId: 'adopt', value: String(bricolage.id), label: t(locale, 'button.adopt') },
  ];
  return { text: t(locale, 'card.newPost', { title: bricolage.title }), card, buttons };
}
