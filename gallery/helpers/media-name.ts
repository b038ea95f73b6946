import { isMediaFileName } from '../../storage/media/names.js';

/**
 * Only what the photo pipeline writes may be served under `/media/`: its renditions and the chat
 * cards' JPEG (`MEDIA_FILE_NAME` in storage/media/names.ts, the one naming rule). The local store
 * also checks the real path of each file it reads (`storage/media/local-store.ts`).
 */
export const isMediaName = isMediaFileName;

/** The public path of one rendition: the storage's own naming. */
export { photoUrl as mediaPath } from '../../storage/photos.js';
