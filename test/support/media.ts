/** Where a test's photos are on disk, for tests of the local folder store (the default). */
import path from 'node:path';
import type { Config } from '../../config.js';
import { cardImageName, renditionName } from '../../storage/media/names.js';

/** The media folder of a configuration with `MEDIA_STORE=local`. */
export function mediaDirOf(config: Config): string {
  if (config.media.store !== 'local') throw new Error('this test reads the local media folder: MEDIA_STORE=local');
  return config.media.dir;
}

export function mediaFilePath(mediaDir: string, hash: string, width: number): string {
  return path.join(mediaDir, renditionName(hash, width));
}

export function cardImageFile(mediaDir: string, hash: string): string {
  return path.join(mediaDir, cardImageName(hash));
}
