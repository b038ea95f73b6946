import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { badgesOf, NO_FACTS } from '../domain/scoring.js';
import { createTempDb, describeEngines, type TempDb } from '../test/support/temp-db.js';
import { ensureAgent } from './agents.js';
import { insertBricolage } from './bricolages.js';
import {
  closeWorkshop,
  countWorkshopContributions,
  countWorkshops,
  linkBricolage,
  listWorkshops,
  openWorkshop,
  workshopBricolages,
  workshopDetail,
  workshopsOfBricolage,
} from './workshops.js';

describeEngines('workshops in storage', (engine) => {
  let temp: TempDb;
  beforeEach(async () => {
    temp = await createTempDb({ engine });
  });
  afterEach(async () => {
    await temp.cleanup();
  });

  async function bricolage(authorId: number, title: string, status: 'published' | 'hidden' = 'published') {
    return insertBricolage(temp.db, {
      authorId,
      title,
      problem: 'p',
      category: 'Autre',
      status,
      steps: [{ text: 's', photoHashes: [] }],
    });
  }

  describe('workshops in storage', () => {
    it('open, link published bricolages once, list with counts, and close once', async () => {
      const { db } = temp;
      const julien = await ensureAgent(db, { platform: 'local', platformUserId: 'julien', displayName: 'Julien' });
      const camille = await ensureAgent(db, {
        platform: 'local',
        platformUserId: 'camille',
        displayName: 'Camille',
        mairie: 'paris-11',
      });
      const first = await openWorkshop(db, {
        title: 'Files',
        description: 'La file',
        openedBy: julien.id,
        at: '2026-11-01T08:00:00.000Z',
      });
      const second = await openWorkshop(db, {
        title: 'Courrier',
        description: 'Le courrier',
        openedBy: julien.id,
        at: '2026-11-02T08:00:00.000Z',
      });
      const a = await bricolage(camille.id, 'Tickets');
      const hidden = await bricolage(camille.id, 'Caché', 'hidden');

      expect(await linkBricolage(db, { workshopId: first, bricolageId: a, linkedBy: camille.id })).toBe(true);
      expect(await linkBricolage(db, { workshopId: first, bricolageId: a, linkedBy: camille.id })).toBe(false);
      await linkBricolage(db, { workshopId: first, bricolageId: hidden, linkedBy: julien.id });

      expect(await countWorkshops(db, 'open')).toBe(2);
      const open = await listWorkshops(db, 'open');
      expect(open.map((w) => [w.id, w.bricolageCount])).toEqual([
        [second, 0],
        [first, 1],
      ]);
      expect((await listWorkshops(db, 'open', { limit: 1, offset: 1 })).map((w) => w.id)).toEqual([first]);
      expect(await workshopBricolages(db, first)).toEqual([
        expect.objectContaining({ id: a, title: 'Tickets', authorName: 'Camille', mairie: 'paris-11' }),
      ]);
      expect(await workshopsOfBricolage(db, a)).toEqual([{ id: first, title: 'Files', status: 'open' }]);
      expect(await countWorkshopContributions(db, camille.id)).toBe(1);
      expect(await countWorkshopContributions(db, julien.id)).toBe(0);
      // The scoring rules turn that fact into the "Atelier" badge.
      expect(badgesOf({ ...NO_FACTS, workshopContributions: await countWorkshopContributions(db, camille.id) })).toContain(
        'atelier',
      );
      expect(badgesOf({ ...NO_FACTS, workshopContributions: await countWorkshopContributions(db, julien.id) })).not.toContain(
        'atelier',
      );

      expect(await closeWorkshop(db, { id: first, summary: 'Deux astuces', closedBy: julien.id })).toBe(true);
      expect(await closeWorkshop(db, { id: first, summary: 'Encore', closedBy: julien.id })).toBe(false);
      expect(await closeWorkshop(db, { id: 999, summary: 'x', closedBy: julien.id })).toBe(false);
      const closed = await listWorkshops(db, 'closed');
      expect(closed).toEqual([
        expect.objectContaining({ id: first, status: 'closed', summary: 'Deux astuces', bricolageCount: 1 }),
      ]);
      expect(await countWorkshops(db, 'open')).toBe(1);

      const detail = await workshopDetail(db, first, { limit: 10 });
      expect(detail).toMatchObject({ id: first, title: 'Files', status: 'closed', openedBy: 'Julien', bricolageCount: 1 });
      expect(detail?.bricolages.map((b) => b.title)).toEqual(['Tickets']);
      expect(await workshopDetail(db, 999)).toBeUndefined();
    });
  });
});
