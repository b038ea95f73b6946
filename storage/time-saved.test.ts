import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../bench/synthetic.js';
import { createTempDb, describeEngines, type TempDb } from '../test/support/temp-db.js';
import { ensureAgent } from './agents.js';
import { insertBricolage } from './bricolages.js';
import { recordAdoption } from './engagement.js';
import {
  authorImpact,
  bricolageImpact,
  type Impact,
  impactByBricolage,
  impactByMonth,
  impactReportedBetween,
  mairieImpact,
  medianOf,
  NO_IMPACT,
  overallImpact,
  reportTimeSaved,
} from './time-saved.js';

describeEngines('medianOf', (engine) => {
  const MAIRIES = ['paris-1', 'paris-11', 'paris-18', 'hotel-de-ville', null];

  describe('medianOf', () => {
    it('is the middle report, or the middle two averaged', () => {
      expect(medianOf([])).toBe(0);
      expect(medianOf([90, 10, 30])).toBe(30);
      expect(medianOf([10, 30, 90, 120])).toBe(60);
    });
  });

  /** Recomputes every figure from the history as the test wrote it, then compares with storage. */
  describe('time saved of a random history', () => {
    let temp: TempDb;
    const agents: { id: number; mairie: string | null }[] = [];
    const bricolages: { id: number; author: number; authorMairie: string | null; hidden: boolean }[] = [];
    /** "bricolage:agent" → the adoption as the test knows it. */
    const adoptions = new Map<
      string,
      { bricolage: number; agent: number; mairie: string | null; at: string; minutes: number | null; reportedAt: string | null }
    >();
    const refusedOwn: string[] = [];

    beforeAll(async () => {
      temp = await createTempDb({ engine });
      const db = temp.db;
      const random = seededRandom(20261204);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
      for (let i = 0; i < 16; i++) {
        const agent = await ensureAgent(db, {
          platform: 'local',
          platformUserId: `t${i}`,
          displayName: `Agent ${i}`,
          mairie: MAIRIES[i % MAIRIES.length] ?? null,
        });
        agents.push({ id: agent.id, mairie: agent.mairie });
      }
      let clock = Date.parse('2026-08-03T08:00:00Z');
      await db.transaction().execute(async (trx) => {
        for (let n = 0; n < 1500; n++) {
          clock += Math.floor(random() * 3 * 3600_000); // about four months in all
          const at = new Date(clock).toISOString();
          const actor = pick(agents);
          const roll = random();
          if (bricolages.length < 4 || roll < 0.05) {
            const id = await insertBricolage(trx, {
              authorId: actor.id,
              title: `B${n}`,
              problem: 'p',
              category: 'Autre',
              at,
              steps: [],
            });
            bricolages.push({ id, author: actor.id, authorMairie: actor.mairie, hidden: false });
            continue;
          }
          const b = pick(bricolages);
          const key = `${b.id}:${actor.id}`;
          if (roll < 0.07) {
            b.hidden = !b.hidden;
            await trx
              .updateTable('bricolages')
              .set({ status: b.hidden ? 'hidden' : 'published' })
              .where('id', '=', b.id)
              .execute();
          } else if (roll < 0.5) {
            if (actor.id === b.author) continue; // the bot refuses one's own adoption
            await recordAdoption(trx, { bricolageId: b.id, agentId: actor.id, mairie: actor.mairie, feedback: null, at });
            if (!adoptions.has(key))
              adoptions.set(key, { bricolage: b.id, agent: actor.id, mairie: actor.mairie, at, minutes: null, reportedAt: null });
          } else {
            // A report: on one's own bricolage (refused), without an adoption (nothing), or replacing.
            const minutes = Math.floor(random() * 600);
            const outcome = await reportTimeSaved(trx, { bricolageId: b.id, agentId: actor.id, minutesPerWeek: minutes, at });
            const adoption = adoptions.get(key);
            if (actor.id === b.author) {
              expect(outcome).toBe('own');
              refusedOwn.push(key);
            } else if (adoption) {
              expect(outcome).toBe('saved');
              adoption.minutes = minutes;
              adoption.reportedAt = at;
            } else expect(outcome).toBe('noAdoption');
          }
        }
      });
    });
    afterAll(() => temp?.cleanup());

    const counted = () =>
      [...adoptions.values()]
        .filter((a) => a.minutes !== null)
        .map((a) => ({ ...a, b: bricolages.find((b) => b.id === a.bricolage) as (typeof bricolages)[number] }))
        .filter((a) => !a.b.hidden);
    const expectedImpact = (list: { mairie: string | null; minutes: number | null }[]): Impact =>
      list.length === 0
        ? NO_IMPACT
        : {
            minutesPerWeek: list.reduce((s, a) => s + (a.minutes ?? 0), 0),
            medianMinutesPerWeek: medianOf(list.map((a) => a.minutes ?? 0)),
            reports: list.length,
            mairies: new Set(list.map((a) => a.mairie).filter((m) => m !== null)).size,
          };

    it('made a history worth checking', () => {
      expect(counted().length).toBeGreaterThan(60);
      expect(refusedOwn.length).toBeGreaterThan(10);
      expect(bricolages.some((b) => b.hidden)).toBe(true);
    });

    it('adds up each bricolage as a recomputation does', async () => {
      const all = await impactByBricolage(temp.db);
      for (const b of bricolages) {
        const expected = expectedImpact(counted().filter((a) => a.bricolage === b.id));
        expect(await bricolageImpact(temp.db, b.id)).toEqual(expected);
        expect(all.get(b.id) ?? NO_IMPACT).toEqual(expected);
      }
    });

    it('adds up each mairie, each author and the whole', async () => {
      for (const mairie of MAIRIES.filter((m) => m !== null)) {
        expect(await mairieImpact(temp.db, mairie)).toEqual({
          adopted: expectedImpact(counted().filter((a) => a.mairie === mairie)),
          elsewhere: expectedImpact(
            counted().filter((a) => a.b.authorMairie === mairie && a.mairie !== null && a.mairie !== mairie),
          ),
        });
      }
      for (const agent of agents) {
        expect(await authorImpact(temp.db, agent.id)).toEqual(expectedImpact(counted().filter((a) => a.b.author === agent.id)));
      }
      const overall = await overallImpact(temp.db);
      expect(overall).toEqual({ ...expectedImpact(counted()), bricolages: new Set(counted().map((a) => a.bricolage)).size });
    });

    it('adds up month by month, each month holding the adoptions made up to its end', async () => {
      const months = await impactByMonth(temp.db, new Date('2026-12-20T00:00:00Z'));
      expect(months.length).toBeGreaterThan(3);
      expect(months.at(-1)?.month).toBe('2026-12');
      for (const m of months) {
        const upTo = counted().filter((a) => a.at.slice(0, 7) <= m.month);
        expect(m).toEqual({
          month: m.month,
          minutesPerWeek: upTo.reduce((s, a) => s + (a.minutes ?? 0), 0),
          reports: upTo.length,
          newReports: upTo.filter((a) => a.at.slice(0, 7) === m.month).length,
        });
      }
      expect(months.at(-1)?.minutesPerWeek).toBe((await overallImpact(temp.db)).minutesPerWeek);
    });

    it('tells what was reported in a window', async () => {
      const [from, to] = ['2026-09-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z'];
      const inWindow = counted().filter((a) => (a.reportedAt ?? '') >= from && (a.reportedAt ?? '') < to);
      expect(inWindow.length).toBeGreaterThan(5);
      expect(await impactReportedBetween(temp.db, from, to)).toEqual(expectedImpact(inWindow));
    });
  });
});
