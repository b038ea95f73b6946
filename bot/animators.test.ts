import { afterEach, describe, expect, it } from 'vitest';
import { addAnimator, removeAnimator } from '../storage/animators.js';
import { createTempDb, describeEngines, type TempDb } from '../test/support/temp-db.js';
import { isAnimator, isConfiguredAnimator } from './animators.js';

describeEngines('animateurs', (engine) => {
  let temp: TempDb | undefined;
  afterEach(async () => {
    await temp?.cleanup();
    temp = undefined;
  });

  describe('isAnimator', () => {
    it('knows configured animateurs by platform and id, and those added at runtime until removed', async () => {
      temp = await createTempDb({ engine });
      const config = { animators: ['local:julien', 'teams:29:abc'] };
      const julien = { platform: 'local', platform_user_id: 'julien' };
      const teams = { platform: 'teams', platform_user_id: '29:abc' };
      const sameIdElsewhere = { platform: 'slack', platform_user_id: 'julien' };
      const camille = { platform: 'local', platform_user_id: 'camille' };
      expect(await isAnimator(temp.db, config, julien)).toBe(true);
      expect(await isAnimator(temp.db, config, teams)).toBe(true);
      expect(await isAnimator(temp.db, config, sameIdElsewhere)).toBe(false);
      expect(await isAnimator(temp.db, config, camille)).toBe(false);

      expect(await addAnimator(temp.db, { platform: 'local', platformUserId: 'camille' }, null)).toBe(true);
      expect(await addAnimator(temp.db, { platform: 'local', platformUserId: 'camille' }, null)).toBe(false);
      expect(await isAnimator(temp.db, config, camille)).toBe(true);
      expect(isConfiguredAnimator(config, camille)).toBe(false);
      expect(await removeAnimator(temp.db, { platform: 'local', platformUserId: 'camille' })).toBe(true);
      expect(await isAnimator(temp.db, config, camille)).toBe(false);
    });
  });
});
