import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../bench/synthetic.js';
import { COMMENTS_COUNTED_PER_DAY, POINTS, pointsOf, standingOf } from '../domain/scoring.js';
import { createTempDb, describeEngines, type TempDb } from '../test/support/temp-db.js';
import { ensureAgent } from './agents.js';
import { insertBricolage } from './bricolages.js';
import { addReaction, insertComment, recordAdoption, removeReaction } from './engagement.js';
import { forgetAgent } from './forget.js';
import { agentLeaderboard, agentPointsSql, agentsWithFactsSince, loadAgentFacts, mairieLeaderboard } from './points.js';

describeEngines('points', (engine) => {
  const MAIRIES = ['paris-1', 'paris-11', 'paris-18', 'hotel-de-ville', null];
  const START = Date.parse('2026-11-01T06:00:00Z');

  describe('points of a random history', () => {
    let temp: TempDb;
    /** The incremental path: a running total per agent, updated event by event with the rules. */
    const running = new Map<number, number>();
    const agents: { id: number; mairie: string | null }[] = [];
    const FACTS = 3000;

    beforeAll(async () => {
      temp = await createTempDb({ engine });
      const db = temp.db;
      const random = seededRandom(20261129);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
      const gain = (agentId: number, points: number) => running.set(agentId, (running.get(agentId) ?? 0) + points);

      for (let i = 0; i < 14; i++) {
        const mairie = MAIRIES[i % MAIRIES.length];
        const agent = await ensureAgent(db, { platform: 'local', platformUserId: `a${i}`, displayName: `Agent ${i}`, mairie });
        agents.push({ id: agent.id, mairie: agent.mairie });
      }
      const bricolages: { id: number; author: number; authorMairie: string | null }[] = [];
      const reactions = new Map<string, Set<string>>(); // "bricolage:agent" → emojis
      const commentsPerDay = new Map<string, number>(); // "agent:day" → count
      const adoptions = new Map<string, { feedback: boolean }>(); // "bricolage:agent"
      let clock = START;

      await db.transaction().execute(async (trx) => {
        for (let n = 0; n < FACTS; n++) {
          clock += Math.floor(random() * 8 * 60_000); // a few minutes between facts, ~16 days in all
          const at = new Date(clock).toISOString();
          const actor = pick(agents);
          const roll = random();
          if (bricolages.length < 3 || roll < 0.04) {
            const id = await insertBricolage(trx, {
              authorId: actor.id,
              title: `B${n}`,
              problem: 'p',
              category: 'Autre',
              at,
              steps: [],
            });
            bricolages.push({ id, author: actor.id, authorMairie: actor.mairie });
            gain(actor.id, POINTS.publish);
            continue;
          }
          const b = pick(bricolages);
          const key = `${b.id}:${actor.id}`;
          if (roll < 0.45) {
            // React (often with several emoji, sometimes on one's own post).
            const emoji = pick(['👍', '❤️', '🎉']);
            const set = reactions.get(key) ?? new Set<string>();
            if (set.size === 0 && actor.id !== b.author) gain(b.author, POINTS.likeReceived);
            set.add(emoji);
            reactions.set(key, set);
            await addReaction(trx, b.id, actor.id, emoji, at);
          } else if (roll < 0.6) {
            // Remove a reaction (react, remove, react again must gain nothing).
            const set = reactions.get(key);
            if (!set || set.size === 0) continue;
            const emoji = pick([...set]);
            set.delete(emoji);
            if (set.size === 0 && actor.id !== b.author) gain(b.author, -POINTS.likeReceived);
            await removeReaction(trx, b.id, actor.id, emoji);
          } else if (roll < 0.9) {
            // Comment, sometimes on one's own bricolage, often many in one day.
            await insertComment(trx, { bricolageId: b.id, authorId: actor.id, text: 'c', chat: null, photoHashes: [], at });
            if (actor.id !== b.author) {
              gain(b.author, POINTS.commentReceived);
              const dayKey = `${actor.id}:${at.slice(0, 10)}`;
              const today = (commentsPerDay.get(dayKey) ?? 0) + 1;
              commentsPerDay.set(dayKey, today);
              if (today <= COMMENTS_COUNTED_PER_DAY) gain(actor.id, POINTS.commentWritten);
            }
          } else {
            // Adopt, with or without feedback; a second adoption only updates the feedback.
            const feedback = random() < 0.5 ? 'ça marche' : null;
            const before = adoptions.get(key);
            if (actor.id !== b.author) {
              if (!before) {
                const other = actor.mairie !== null && b.authorMairie !== null && actor.mairie !== b.authorMairie;
                gain(b.author, other ? POINTS.adoptionOtherMairie : POINTS.adoptionSameMairie);
              }
              if (feedback && !before?.feedback) gain(actor.id, POINTS.adoptionFeedback);
            }
            adoptions.set(key, { feedback: Boolean(feedback) || Boolean(before?.feedback) });
            await recordAdoption(trx, { bricolageId: b.id, agentId: actor.id, mairie: actor.mairie, feedback, at });
          }
        }
      });
    });
    afterAll(() => temp.cleanup());

    it('recomputing from the stored facts equals the incremental path, in JS and in SQL', async () => {
      let total = 0;
      for (const agent of agents) {
        const expected = running.get(agent.id) ?? 0;
        const facts = await loadAgentFacts(temp.db, agent.id);
        expect(pointsOf(facts), `agent ${agent.id}`).toBe(expected);
        expect(await agentPointsSql(temp.db, agent.id), `agent ${agent.id}`).toBe(expected);
        total += expected;
      }
      expect(total).toBeGreaterThan(FACTS / 2);
    });

    it('ranks agents and mairies in pages whose entries match the recomputation', async () => {
      const everyone = [...agents].map((a) => ({ id: a.id, points: running.get(a.id) ?? 0 })).filter((a) => a.points > 0);
      everyone.sort((a, b) => b.points - a.points || a.id - b.id);
      const first = await agentLeaderboard(temp.db, { period: 'all', page: 1, pageSize: 5 });
      const second = await agentLeaderboard(temp.db, { period: 'all', page: 2, pageSize: 5 });
      expect(first.total).toBe(everyone.length);
      expect([...first.rows, ...second.rows].map((r) => [r.agentId, r.points])).toEqual(
        everyone.slice(0, 10).map((a) => [a.id, a.points]),
      );
      expect(second.rows[0].rank).toBe(6);

      const byMairie = await mairieLeaderboard(temp.db, { period: 'all', pageSize: 100 });
      const expected = new Map<string, number>();
      for (const a of agents) if (a.mairie) expected.set(a.mairie, (expected.get(a.mairie) ?? 0) + (running.get(a.id) ?? 0));
      expect(new Map(byMairie.rows.map((r) => [r.mairie, r.points]))).toEqual(expected);
      expect(byMairie.rows.map((r) => r.points)).toEqual([...byMairie.rows.map((r) => r.points)].sort((a, b) => b - a));
    });

    it('counts a period from its facts only, the same in JS and SQL', async () => {
      const now = new Date(START + 12 * 86_400_000);
      const since = new Date(now.getTime() - 7 * 86_400_000).toISOString();
      const week = await agentLeaderboard(temp.db, { period: 'week', now, pageSize: 100 });
      for (const row of week.rows) expect(pointsOf(await loadAgentFacts(temp.db, row.agentId, since))).toBe(row.points);
      const all = await agentLeaderboard(temp.db, { period: 'all', pageSize: 100 });
      const allPoints = new Map(all.rows.map((r) => [r.agentId, r.points]));
      for (const row of week.rows) expect(row.points).toBeLessThanOrEqual(allPoints.get(row.agentId)!);
    });
  });

  describe('points of one agent', () => {
    let temp: TempDb;
    beforeAll(async () => {
      temp = await createTempDb({ engine });
    });
    afterAll(() => temp.cleanup());

    it('earns nothing from own reactions, repeated reactions, hidden bricolages or comments past 5 a day', async () => {
      const db = temp.db;
      const author = await ensureAgent(db, { platform: 'local', platformUserId: 'author', displayName: 'A', mairie: '11e' });
      const fan = await ensureAgent(db, { platform: 'local', platformUserId: 'fan', displayName: 'F', mairie: '18e' });
      const id = await insertBricolage(db, { authorId: author.id, title: 't', problem: 'p', category: 'Autre', steps: [] });
      await addReaction(db, id, author.id, '👍');
      for (let i = 0; i < 3; i++) {
        await addReaction(db, id, fan.id, '👍');
        await removeReaction(db, id, fan.id, '👍');
      }
      await addReaction(db, id, fan.id, '👍');
      await addReaction(db, id, fan.id, '🎉');
      for (let i = 0; i < 8; i++) {
        await insertComment(db, {
          bricolageId: id,
          authorId: fan.id,
          text: `${i}`,
          chat: null,
          photoHashes: [],
          at: '2026-11-20T10:00:00Z',
        });
      }
      expect(pointsOf(await loadAgentFacts(db, author.id))).toBe(POINTS.publish + 1 + 8);
      expect(pointsOf(await loadAgentFacts(db, fan.id))).toBe(COMMENTS_COUNTED_PER_DAY);

      await recordAdoption(db, { bricolageId: id, agentId: fan.id, mairie: fan.mairie, feedback: 'top' });
      const standing = standingOf(await loadAgentFacts(db, author.id));
      expect(standing.points).toBe(POINTS.publish + 1 + 8 + POINTS.adoptionOtherMairie);
      expect(standing.badges).toEqual(['premiere-astuce', 'adopte-ailleurs']);

      await db.updateTable('bricolages').set({ status: 'hidden' }).where('id', '=', id).execute();
      expect(pointsOf(await loadAgentFacts(db, author.id))).toBe(0);
      expect(await agentPointsSql(db, fan.id)).toBe(0);
    });
  });

  describe('the anonymous author left by oublie-moi', () => {
    let temp: TempDb;
    beforeAll(async () => {
      temp = await createTempDb({ engine });
    });
    afterAll(() => temp.cleanup());

    it('ranks nowhere, earns nothing and is never due an announcement', async () => {
      const db = temp.db;
      const sophie = await ensureAgent(db, { platform: 'local', platformUserId: 'sophie', displayName: 'S', mairie: '5e' });
      const karim = await ensureAgent(db, { platform: 'local', platformUserId: 'karim', displayName: 'K', mairie: '18e' });
      const hers = await insertBricolage(db, { authorId: sophie.id, title: 't', problem: 'p', category: 'Autre', steps: [] });
      await insertBricolage(db, { authorId: karim.id, title: 'u', problem: 'p', category: 'Autre', steps: [] });
      await addReaction(db, hers, karim.id, '👍');
      await recordAdoption(db, { bricolageId: hers, agentId: karim.id, mairie: karim.mairie, feedback: null });
      const ranked = async () => (await agentLeaderboard(db, { period: 'all' })).rows.map((r) => r.agentId);
      expect(await ranked()).toEqual([sophie.id, karim.id]);

      // Sophie leaves her bricolage to the community: it keeps its likes and adoption, but nobody earns them.
      const { anonymousId } = await db.transaction().execute((trx) => forgetAgent(trx, sophie, 'anonymise', 'Agent anonyme'));
      expect(await ranked()).toEqual([karim.id]);
      expect((await agentLeaderboard(db, { period: 'all' })).total).toBe(1);
      expect(await mairieLeaderboard(db, { period: 'all' })).toMatchObject({ total: 1, rows: [{ agents: 1 }] });
      expect(await agentPointsSql(db, anonymousId)).toBe(0);
      expect(pointsOf(await loadAgentFacts(db, anonymousId))).toBe(0);
      expect(await agentsWithFactsSince(db, '')).not.toContain(anonymousId);
      expect(await agentsWithFactsSince(db, '')).toContain(karim.id);
    });
  });
});
