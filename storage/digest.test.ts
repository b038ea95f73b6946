import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempDb, describeEngines, type TempDb } from '../test/support/temp-db.js';
import { ensureAgent } from './agents.js';
import { insertBricolage } from './bricolages.js';
import { isQuietWeek, weekActivity } from './digest.js';
import { addReaction, recordAdoption } from './engagement.js';

describeEngines('the digest in storage', (engine) => {
  let temp: TempDb;
  beforeEach(async () => {
    temp = await createTempDb({ engine });
  });
  afterEach(async () => {
    await temp.cleanup();
  });

  const week = { from: '2026-11-16T08:00:00.000Z', to: '2026-11-23T08:00:00.000Z' };
  const inside = '2026-11-18T10:00:00.000Z';
  const before = '2026-11-10T10:00:00.000Z';

  describe('the activity of a week', () => {
    it('counts new bricolages, likes given and adoptions inside the window only', async () => {
      const { db } = temp;
      const camille = await ensureAgent(db, {
        platform: 'local',
        platformUserId: 'camille',
        displayName: 'Camille',
        mairie: 'paris-11',
      });
      const karim = await ensureAgent(db, {
        platform: 'local',
        platformUserId: 'karim',
        displayName: 'Karim',
        mairie: 'paris-18',
      });
      const sophie = await ensureAgent(db, {
        platform: 'local',
        platformUserId: 'sophie',
        displayName: 'Sophie',
        mairie: 'paris-5',
      });
      const steps = [{ text: 's', photoHashes: [] }];
      const old = await insertBricolage(db, {
        authorId: camille.id,
        title: 'Ancien',
        problem: 'p',
        category: 'Autre',
        at: before,
        steps,
      });
      await insertBricolage(db, {
        authorId: karim.id,
        title: 'Caché',
        problem: 'p',
        category: 'Autre',
        status: 'hidden',
        at: inside,
        steps,
      });
      // An older bricolage and a hidden one: nothing to tell about this week.
      expect(isQuietWeek(await weekActivity(db, week))).toBe(true);

      const fresh = await insertBricolage(db, {
        authorId: camille.id,
        title: 'Nouveau',
        problem: 'p',
        category: 'Autre',
        at: inside,
        steps,
      });

      await addReaction(db, old, karim.id, '👍', inside);
      await addReaction(db, old, karim.id, '🎉', inside);
      await addReaction(db, old, sophie.id, '👍', inside);
      await addReaction(db, old, camille.id, '👍', inside); // the author's own: not a like
      await addReaction(db, fresh, sophie.id, '👍', before); // before the window
      await recordAdoption(db, { bricolageId: old, agentId: karim.id, mairie: 'paris-18', feedback: null });
      await db.updateTable('adoptions').set({ created_at: inside }).execute();

      const activity = await weekActivity(db, week);
      expect(activity.newCount).toBe(1);
      expect(activity.newBricolages).toEqual([{ id: fresh, title: 'Nouveau', authorName: 'Camille', mairie: 'paris-11' }]);
      expect(activity.mostLiked).toEqual([{ id: old, title: 'Ancien', likes: 2 }]);
      expect(activity.adoptionCount).toBe(1);
      expect(activity.adoptions).toEqual([
        { bricolageId: old, title: 'Ancien', adopterMairie: 'paris-18', originMairie: 'paris-11' },
      ]);
      expect(isQuietWeek(activity)).toBe(false);
    });

    it('caps its lists but not its counts', async () => {
      const { db } = temp;
      const camille = await ensureAgent(db, { platform: 'local', platformUserId: 'camille', displayName: 'Camille' });
      for (let i = 0; i < 7; i++) {
        await insertBricolage(db, {
          authorId: camille.id,
          title: `B${i}`,
          problem: 'p',
          category: 'Autre',
          at: inside,
          steps: [],
        });
      }
      const activity = await weekActivity(db, week, 5);
      expect(activity.newCount).toBe(7);
      expect(activity.newBricolages).toHaveLength(5);
    });
  });
});
