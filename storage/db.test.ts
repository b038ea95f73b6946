import { sql } from 'kysely';
import { Migrator, NO_MIGRATIONS } from 'kysely/migration';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempDb, type TempDb } from '../test/support/temp-db.js';
import { ensureAgent } from './agents.js';
import { insertBricolage } from './bricolages.js';
import { migrate, openDatabase } from './db.js';
import { migrationProvider, migrations } from './migrations/index.js';

let temp: TempDb | undefined;
afterEach(async () => {
  await temp?.cleanup();
  temp = undefined;
});

async function tableNames(db: TempDb['db']): Promise<string[]> {
  const rows = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(
    db,
  );
  return rows.rows.map((r) => r.name);
}

describe('migrations', () => {
  it('build the whole schema from an empty file, and a second run changes nothing', async () => {
    temp = await createTempDb({ migrate: false });
    const applied = await migrate(temp.db);
    expect(applied).toEqual(Object.keys(migrations));
    // Containing, not equal: FTS5 adds shadow tables.
    expect(await tableNames(temp.db)).toEqual(
      expect.arrayContaining([
        'adoption_notices',
        'adoptions',
        'agent_announcements',
        'agents',
        'animators',
        'audit_log',
        'bricolage_fts',
        'bricolage_stats',
        'bricolages',
        'comment_photos',
        'comments',
        'conversations',
        'data_exports',
        'gallery_version',
        'imported_items',
        'inbox',
        'instance_meta',
        'likes',
        'local_messages',
        'local_reactions',
        'photos',
        'scheduler_runs',
        'step_photos',
        'steps',
        'bricolage_stats',
        'bricolage_fts',
        'gallery_version',
        'data_exports',
        'pending_questions',
        'workshop_bricolages',
        'workshops',
      ]),
    );
    expect(await migrate(temp.db)).toEqual([]);
  });

  it('upgrade a database left at every earlier version, keeping its data', async () => {
    const names = Object.keys(migrations);
    for (const earlier of names.slice(0, -1)) {
      temp = await createTempDb({ migrate: false });
      await migrate(temp.db, earlier);
      const agent = await ensureAgent(temp.db, { platform: 'local', platformUserId: 'camille', displayName: 'Camille' });
      const applied = await migrate(temp.db);
      expect(applied).toEqual(names.slice(names.indexOf(earlier) + 1));
      const kept = await temp.db.selectFrom('agents').selectAll().execute();
      expect(kept).toEqual([agent]);
      await temp.cleanup();
      temp = undefined;
    }
  });

  it('open the file in WAL mode with foreign keys on', async () => {
    temp = await createTempDb();
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(temp.db);
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(temp.db);
    expect(mode.rows[0].journal_mode).toBe('wal');
    expect(fk.rows[0].foreign_keys).toBe(1);
  });

  it('run down migrations back to empty', async () => {
    temp = await createTempDb();
    const result = await new Migrator({ db: temp.db, provider: migrationProvider }).migrateTo(NO_MIGRATIONS);
    expect(result.error).toBeUndefined();
    expect(await tableNames(temp.db)).toEqual([]);
  });
});

describe('transactions', () => {
  it('a multi-row write that fails half-way leaves nothing behind', async () => {
    temp = await createTempDb();
    const author = await ensureAgent(temp.db, { platform: 'local', platformUserId: 'camille', displayName: 'Camille' });
    const write = temp.db.transaction().execute(async (trx) => {
      await insertBricolage(trx, {
        authorId: author.id,
        title: 'Titre',
        problem: 'Problème',
        category: 'Autre',
        // The second step names a photo that was never stored: the foreign key stops the write.
        steps: [
          { text: 'Étape 1', photoHashes: [] },
          { text: 'Étape 2', photoHashes: ['missing'] },
        ],
      });
    });
    await expect(write).rejects.toThrow(/FOREIGN KEY/);
    expect(await temp.db.selectFrom('bricolages').selectAll().execute()).toEqual([]);
    expect(await temp.db.selectFrom('steps').selectAll().execute()).toEqual([]);
  });

  it('the file survives a reopen (data is on disk, not in memory)', async () => {
    temp = await createTempDb();
    await ensureAgent(temp.db, { platform: 'local', platformUserId: 'karim', displayName: 'Karim' });
    await temp.db.destroy();
    const reopened = openDatabase(temp.file);
    expect(await reopened.selectFrom('agents').select('display_name').execute()).toEqual([{ display_name: 'Karim' }]);
    temp.db = reopened;
  });
});
