/** Only content-addressed renditions may be served from the media folder: `<64 hex>-<width>.webp`. */
const MEDIA_NAME = /^[0-9a-f]{64}-[1-9][0-9]{0,4}\.webp$/;

export function isMediaName(name: string): boolean {
  return MEDIA_NAME.test(name);
}

/** The public path of one rendition (same shape as storage/photos.ts `photoUrl`). */
export function mediaPath(hash: string, width: number): string {
  return `/media/${hash}-${width}.webp`;
}
