/**
 * Photos left behind when content is deleted (`supprimer`, `oublie-moi`): a photo is
 * content-addressed and may be shared, so only those no step, comment or draft still uses go. And
 * the nightly sweep of media files no photo row names (`deleteOrphanFiles`).
 */
import type { DbOrTrx } from './db.js';
import type { MediaStore } from './media/index.js';
import { mediaFileHash, mediaFileNames } from './media/names.js';
import { photoWidths } from './photos.js';

export interface UnusedPhoto {
  hash: string;
  widths: number[];
}

/** The photos of some bricolages' steps and some comments, read before they are deleted. */
export async function photosOfContent(db: DbOrTrx, scope: { bricolageIds?: number[]; commentIds?: number[] }): Promise<string[]> {
  const hashes = new Set<string>();
  if (scope.bricolageIds?.length) {
    const rows = await db
      .selectFrom('step_photos')
      .innerJoin('steps', 'steps.id', 'step_photos.step_id')
      .select('step_photos.photo_hash')
      .where('steps.bricolage_id', 'in', scope.bricolageIds)
      .execute();
    for (const r of rows) hashes.add(r.photo_hash);
  }
  if (scope.commentIds?.length) {
    const rows = await db.selectFrom('comment_photos').select('photo_hash').where('comment_id', 'in', scope.commentIds).execute();
    for (const r of rows) hashes.add(r.photo_hash);
  }
  return [...hashes];
}

/** Deletes the rows of those photos nothing uses any more; returns them so their files can go after commit. */
export async function dropUnusedPhotos(db: DbOrTrx, hashes: string[]): Promise<UnusedPhoto[]> {
  const unused: UnusedPhoto[] = [];
  for (const hash of hashes) {
    const inStep = await db.selectFrom('step_photos').select('step_id').where('photo_hash', '=', hash).executeTakeFirst();
    const inComment = await db
      .selectFrom('comment_photos')
      .select('comment_id')
      .where('photo_hash', '=', hash)
      .executeTakeFirst();
    // A draft (or a reopened bricolage) holds hashes in its JSON state.
    const inDraft = await db
      .selectFrom('conversations')
      .select('agent_id')
      .where('state', 'like', `%${hash}%`)
      .executeTakeFirst();
    if (inStep || inComment || inDraft) continue;
    const row = await db.deleteFrom('photos').where('hash', '=', hash).returning('widths').executeTakeFirst();
    if (row) unused.push({ hash, widths: JSON.parse(row.widths) as number[] });
  }
  return unused;
}

/** Removes the files of photos dropped by `dropUnusedPhotos` (after the transaction committed): renditions and card JPEG. */
export async function deleteMediaFiles(store: MediaStore, photos: UnusedPhoto[]): Promise<void> {
  for (const photo of photos) {
    for (const name of mediaFileNames(photo.hash, photo.widths)) await store.delete(name);
  }
}

/**
 * Deletes the media files no photo row names that were stored before `before`: left by a write
 * whose row never came (a crash between the two), a failed import, or a deletion the store refused
 * at the time. Files come before their row, so only files older than the grace given are touched.
 * Returns how many went.
 */
export async function deleteOrphanFiles(db: DbOrTrx, store: MediaStore, before: Date): Promise<number> {
  let deleted = 0;
  let page: string[] = [];
  const sweep = async () => {
    const hashes = [...new Set(page.map((name) => mediaFileHash(name) ?? ''))];
    const known = await photoWidths(db, hashes);
    for (const name of page) {
      if (known.has(mediaFileHash(name) ?? '')) continue;
      const info = await store.head(name);
      if (!info || info.modified >= before) continue;
      await store.delete(name);
      deleted += 1;
    }
    page = [];
  };
  for await (const name of store.list()) {
    page.push(name);
    if (page.length >= 500) await sweep();
  }
  await sweep();
  return deleted;
}
