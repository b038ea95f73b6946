/**
 * Only what the photo pipeline writes may be served from the media folder: its renditions and the
 * chat cards' JPEG (`MEDIA_FILE_NAME` in storage/photos.ts, the one naming rule).
 */
export { isMediaFileName as isMediaName, photoUrl as mediaPath } from '../../storage/photos.js';
