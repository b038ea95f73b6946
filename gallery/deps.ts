/** What the page handlers share, built once by `createGallery`. */
import type { Config } from '../config.js';
import type { DataVersionSource } from '../storage/data-version.js';
import type { Db } from '../storage/db.js';
import type { Translate } from './i18n.js';
import type { PageCache } from './page-cache.js';
import type { Renderer } from './render.js';

export interface GalleryDeps {
  db: Db;
  config: Config;
  renderer: Renderer;
  translate: Translate;
  cache: PageCache;
  /** The data version the page cache checks (from memory on PostgreSQL: `dataVersionSource`). */
  dataVersion: DataVersionSource;
}
