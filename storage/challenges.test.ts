import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../bench/synthetic.js';
import { ACTIVE_DAYS, type MairieChallengeFacts, scoreboardOf } from '../domain/challenge-scoring.js';
import { createTempDb, describeEngines, type TempDb } from '../test/support/temp-db.js';
import { ensureAgent } from './agents.js';
import { insertBricolage } from './bricolages.js';
import {
  challengeParticipants,
  challengeScoreboard,
  challengesOfMairie,
  closeChallenge,
  countChallengeWins,
  dueChallenges,
  getChallenge,
  linkBricolageToChallenge,
  openChallenge,
} from './challenges.js';
import { addReaction, insertComment, recordAdoption } from './engagement.js';

describeEngines('the scoreboard of a défi over a random history', (engine) => {
  const MAIRIES = ['paris-2', 'paris-11', 'paris-15', 'paris-18', 'hotel-de-ville', null];
  const DAY = 86_400_000;
  const START = Date.parse('2026-06-01T06:00:00Z');
  const OPENED = START + 100 * DAY;
  const ENDS = START + 121 * DAY;
  const iso = (ms: number) => new Date(ms).toISOString();

  interface Trace {
    agent: number;
    at: number;
  }

  /**
   * A random history of four months (likes, comments, adoptions, bricolages published before, during
   * and after a défi, some linked to it), and the scoreboard recomputed from it in plain JS.
   */
  describe('the scoreboard of a défi over a random history', () => {
    let temp: TempDb;
    const agents: { id: number; mairie: string | null }[] = [];
    const bricolages: { id: number; author: number; mairie: string | null; at: number }[] = [];
    const traces: Trace[] = [];
    const adoptions = new Map<string, { bricolage: number; agent: number; mairie: string | null; at: number }>();
    const linked = new Set<number>();
    let challengeId = 0;

    beforeAll(async () => {
      temp = await createTempDb({ engine });
      const db = temp.db;
      const random = seededRandom(20261204);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
      for (let i = 0; i < 60; i++) {
        // Mairies of very different sizes: paris-2 has few agents, paris-15 many.
        const mairie = i < 4 ? 'paris-2' : i < 34 ? 'paris-15' : MAIRIES[i % MAIRIES.length];
        const agent = await ensureAgent(db, { platform: 'local', platformUserId: `a${i}`, displayName: `Agent ${i}`, mairie });
        agents.push({ id: agent.id, mairie: agent.mairie });
      }
      await db.transaction().execute(async (trx) => {
        challengeId = await openChallenge(trx, {
          title: 'Défi accueil',
          description: 'd',
          endsAt: iso(ENDS),
          openedBy: agents[0].id,
          at: iso(OPENED),
        });
        let clock = START;
        for (let n = 0; n < 2500; n++) {
          clock += Math.floor(random() * 160 * 60_000); // ~140 days in all
          const at = clock;
          const actor = pick(agents);
          const roll = random();
          if (bricolages.length < 3 || roll < 0.08) {
            const id = await insertBricolage(trx, {
              authorId: actor.id,
              title: `B${n}`,
              problem: 'p',
              category: 'Autre',
              at: iso(at),
              steps: [],
            });
            bricolages.push({ id, author: actor.id, mairie: actor.mairie, at });
            traces.push({ agent: actor.id, at });
            // Linked whenever the défi is open (the storage keeps links to bricolages published before
            // it; the rule must not count them).
            if (at >= OPENED - 5 * DAY && at < ENDS + 5 * DAY && random() < 0.6) {
              await linkBricolageToChallenge(trx, { challengeId, bricolageId: id, linkedBy: actor.id, at: iso(at) });
              linked.add(id);
            }
            continue;
          }
          const b = pick(bricolages.slice(-60));
          if (roll < 0.5) {
            await addReaction(trx, b.id, actor.id, pick(['👍', '🎉']), iso(at));
            traces.push({ agent: actor.id, at });
          } else if (roll < 0.7) {
            await insertComment(trx, {
              bricolageId: b.id,
              authorId: actor.id,
              text: 'c',
              chat: null,
              photoHashes: [],
              at: iso(at),
            });
            traces.push({ agent: actor.id, at });
          } else {
            const key = `${b.id}:${actor.id}`;
            if (!adoptions.has(key)) adoptions.set(key, { bricolage: b.id, agent: actor.id, mairie: actor.mairie, at });
            await recordAdoption(trx, {
              bricolageId: b.id,
              agentId: actor.id,
              mairie: actor.mairie,
              feedback: null,
              at: iso(at),
            });
            traces.push({ agent: actor.id, at });
          }
        }
      });
    });
    afterAll(() => temp.cleanup());

    /** The facts recomputed in JS from what the history wrote, for the window [OPENED, to). */
    function expectedFacts(to: number): MairieChallengeFacts[] {
      const counted = bricolages.filter((b) => linked.has(b.id) && b.at >= OPENED && b.at < to);
      const mairieOf = new Map(agents.map((a) => [a.id, a.mairie]));
      const result = new Map<string, MairieChallengeFacts>();
      for (const b of counted) {
        if (!b.mairie) continue;
        const f = result.get(b.mairie) ?? { mairie: b.mairie, agents: 0, activeAgents: 0, bricolages: 0, adoptions: 0 };
        f.bricolages++;
        result.set(b.mairie, f);
      }
      for (const [mairie, f] of result) {
        const participants = new Set(counted.filter((b) => b.mairie === mairie).map((b) => b.author));
        f.agents = participants.size;
        const active = new Set(participants);
        for (const t of traces)
          if (t.at >= to - ACTIVE_DAYS * DAY && t.at < to && mairieOf.get(t.agent) === mairie) active.add(t.agent);
        f.activeAgents = active.size;
        f.adoptions = [...adoptions.values()].filter((a) => {
          const b = counted.find((c) => c.id === a.bricolage);
          return b?.mairie === mairie && a.mairie !== null && a.mairie !== mairie && a.at >= OPENED && a.at < to;
        }).length;
      }
      const order = ['paris-2', 'paris-11', 'paris-15', 'paris-18', 'hotel-de-ville'];
      return [...result.values()].sort((a, b) => order.indexOf(a.mairie) - order.indexOf(b.mairie));
    }

    it('while open, equals the rule applied to the facts recomputed from the history', async () => {
      const challenge = (await getChallenge(temp.db, challengeId))!;
      const expected = scoreboardOf(expectedFacts(ENDS));
      expect(expected.length).toBeGreaterThanOrEqual(4);
      expect(expected.some((r) => r.adoptions > 0)).toBe(true);
      // Links to bricolages published before the défi exist, and do not count.
      expect(bricolages.some((b) => linked.has(b.id) && b.at < OPENED)).toBe(true);
      expect(await challengeScoreboard(temp.db, challenge)).toEqual(expected);
    });

    it('closed early, counts up to the close, records the winners once and their badge fact', async () => {
      const closeAt = OPENED + 14 * DAY;
      expect(await dueChallenges(temp.db, iso(closeAt))).toEqual([]);
      const closed = await temp.db
        .transaction()
        .execute((trx) => closeChallenge(trx, { id: challengeId, closedBy: null, at: iso(closeAt) }));
      expect(closed).not.toBeNull();
      const expected = scoreboardOf(expectedFacts(closeAt));
      expect(closed!.scoreboard).toEqual(expected);
      expect(await challengeScoreboard(temp.db, closed!.challenge)).toEqual(expected);
      const winners = expected.filter((r) => r.rank === 1).map((r) => r.mairie);
      expect(closed!.result.winners).toEqual(winners);
      const participants = await challengeParticipants(temp.db, closed!.challenge);
      expect(closed!.result.participants).toBe(participants.length);
      for (const agent of agents) {
        expect(await countChallengeWins(temp.db, agent.id)).toBe(agent.mairie && winners.includes(agent.mairie) ? 1 : 0);
      }
      // A second close (another instance, the scheduler after the command) does nothing.
      expect(await temp.db.transaction().execute((trx) => closeChallenge(trx, { id: challengeId, closedBy: null }))).toBeNull();
      const taking = await challengesOfMairie(temp.db, winners[0]);
      expect(taking).toEqual([expect.objectContaining({ id: challengeId, status: 'closed', rank: 1 })]);
    });
  });
});
