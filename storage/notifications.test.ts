/**
 * Two instances on one PostgreSQL database: a write through one changes the data version the
 * other's page cache holds in memory (no query per request), and after its listening connection is
 * cut the other reads the version from the database until it listens again.
 */
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { createLogger } from '../log.js';
import { createTempDb, describeEngines, type TempDb } from '../test/support/temp-db.js';
import { waitFor } from '../test/support/wait-for.js';
import { ensureAgent } from './agents.js';
import { dataVersionSource, readDataVersion } from './data-version.js';
import { type Db, openDatabase } from './db.js';
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

    const addAgent = (db: Db, id: string) =>
      ensureAgent(db, { platform: 'local', platformUserId: id, displayName: id, mairie: '11e' });

    it('follows writes made through another instance from memory', async () => {
      temp = await createTempDb({ engine });
      other = openDatabase(temp.location, { poolSize: 2 });
      listener = listenForNotifications(temp.location, createLogger('test'));
      const source = dataVersionSource(other, listener);
      await waitFor('the listener', () => listener!.connected());
      const v0 = await waitFor(
        'the version in memory',
        async () => (await source.current()) === (await readDataVersion(temp.db)),
      );
      expect(v0).toBe(true);
      // From here on the other instance's pool is gone: the version can only come from memory.
      await other.destroy();
      const before = await source.current();
      await addAgent(temp.db, 'camille');
      const after = await readDataVersion(temp.db);
      expect(after).not.toBe(before);
      await waitFor('the notified version', async () => (await source.current()) === after, 2000, 5);
    });

    it('reads the database while its listening connection is down, then listens again', async () => {
      temp = await createTempDb({ engine });
      listener = listenForNotifications(temp.location, createLogger('test'));
      const source = dataVersionSource(temp.db, listener);
      await waitFor('the listener', () => listener!.connected());
      const name = new URL(temp.location).pathname.slice(1);
      await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = ${name} AND query LIKE 'LISTEN%'`.execute(temp.db);
      await waitFor('the cut noticed', () => !listener!.connected());
      await addAgent(temp.db, 'karim');
      expect(await source.current()).toBe(await readDataVersion(temp.db));
      await waitFor('the listener back', () => listener!.connected(), 10_000);
      await addAgent(temp.db, 'lea');
      const latest = await readDataVersion(temp.db);
      await waitFor('the version after reconnection', async () => (await source.current()) === latest, 2000, 5);
    });
  },
  { onlyPostgres: true },
);
