/**
 * A database deployed before a branch's migration was merged still upgrades: `2026-11-29-02-gallery`
 * sorts before migrations such a database already ran, and runs anyway, once.
 */
import { type Migration, Migrator } from 'kysely/migration';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempDb, type TempDb } from '../test/support/temp-db.js';
import { migrate } from './db.js';
import { migrations } from './migrations/index.js';

let temp: TempDb | undefined;
afterEach(async () => {
  await temp?.cleanup();
  temp = undefined;
});

describe('migrations merged late', () => {
  it('run on a database that already ran later-named ones', async () => {
    temp = await createTempDb({ migrate: false });
    // 2026-11-30-01-search-prefixes rebuilds the gallery's index: it can only have run after it.
    const late = ['2026-11-29-02-gallery', '2026-11-29-07-proven', '2026-11-30-01-search-prefixes'];
    const earlier: Record<string, Migration> = Object.fromEntries(
      Object.entries(migrations).filter(([name]) => !late.includes(name)),
    );
    const { error } = await new Migrator({ db: temp.db, provider: { getMigrations: async () => earlier } }).migrateToLatest();
    expect(error).toBeUndefined();
    expect(await migrate(temp.db)).toEqual(late);
    expect(await migrate(temp.db)).toEqual([]);
    const tables = await temp.db.introspection.getTables();
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['bricolage_stats', 'proposals', 'proven_announcements']));
  });
});
