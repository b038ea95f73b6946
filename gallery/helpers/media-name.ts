import fs from 'node:fs/promises';
import path from 'node:path';

/** Only content-addressed renditions may be served from the media folder: `<64 hex>-<width>.webp`. */
const MEDIA_NAME = /^[0-9a-f]{64}-[1-9][0-9]{0,4}\.webp$/;

export function isMediaName(name: string): boolean {
  return MEDIA_NAME.test(name);
}

/**
 * The file to send for the rendition `name`: its real path (symbolic links resolved) when that is
 * a regular file, named like a rendition, directly inside the media folder's own real path; null
 * otherwise, so a link left in the folder never serves the database or anything else.
 */
export async function servableMediaFile(mediaDir: string, name: string): Promise<string | null> {
  if (!isMediaName(name)) return null;
  try {
    const [dir, real] = await Promise.all([fs.realpath(mediaDir), fs.realpath(path.join(mediaDir, name))]);
    if (path.dirname(real) !== dir || !isMediaName(path.basename(real))) return null;
    return (await fs.stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

/** The public path of one rendition: the storage's own naming. */
export { photoUrl as mediaPath } from '../../storage/photos.js';
