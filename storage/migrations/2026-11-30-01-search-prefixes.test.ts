import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempDb, type TempDb } from '../../test/support/temp-db.js';
import { ensureAgent } from '../agents.js';
import { insertBricolage } from '../bricolages.js';
import { migrate } from '../db.js';
import { searchBricolages } from '../search/search.js';

let temp: TempDb | undefined;
afterEach(async () => {
  await temp?.cleanup();
  temp = undefined;
});

describe('2026-11-30-01-search-prefixes', () => {
  it('rebuilds the index with longer prefixes from the stored bricolages, and the triggers keep it in sync', async () => {
    temp = await createTempDb({ migrate: false });
    const db = temp.db;
    await migrate(db, '2026-11-29-07-proven');
    const { id: author } = await ensureAgent(db, { platform: 'local', platformUserId: 'c', displayName: 'Camille Martin' });
    const add = (title: string, status: 'published' | 'hidden') =>
      insertBricolage(db, {
        authorId: author,
        title,
        problem: 'Le courrier entrant se perd',
        category: 'Courrier et documents',
        status,
        steps: [{ text: 'Tamponner chaque pli à son arrivée', photoHashes: [] }],
      });
    const shown = await add('Registre du courrier', 'published');
    await add('Registre caché', 'hidden');

    await migrate(db);
    const table = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE name = 'bricolage_fts'`.execute(db);
    expect(table.rows[0]?.sql).toContain("prefix = '2 3 4 5 6 7 8 9 10'");
    const ids = async (q: string) => (await searchBricolages(db, { q, limit: 10 })).items.map((r) => r.id);
    // Every column is back (title, problem, steps, category, author), hidden ones stay out.
    for (const q of ['registre', 'courri', 'tampon', 'documents', 'martin']) expect(await ids(q)).toEqual([shown]);

    await db.updateTable('bricolages').set({ title: 'Cahier des plis' }).where('id', '=', shown).execute();
    expect(await ids('cahier')).toEqual([shown]);
    expect(await ids('registre')).toEqual([]);
  });
});
