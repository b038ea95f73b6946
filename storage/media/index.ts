/**
 * The media store the configuration names (`MEDIA_STORE`): one per settings object, shared by every
 * caller of the process, as a database pool is. The S3 client is loaded only when configured.
 */
import type { MediaSettings } from '../../config.js';
import { createLocalStore } from './local-store.js';
import { createS3Store } from './s3-store.js';
import type { MediaStore } from './store.js';

export type { ByteRange, MediaObjectInfo, MediaStore } from './store.js';
export { MediaStoreError } from './store.js';

const stores = new WeakMap<MediaSettings, MediaStore>();

export function mediaStore(settings: MediaSettings): MediaStore {
  let store = stores.get(settings);
  if (!store) {
    store = settings.store === 's3' ? createS3Store(settings.s3) : createLocalStore(settings.dir);
    stores.set(settings, store);
  }
  return store;
}
