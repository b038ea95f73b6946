/** In-code migration provider: the list is explicit so bundling and tests see the same set. */
import type { Migration, MigrationProvider } from 'kysely/migration';
import * as core from './2026-11-23-01-core.js';
import * as localChat from './2026-11-23-02-local-chat.js';
import * as community from './2026-11-29-01-community.js';
import * as communityAdoptions from './2026-11-29-01-community-2-adoptions.js';
import * as gallery from './2026-11-29-02-gallery.js';
import * as ops from './2026-11-29-04-ops.js';
import * as rights from './2026-11-29-05-rights.js';
import * as animation from './2026-11-29-06-animation.js';
import * as proven from './2026-11-29-07-proven.js';
import * as searchPrefixes from './2026-11-30-01-search-prefixes.js';
import * as pendingQuestions from './2026-12-04-01-pending-questions.js';
import * as challenges from './2026-12-04-05-challenges.js';
import * as timeSaved from './2026-12-04-06-time-saved.js';
import * as instances from './2026-12-04-10-instances.js';

export const migrations: Record<string, Migration> = {
  '2026-11-23-01-core': core,
  '2026-11-23-02-local-chat': localChat,
  '2026-11-29-01-community': community,
  '2026-11-29-01-community-2-adoptions': communityAdoptions,
  '2026-11-29-02-gallery': gallery,
  '2026-11-29-04-ops': ops,
  '2026-11-29-05-rights': rights,
  '2026-11-29-06-animation': animation,
  '2026-11-29-07-proven': proven,
  '2026-11-30-01-search-prefixes': searchPrefixes,
  '2026-12-04-01-pending-questions': pendingQuestions,
  '2026-12-04-05-challenges': challenges,
  '2026-12-04-06-time-saved': timeSaved,
  '2026-12-04-10-instances': instances,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
