import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempDb, type TempDb } from '../test/support/temp-db.js';
import { checkpointWal, createInboxWriter, takeOverCheckpoints } from './inbox.js';

describe('WAL checkpoints taken over by the processing loop', () => {
  let temp: TempDb;
  afterEach(async () => temp?.cleanup());

  const store = async (count: number, from = 0) => {
    const writer = createInboxWriter(temp.db);
    // Separate commits, as under a burst: each appends to the log.
    for (let i = from; i < from + count; i += 10) {
      await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          writer.record({ platform: 'slack', eventId: `Ev${i + j}`, padding: 'x'.repeat(2000) } as never),
        ),
      );
    }
  };

  it('lets the log grow during a burst, then copies it into the database on demand, losing nothing', async () => {
    temp = await createTempDb();
    await takeOverCheckpoints(temp.db);
    await store(3000);
    // Without the automatic checkpoint (every 1,000 pages), the log holds the whole burst.
    const pages = await checkpointWal(temp.db);
    expect(pages).toBeGreaterThan(1000);
    expect(fs.statSync(`${temp.file}-wal`).size).toBeGreaterThan(1000 * 4096);
    const rows = await temp.db
      .selectFrom('inbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    expect(Number(rows?.n)).toBe(3000);
  });
});
