import fs from 'node:fs/promises';
import path from 'node:path';
import { isMediaFileName } from '../../storage/photos.js';

/**
 * Only what the photo pipeline writes may be served from the media folder: its renditions and the
 * chat cards' JPEG (`MEDIA_FILE_NAME` in storage/photos.ts, the one naming rule).
 */
export const isMediaName = isMediaFileName;

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
