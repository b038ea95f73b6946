import { describe, expect, it } from 'vitest';
import { type MairieChallengeFacts, REUSE_TARGET, scoreboardOf, scoreOf, winnersOf } from './challenge-scoring.js';

const facts = (mairie: string, over: Partial<MairieChallengeFacts>): MairieChallengeFacts => ({
  mairie,
  agents: 1,
  activeAgents: 1,
  bricolages: 1,
  adoptions: 0,
  ...over,
});

describe('the défi scoreboard rule', () => {
  it('lets a small mairie where everyone took part beat a big one that posted a lot', () => {
    const board = scoreboardOf([
      facts('paris-15', { agents: 6, activeAgents: 60, bricolages: 30, adoptions: 8 }),
      facts('paris-2', { agents: 3, activeAgents: 4, bricolages: 3, adoptions: 3 }),
    ]);
    expect(board.map((r) => r.mairie)).toEqual(['paris-2', 'paris-15']);
    // 0.6 × 3/4 + 0.4 × 3/(2×3) = 0.65; 0.6 × 0.1 + 0.4 × 8/60.
    expect(board.map((r) => r.score)).toEqual([65, 11]);
    expect(winnersOf(board)).toEqual(['paris-2']);
  });

  it('gives nothing for volume: ten bricolages instead of one do not raise the score', () => {
    const one = facts('paris-3', { agents: 1, activeAgents: 2, bricolages: 1, adoptions: 1 });
    expect(scoreOf({ ...one, bricolages: 10 })).toBeLessThan(scoreOf(one));
    expect(scoreOf({ ...one, adoptions: REUSE_TARGET * 50 })).toBe(scoreOf({ ...one, adoptions: REUSE_TARGET }));
  });

  it('ranks ties together and counts participants as active', () => {
    const board = scoreboardOf([
      facts('paris-1', { agents: 2, activeAgents: 0 }),
      facts('paris-4', { agents: 1, activeAgents: 1 }),
      facts('paris-5', { agents: 1, activeAgents: 4 }),
      facts('paris-6', { agents: 0, bricolages: 0 }),
    ]);
    expect(board.map((r) => [r.mairie, r.score, r.rank])).toEqual([
      ['paris-1', 60, 1],
      ['paris-4', 60, 1],
      ['paris-5', 15, 3],
    ]);
    expect(winnersOf(board)).toEqual(['paris-1', 'paris-4']);
  });
});
