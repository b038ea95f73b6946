/**
 * The one-time job that gives photos stored before the chat-card JPEG existed their `<hash>-card.jpg`
 * (made from the widest WebP, `ensureCardImage`). It walks the photos by hash in pages, so it holds
 * no transaction while encoding, and marks itself done in `instance_meta`; later starts read the mark
 * and stop. Idempotent and safe when two instances run it at once: a present file is skipped, two
 * writers of one file write the same bytes, and the mark's insert
 * ignores a conflict. A photo it could not convert is left for the adapters, which make the JPEG
 * when a card first shows it.
 */
import type { DbOrTrx } from './db.js';
import type { MediaStore } from './media/index.js';
import { cardImageName } from './media/names.js';
import { ensureCardImage } from './photos.js';

/** The `instance_meta` key that says the backfill went over every photo once. */
export const CARD_IMAGES_DONE_KEY = 'card_images_backfilled';

const PAGE = 200;

export interface CardImagesBackfill {
  /** False when a previous run had already done it all. */
  ran: boolean;
  /** Photos looked at, JPEGs made, photos left without one (no readable WebP). */
  checked: number;
  made: number;
  failed: number;
}

export async function backfillCardImages(
  db: DbOrTrx,
  store: MediaStore,
  options: { signal?: AbortSignal } = {},
): Promise<CardImagesBackfill> {
  const result: CardImagesBackfill = { ran: false, checked: 0, made: 0, failed: 0 };
  const done = await db.selectFrom('instance_meta').select('value').where('key', '=', CARD_IMAGES_DONE_KEY).executeTakeFirst();
  if (done) return result;
  result.ran = true;
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('photos')
      .select(['hash', 'widths'])
      .where('hash', '>', after)
      .orderBy('hash')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      // Stopping (shutdown) leaves the mark unset: the next start goes on from the first missing file.
      if (options.signal?.aborted) return result;
      result.checked += 1;
      const widths = JSON.parse(row.widths) as number[];
      if (await store.has(cardImageName(row.hash))) continue;
      if (await ensureCardImage(store, row.hash, widths)) result.made += 1;
      else result.failed += 1;
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1].hash;
  }
  await db
    .insertInto('instance_meta')
    .values({ key: CARD_IMAGES_DONE_KEY, value: new Date().toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return result;
}
