import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { ensureAgent } from '../storage/agents.js';
import { loadPending, pruneExpiredPending } from '../storage/pending.js';
import type { Agent } from '../storage/schema.js';
import { RecordingPort } from '../test/support/recording-port.js';
import { createTempDb, describeEngines, type TempDb } from '../test/support/temp-db.js';
import { type AnyQuestionKind, answerPending, ask, type DialogInput, notMine, type QuestionKind, taken } from './dialog.js';
import { createTurn } from './turn.js';

describeEngines('the pending question', (engine) => {
  /** A toy question: a number answers it; `encore` asks again; `passe` drops it; `garde` leaves it waiting. */
  const applied: string[] = [];
  const counting: QuestionKind<{ asked: number }, string> = {
    kind: 'counting',
    ttlMs: 60_000,
    owns: (actionId) => actionId === 'counting.button',
    staleKey: 'confirmStale',
    parse(json) {
      const value = JSON.parse(json);
      return Number.isInteger(value?.asked) ? value : null;
    },
    answer(state, input) {
      const t = input.kind === 'text' ? input.text : input.value;
      if (/^\d+$/.test(t)) return taken(null, [`answer ${t}`]);
      if (t === 'encore') return taken({ asked: state.asked + 1 }, [`asked ${state.asked + 1}`]);
      return notMine(t === 'garde');
    },
    async apply(_turn, effect) {
      applied.push(effect);
    },
  };
  const other: QuestionKind<{ asked: number }, string> = { ...counting, kind: 'other', owns: () => false, staleKey: null };
  const QUESTIONS: AnyQuestionKind[] = [counting, other];

  let temp: TempDb;
  let agent: Agent;
  const port = new RecordingPort('local');
  const config = loadConfig({ DATA_DIR: '/tmp', SEED_DEMO: 'false' });

  beforeEach(async () => {
    temp = await createTempDb({ engine });
    agent = await ensureAgent(temp.db, { platform: 'local', platformUserId: 'camille', displayName: 'Camille' });
    applied.length = 0;
    port.sent.length = 0;
  });
  afterEach(() => temp.cleanup());

  /** One turn in its own transaction, replies sent after the commit as the bot does. */
  async function turn<T>(work: (t: ReturnType<typeof createTurn>) => Promise<T>): Promise<T> {
    const pending: (() => Promise<void>)[] = [];
    const result = await temp.db
      .transaction()
      .execute((trx) =>
        work(createTurn({ db: temp.db, config, log: createLogger('dialog-test', true) }, trx, agent, port, pending)),
      );
    for (const send of pending) await send();
    return result;
  }
  const answer = (input: DialogInput) => turn((t) => answerPending(t, QUESTIONS, input));
  const text = (t: string): DialogInput => ({ kind: 'text', text: t, photos: 0 });
  const pendingRow = () => loadPending(temp.db, agent.id);

  describe('the pending question', () => {
    it('is asked, asked again with a fresh expiry, then answered and forgotten', async () => {
      await turn((t) => ask(t, counting, { state: { asked: 1 }, effects: ['asked 1'] }));
      const first = await pendingRow();
      expect(first).toMatchObject({ kind: 'counting', state: '{"asked":1}' });
      expect(Date.parse(first!.expiresAt) - Date.parse(first!.askedAt)).toBe(60_000);

      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(await answer(text('encore'))).toBe('handled');
      const second = await pendingRow();
      expect(second?.state).toBe('{"asked":2}');
      expect(second!.expiresAt > first!.expiresAt).toBe(true);

      expect(await answer(text('42'))).toBe(counting);
      expect(applied).toEqual(['asked 1', 'asked 2', 'answer 42']);
      expect(await pendingRow()).toBeNull();
      expect(await answer(text('43'))).toBeNull();
    });

    it('lets what is not its answer through, dropped or left waiting as the kind says', async () => {
      await turn((t) => ask(t, counting, { state: { asked: 1 }, effects: [] }));
      expect(await answer(text('garde'))).toBeNull();
      expect(await pendingRow()).not.toBeNull();
      expect(await answer(text('passe'))).toBeNull();
      expect(await pendingRow()).toBeNull();
    });

    it('is forgotten once expired: the answer goes on as an ordinary message', async () => {
      await turn((t) => ask(t, counting, { state: { asked: 1 }, effects: [] }));
      await temp.db
        .updateTable('pending_questions')
        .set({ expires_at: new Date(Date.now() - 1).toISOString() })
        .execute();
      expect(await answer(text('42'))).toBeNull();
      expect(applied).toEqual([]);
      expect(await temp.db.selectFrom('pending_questions').selectAll().execute()).toEqual([]);
    });

    it('is replaced by a new question; the old one’s buttons then say so and disturb nothing', async () => {
      await turn((t) => ask(t, counting, { state: { asked: 1 }, effects: [] }));
      await turn((t) => ask(t, other, { state: { asked: 7 }, effects: [] }));
      expect((await pendingRow())?.kind).toBe('other');
      expect(await answer({ kind: 'button', actionId: 'counting.button', value: '5' })).toBe('handled');
      expect(port.directTexts('camille')).toEqual(['Cette demande n’est plus en cours : rien n’a été fait.']);
      expect(applied).toEqual([]);
      expect(await answer(text('9'))).toBe(other);
      expect(applied).toEqual(['answer 9']);
    });

    it('drops a stored question it cannot read (unknown kind or state) instead of failing', async () => {
      await turn((t) => ask(t, counting, { state: { asked: 1 }, effects: [] }));
      await temp.db.updateTable('pending_questions').set({ state: '{"asked":"x"}' }).execute();
      expect(await answer(text('42'))).toBeNull();
      await turn((t) => ask(t, counting, { state: { asked: 1 }, effects: [] }));
      await temp.db.updateTable('pending_questions').set({ kind: 'gone' }).execute();
      expect(await answer(text('42'))).toBeNull();
      expect(await pendingRow()).toBeNull();
    });

    it('expired rows are dropped by retention, live ones kept', async () => {
      await turn((t) => ask(t, counting, { state: { asked: 1 }, effects: [] }));
      expect(await pruneExpiredPending(temp.db)).toBe(0);
      expect(await pruneExpiredPending(temp.db, new Date(Date.now() + 61_000).toISOString())).toBe(1);
      expect(await pendingRow()).toBeNull();
    });
  });
});
