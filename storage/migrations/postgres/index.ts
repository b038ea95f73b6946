/**
 * PostgreSQL migrations, chosen by `storage/db.ts` when the database is PostgreSQL. They start from
 * the whole schema of the day PostgreSQL arrived; a later SQLite migration gets its PostgreSQL twin here.
 */
import type { Migration, MigrationProvider } from 'kysely/migration';
import * as schema from './2026-12-04-01-schema.js';
import * as challenges from './2026-12-04-05-challenges.js';
import * as timeSaved from './2026-12-04-06-time-saved.js';
import * as instances from './2026-12-04-10-instances.js';
import * as claimsUntilAnswered from './2026-12-05-01-claims-until-answered.js';

export const postgresMigrations: Record<string, Migration> = {
  '2026-12-04-01-schema': schema,
  '2026-12-04-05-challenges': challenges,
  '2026-12-04-06-time-saved': timeSaved,
  '2026-12-04-10-instances': instances,
  '2026-12-05-01-claims-until-answered': claimsUntilAnswered,
};

export const postgresMigrationProvider: MigrationProvider = {
  async getMigrations() {
    return postgresMigrations;
  },
};
