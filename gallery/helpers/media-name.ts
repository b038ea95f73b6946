/** Only content-addressed renditions may be served from the media folder: `<64 hex>-<width>.webp`. */
const MEDIA_NAME = /^[0-9a-f]{64}-[1-9][0-9]{0,4}\.webp$/;

export function isMediaName(name: string): boolean {
  return MEDIA_NAME.test(name);
}

/** The public path of one rendition: the storage's own naming. */
export { photoUrl as mediaPath } from '../../storage/photos.js';
