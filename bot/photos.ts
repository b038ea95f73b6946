/** Fetches the photos attached to a chat message and runs them through the storage pipeline. */
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { metrics } from '../metrics.js';
import type { DbOrTrx } from '../storage/db.js';
import { mediaStore } from '../storage/media/index.js';
import { storePhoto } from '../storage/photos.js';
import { PhotoDownloadError, PhotoTooLargeError } from './errors.js';
import type { MessageKey } from './messages/index.js';
import type { ChatPort, IncomingPhoto } from './ports.js';
import type { Turn } from './turn.js';

export type PhotoProblem = 'tooLarge' | 'notImage' | 'unreadable' | 'expired' | 'downloadFailed';

export interface ReceivedPhotos {
  /** Hashes of the photos stored, in the order they were sent. */
  hashes: string[];
  /** Files refused, with why, so the agent can be told. */
  refused: { name: string; reason: PhotoProblem }[];
}

export async function receivePhotos(
  deps: { db: DbOrTrx; config: Config; log: Logger },
  port: ChatPort,
  photos: IncomingPhoto[],
): Promise<ReceivedPhotos> {
  const result: ReceivedPhotos = { hashes: [], refused: [] };
  // A refused file is of no use: the platform's copy goes at once where the platform lets us (local chat).
  const refuse = async (photo: IncomingPhoto, name: string, reason: PhotoProblem) => {
    result.refused.push({ name, reason });
    await port
      .discardPhoto?.(photo)
      .catch((error: unknown) =>
        deps.log.warn('refused photo could not be discarded', { platform: port.platform, photoId: photo.id, error }),
      );
  };
  for (const photo of photos) {
    const name = photo.name ?? photo.id;
    // Refuse what the platform already tells us is too big, before downloading it.
    if (photo.size !== undefined && photo.size > deps.config.maxPhotoBytes) {
      await refuse(photo, name, 'tooLarge');
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = await port.download(photo);
    } catch (error) {
      const reason: PhotoProblem =
        error instanceof PhotoTooLargeError
          ? 'tooLarge'
          : error instanceof PhotoDownloadError && error.problem === 'expired'
            ? 'expired'
            : 'downloadFailed';
      if (reason !== 'tooLarge')
        deps.log.warn('photo download failed', { platform: port.platform, photoId: photo.id, reason, error });
      await refuse(photo, name, reason);
      continue;
    }
    const stored = await storePhoto(deps.db, mediaStore(deps.config.media), bytes, deps.config.maxPhotoBytes);
    metrics.photosProcessed.inc({ outcome: stored.ok ? 'stored' : stored.reason });
    if (stored.ok) result.hashes.push(stored.photo.hash);
    else await refuse(photo, name, stored.reason);
  }
  return result;
}

const REFUSAL_KEYS: Record<PhotoProblem, MessageKey> = {
  tooLarge: 'photoTooLarge',
  notImage: 'photoNotImage',
  unreadable: 'photoUnreadable',
  expired: 'photoExpired',
  downloadFailed: 'photoDownloadFailed',
};

/** Tells the agent, file by file, why a photo was not kept. */
export function explainRefusals(turn: Turn, refused: ReceivedPhotos['refused']): void {
  const maxMb = Math.round(turn.deps.config.maxPhotoBytes / (1024 * 1024));
  for (const { name, reason } of refused) turn.say(REFUSAL_KEYS[reason], { name, max: maxMb });
}
