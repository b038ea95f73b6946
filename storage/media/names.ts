/**
 * The one naming rule of stored photo files, for everything that writes, reads, copies or accepts
 * them (the photo pipeline, the media stores, the gallery's `/media/` route, backups, export and
 * import): `<sha-256 hex>-<width>.webp`, the gallery's renditions, and `<sha-256 hex>-card.jpg`, the
 * chat cards' JPEG. Group 1 is the photo's hash.
 */
export const MEDIA_FILE_NAME = /^([0-9a-f]{64})-(?:[1-9][0-9]{0,4}\.webp|card\.jpg)$/;

/** A photo's hash: the SHA-256 of the original upload, in lower-case hex. */
export const PHOTO_HASH = /^[0-9a-f]{64}$/;

/** Whether a name is one the photo pipeline writes (`MEDIA_FILE_NAME`). */
export function isMediaFileName(name: string): boolean {
  return MEDIA_FILE_NAME.test(name);
}

/** The photo a media file belongs to (its hash), or null for a name the pipeline never writes. */
export function mediaFileHash(name: string): string | null {
  return MEDIA_FILE_NAME.exec(name)?.[1] ?? null;
}

/** The name of one WebP rendition of a photo. */
export function renditionName(hash: string, width: number): string {
  return `${hash}-${width}.webp`;
}

/** The name of a photo's chat-card JPEG. */
export function cardImageName(hash: string): string {
  return `${hash}-card.jpg`;
}

/** Every file a stored photo has: its WebP renditions and its card JPEG. */
export function mediaFileNames(hash: string, widths: readonly number[]): string[] {
  return [...widths.map((w) => renditionName(hash, w)), cardImageName(hash)];
}

/** The `Content-Type` of a media file, from its name. */
export function mediaContentType(name: string): string {
  return name.endsWith('.jpg') ? 'image/jpeg' : 'image/webp';
}
