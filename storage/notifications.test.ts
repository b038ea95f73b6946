/**
 * Two instances on one PostgreSQL database: a write through one moves the data version the other's
 * page cache holds in memory (no query per request), and after its listening connection is cut the
 * other reads the version from the database until it listens again.
 */
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { createLogger } from '../log.js';
import { createTempDb, describeEngines, type TempDb } from '../test/support/temp-db.js';
import { waitFor } from '../test/support/wait-for.js';
import { ensureAgent } from './agents.js';
import { dataVersionSource, readDataVersion } from './data-version.js';
import { type Db, type DbOrTrx, openDatabase } from './db.js';
import { type DatabaseNotifications, listenForNotifications } from './notifications.js';

describeEngines(
  'data version across instances',
  (engine) => {
    let temp: TempDb;
    let other: Db | null = null;
    let listener: DatabaseNotifications | null = null;
    afterEach(async () => {
      await listener?.close();
      listener = null;
      await other?.destroy().catch(() => undefined);
      other = null;
      await temp?.cleanup();
    });

    const addAgent = (db: DbOrTrx, id: string) =>
      ensureAgent(db, { platform: 'local', platformUserId: id, displayName: id, mairie: '11e' });

    it('follows writes made through another instance from memory', async () => {
      temp = await createTempDb({ engine });
      other = openDatabase(temp.location, { poolSize: 2 });
      listener = listenForNotifications(temp.location, createLogger('test'));
      const source = dataVersionSource(other, listener);
      await waitFor('the listener', () => listener!.connected());
      // From here on this instance's pool is gone: the version can only come from memory.
      await other.destroy();
      const before = await source.current();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await source.current()).toBe(before);
      await addAgent(temp.db, 'camille');
      await waitFor('the notified change', async () => (await source.current()) !== before, 2000, 5);
      // A transaction of many writing statements is one change.
      const settled = await source.current();
      await temp.db.transaction().execute(async (trx) => {
        for (const id of ['karim', 'sophie', 'lea']) await addAgent(trx, id);
      });
      await waitFor('the transaction heard', async () => (await source.current()) !== settled, 2000, 5);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await source.current()).toBe(`heard:${Number(settled.split(':')[1]) + 1}`);
    });

    it('has heard its own commit once caught up, without polling', async () => {
      temp = await createTempDb({ engine });
      listener = listenForNotifications(temp.location, createLogger('test'));
      const source = dataVersionSource(temp.db, listener);
      await waitFor('the listener', () => listener!.connected());
      for (const id of ['camille', 'karim', 'sophie']) {
        const before = await source.current();
        await addAgent(temp.db, id);
        await listener.caughtUp();
        expect(await source.current()).not.toBe(before);
      }
    });

    it('reads the database while its listening connection is down, then listens again', async () => {
      temp = await createTempDb({ engine });
      listener = listenForNotifications(temp.location, createLogger('test'));
      const source = dataVersionSource(temp.db, listener);
      await waitFor('the listener', () => listener!.connected());
      const heard = await source.current();
      const name = new URL(temp.location).pathname.slice(1);
      await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = ${name} AND query LIKE 'LISTEN%'`.execute(temp.db);
      await waitFor('the cut noticed', () => !listener!.connected());
      await addAgent(temp.db, 'karim');
      expect(await source.current()).toBe(await readDataVersion(temp.db));
      await waitFor('the listener back', () => listener!.connected(), 10_000);
      // What changed while it was down is not heard: the version moved on reconnection.
      const back = await source.current();
      expect(back).not.toBe(heard);
      await addAgent(temp.db, 'lea');
      await waitFor('the change after reconnection', async () => (await source.current()) !== back, 2000, 5);
    });
  },
  { onlyPostgres: true },
);
