/**
 * The similarity score against its labelled set (issue 17 step 5): the targets hold at the threshold
 * in code, and that threshold is the one the set chooses (so a change to the score that moves the
 * best threshold fails here until the constant follows).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseThresholds,
  type EvaluationSet,
  figuresAt,
  loadEvaluationSet,
  type ScoredText,
  scoreEvaluationSet,
  storeEvaluationSet,
  TARGETS,
} from '../bench/similar-evaluation.js';
import { foldText } from '../domain/text.js';
import { DUPLICATE_THRESHOLD, SIMILAR_THRESHOLD } from '../storage/search/similar.js';
import { createTempDb, describeEngines, type TempDb } from './support/temp-db.js';

describeEngines('the evaluation set', (engine) => {
  let temp: TempDb;
  let set: EvaluationSet;
  let scored: ScoredText[];

  beforeAll(async () => {
    temp = await createTempDb({ engine });
    set = loadEvaluationSet();
    const ids = await storeEvaluationSet(temp.db, set);
    scored = await scoreEvaluationSet(temp.db, set, ids);
  });
  afterAll(async () => temp.cleanup());

  describe('the evaluation set', () => {
    it('has at least 40 paraphrases of its bricolages by other mairies, and 40 unrelated texts, some sharing words', () => {
      expect(set.paraphrases.length).toBeGreaterThanOrEqual(40);
      expect(set.unrelated.length).toBeGreaterThanOrEqual(40);
      const byKey = new Map(set.bricolages.map((b) => [b.key, b]));
      for (const p of set.paraphrases) {
        expect(byKey.has(p.of)).toBe(true);
        expect(p.mairie).not.toBe(byKey.get(p.of)?.mairie);
      }
      // "Sharing words" is checked, not only declared: each listed word is in both texts.
      const sharing = set.unrelated.filter((u) => u.near && u.shares && u.shares.length > 0);
      expect(sharing.length).toBeGreaterThanOrEqual(20);
      for (const u of sharing) {
        const near = byKey.get(u.near ?? '');
        const own = foldText(`${u.title} ${u.problem}`);
        const theirs = foldText(`${near?.title} ${near?.problem} ${near?.steps.join(' ')}`);
        for (const word of u.shares ?? []) {
          const stem = foldText(word).slice(0, Math.max(4, foldText(word).length - 2));
          expect(own, `${u.title}: ${word}`).toContain(stem);
          expect(theirs, `${near?.title}: ${word}`).toContain(stem);
        }
      }
    });
  });

  describe('the similarity score on the evaluation set', () => {
    it('meets the targets at the threshold in code: no suggestion for 90 % of unrelated texts, the original for 75 % of paraphrases', () => {
      const figures = figuresAt(scored, SIMILAR_THRESHOLD);
      expect(figures.silent).toBeGreaterThanOrEqual(TARGETS.silent);
      expect(figures.recall).toBeGreaterThanOrEqual(TARGETS.recall);
      expect(figures.precision).toBeGreaterThanOrEqual(0.9);
    });

    it('uses the thresholds the set chooses', () => {
      const chosen = chooseThresholds(scored);
      // The constants are chosen on SQLite's index; PostgreSQL's stemmed index scores a little
      // differently, so there the thresholds in code must only keep the targets (checked above) and
      // stay within a hundredth or two of what the set would choose for it.
      if (engine === 'sqlite') {
        expect(SIMILAR_THRESHOLD).toBe(chosen.suggestion.threshold);
        expect(DUPLICATE_THRESHOLD).toBe(chosen.duplicate.threshold);
      } else {
        expect(Math.abs(SIMILAR_THRESHOLD - chosen.suggestion.threshold)).toBeLessThanOrEqual(0.02);
      }
      expect(figuresAt(scored, DUPLICATE_THRESHOLD)).toMatchObject({ silent: 1, precision: 1 });
    });
  });
});
