/**
 * The search index, the counts and the data version follow every write, edit, hide and delete,
 * whichever repository function makes it (they are kept by triggers in the same transaction).
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempDb, describeEngines, type TempDb } from '../../test/support/temp-db.js';
import { ensureAgent } from '../agents.js';
import { deleteBricolage, insertBricolage } from '../bricolages.js';
import { readDataVersion } from '../data-version.js';
import type { Db } from '../db.js';
import { addReaction, deleteComment, insertComment, recordAdoption, removeReaction } from '../engagement.js';
import { countedLikes } from '../likes.js';
import { searchBricolages } from '../search/search.js';
import { closeWorkshop, linkBricolage, openWorkshop } from '../workshops.js';
import { listBricolages } from './list.js';

describeEngines('gallery counts', (engine) => {
  let temp: TempDb | undefined;
  afterEach(async () => temp?.cleanup());

  const found = async (db: Db, q: string) => (await searchBricolages(db, { q, limit: 50 })).items.map((r) => r.id);

  /** Counts recomputed from the facts (a like as `storage/likes.ts` defines it), to compare with the kept ones. */
  async function recount(db: Db, id: number) {
    const row = await sql<{ likes: number; comments: number; adoptions: number }>`
      SELECT
        (SELECT count(*) FROM (${countedLikes(db).where('l.bricolage_id', '=', id)}) cl) AS likes,
        (SELECT count(*) FROM comments WHERE bricolage_id = ${id} AND status = 'visible') AS comments,
        (SELECT count(*) FROM adoptions WHERE bricolage_id = ${id}) AS adoptions`.execute(db);
    return row.rows[0];
  }

  async function kept(db: Db, id: number) {
    const { items } = await listBricolages(db, { ids: [id], limit: 1 });
    return { likes: items[0].likeCount, comments: items[0].commentCount, adoptions: items[0].adoptionCount };
  }

  describe('the gallery index stays in sync', () => {
    it('search follows insert, step edit, hide, restore, author rename and delete', async () => {
      temp = await createTempDb({ engine });
      const db = temp.db;
      const { id: author } = await ensureAgent(db, { platform: 'local', platformUserId: 'c', displayName: 'Camille Martin' });
      const id = await insertBricolage(db, {
        authorId: author,
        title: 'Étiquettes pour le présentoir',
        problem: 'Les dépliants se mélangent.',
        category: 'Affichage et signalétique',
        steps: [{ text: 'Imprimer des étiquettes plastifiées', photoHashes: [] }],
      });
      const draft = await insertBricolage(db, {
        authorId: author,
        title: 'Étiquettes brouillon',
        problem: 'x',
        category: 'Autre',
        status: 'draft',
        steps: [],
      });
      expect(await found(db, 'etiquette')).toEqual([id]);
      expect(await found(db, 'plastifiees')).toEqual([id]);
      expect(await found(db, 'camille')).toEqual([id]);
      expect(await found(db, 'signaletique')).toEqual([id]);

      const v0 = await readDataVersion(db);
      await db.updateTable('steps').set({ text: 'Coller des pastilles colorées' }).where('bricolage_id', '=', id).execute();
      expect(await found(db, 'plastifiees')).toEqual([]);
      expect(await found(db, 'pastilles')).toEqual([id]);
      expect(await readDataVersion(db)).not.toBe(v0);

      await db.updateTable('bricolages').set({ status: 'hidden' }).where('id', '=', id).execute();
      expect(await found(db, 'etiquettes')).toEqual([]);
      await db.updateTable('bricolages').set({ status: 'published' }).where('id', '=', id).execute();
      expect(await found(db, 'etiquettes')).toEqual([id]);

      await db.updateTable('agents').set({ display_name: 'Camille Durand' }).where('id', '=', author).execute();
      expect(await found(db, 'durand')).toEqual([id]);
      expect(await found(db, 'martin')).toEqual([]);

      await db.updateTable('bricolages').set({ status: 'published' }).where('id', '=', draft).execute();
      expect((await found(db, 'etiquettes')).sort()).toEqual([id, draft].sort());

      await deleteBricolage(db, id);
      expect(await found(db, 'etiquettes')).toEqual([draft]);
      expect(await found(db, 'pastilles')).toEqual([]);
    });

    it('counts follow likes, comments and adoptions added, hidden and removed', async () => {
      temp = await createTempDb({ engine });
      const db = temp.db;
      const agent = async (n: string) => (await ensureAgent(db, { platform: 'local', platformUserId: n, displayName: n })).id;
      const [author, a, b] = [await agent('author'), await agent('a'), await agent('b')];
      const id = await insertBricolage(db, { authorId: author, title: 'T', problem: 'P', category: 'Autre', steps: [] });
      const check = async () => expect(await kept(db, id)).toEqual(await recount(db, id));

      await addReaction(db, id, a, '👍');
      await addReaction(db, id, a, '🎉');
      await addReaction(db, id, author, '👍');
      await addReaction(db, id, b, '👍');
      await check();
      expect((await kept(db, id)).likes).toBe(2);
      await removeReaction(db, id, a, '👍');
      await check();
      expect((await kept(db, id)).likes).toBe(2);
      await removeReaction(db, id, a, '🎉');
      await removeReaction(db, id, author, '👍');
      await check();
      expect((await kept(db, id)).likes).toBe(1);

      const c1 = await insertComment(db, { bricolageId: id, authorId: a, text: 'x', chat: null, photoHashes: [] });
      await insertComment(db, { bricolageId: id, authorId: b, text: 'y', chat: null, photoHashes: [] });
      await check();
      await db.updateTable('comments').set({ status: 'hidden' }).where('id', '=', c1!).execute();
      await check();
      expect((await kept(db, id)).comments).toBe(1);
      await db.updateTable('comments').set({ status: 'visible' }).where('id', '=', c1!).execute();
      await deleteComment(db, c1!);
      await check();

      await recordAdoption(db, { bricolageId: id, agentId: a, mairie: '11e', feedback: null });
      await recordAdoption(db, { bricolageId: id, agentId: a, mairie: '11e', feedback: 'Super' });
      await recordAdoption(db, { bricolageId: id, agentId: b, mairie: '5e', feedback: null });
      await check();
      expect(await kept(db, id)).toEqual({ likes: 1, comments: 1, adoptions: 2 });
    });

    it('the data version follows workshops opened, closed and linked, and the workshop filter follows links', async () => {
      temp = await createTempDb({ engine });
      const db = temp.db;
      const { id: author } = await ensureAgent(db, { platform: 'local', platformUserId: 'a', displayName: 'A' });
      const id = await insertBricolage(db, { authorId: author, title: 'Classeur', problem: 'P', category: 'Autre', steps: [] });
      const versions = [await readDataVersion(db)];
      const workshop = await openWorkshop(db, { title: 'Files', description: 'D', openedBy: author });
      versions.push(await readDataVersion(db));
      expect((await listBricolages(db, { workshopId: workshop, limit: 5 })).total).toBe(0);
      await linkBricolage(db, { workshopId: workshop, bricolageId: id, linkedBy: author });
      versions.push(await readDataVersion(db));
      expect((await listBricolages(db, { workshopId: workshop, limit: 5 })).items.map((r) => r.id)).toEqual([id]);
      expect((await searchBricolages(db, { q: 'classeur', workshopId: workshop, limit: 5 })).total).toBe(1);
      expect((await searchBricolages(db, { q: 'classeur', workshopId: workshop + 1, limit: 5 })).total).toBe(0);
      await closeWorkshop(db, { id: workshop, summary: 'S', closedBy: author });
      versions.push(await readDataVersion(db));
      expect(new Set(versions).size).toBe(versions.length);
    });
  });
});
