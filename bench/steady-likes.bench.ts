/**
 * The home page under a steady trickle of likes: the real server (its own process, as `npm start`
 * runs it, on `benchDatabase(engine, N)`) is loaded on `/` by `wrk --latency` (2 threads,
 * 8 connections; autocannon when wrk is missing) while this process adds 20 likes per second, evenly
 * spaced, through storage's real like write (`addReaction`) on its own connection, so the gallery's
 * triggers (and NOTIFY on PostgreSQL) fire and every like makes the cached home page stale. The same
 * run measures the real server without likes, and a bare `node:http` server sending the same bytes.
 * Options: --engine sqlite|postgres|both (sqlite), --bricolages N (10000), --duration seconds per
 * run (10), --likes per second (20). Target: home p99 < 10 ms with likes, on both engines.
 */
import os from 'node:os';
import { type Db, openDatabase } from '../storage/db.js';
import { addReaction } from '../storage/engagement.js';
import { type BenchEngine, benchDatabase, engineArg, numberArg } from './common.js';
import { type Figures, loadGenerator } from './load.js';
import { startBareServer, startRealServer, stopServer } from './servers.js';

const BRICOLAGES = numberArg('bricolages', 10_000);
const DURATION = numberArg('duration', 10);
const LIKES_PER_SECOND = numberArg('likes', 20);
const CONNECTIONS = 8;
const generator = loadGenerator();

const load = (url: string, seconds = DURATION) => generator.load(url, { connections: CONNECTIONS, duration: seconds });

/**
 * Adds `perSecond` likes per second, evenly spaced on a fixed schedule (a late like does not shift
 * the next ones), each from another agent on another bricolage: one new row each time, so the
 * triggers fire. Returns a stop function resolving to how many were written and in how long.
 */
function likeWriter(db: Db, perSecond: number, bricolages: number, agents: number) {
  const interval = 1000 / perSecond;
  const started = performance.now();
  let written = 0;
  let stopped = false;
  let slowest = 0;
  const done = (async () => {
    for (let i = 0; !stopped; i++) {
      const wait = started + i * interval - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (stopped) break;
      // Strides coprime with the counts: pairs not seeded before (but for a rare collision, ignored by the unique key).
      const bricolage = 1 + ((Date.now() + i * 7919) % bricolages);
      const agent = 1 + ((i * 104_729) % agents);
      const t = performance.now();
      await addReaction(db, bricolage, agent, '👍');
      slowest = Math.max(slowest, performance.now() - t);
      written++;
    }
  })();
  return async () => {
    stopped = true;
    await done;
    return { written, seconds: (performance.now() - started) / 1000, slowest };
  };
}

const row = (label: string, f: Figures) =>
  `  ${label.padEnd(26)} ${f.rps.toFixed(0).padStart(8)} ${f.p50.toFixed(2).padStart(8)} ${f.p99.toFixed(2).padStart(8)}`;

async function measure(engine: BenchEngine): Promise<Figures> {
  const data = await benchDatabase(engine, BRICOLAGES);
  const real = await startRealServer(data);
  const realBase = real.base;
  let bare: Awaited<ReturnType<typeof startBareServer>> | undefined;
  const writerDb = openDatabase(data.location, { poolSize: 1 });
  try {
    bare = await startBareServer(real, ['/']);
    const home = await fetch(`${realBase}/`);
    const bytes = (await home.arrayBuffer()).byteLength;

    const counts = await writerDb
      .selectFrom('agents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const agents = Number(counts.n);

    await load(`${realBase}/`, 2); // warm-up: JIT, prepared statements, the page cache
    const quiet = await load(`${realBase}/`);
    const stop = likeWriter(writerDb, LIKES_PER_SECOND, BRICOLAGES, agents);
    const liked = await load(`${realBase}/`);
    const writes = await stop();
    const bareFigures = await load(`${bare.base}/`);

    console.log(`\n${engine}: ${BRICOLAGES} bricolages, home page ${bytes} bytes`);
    console.log(`  ${''.padEnd(26)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
    console.log(row('real, no likes', quiet));
    console.log(row(`real, ${LIKES_PER_SECOND} likes/s`, liked));
    console.log(row('bare, same bytes', bareFigures));
    console.log(
      `  likes written: ${writes.written} in ${writes.seconds.toFixed(1)} s (${(writes.written / writes.seconds).toFixed(1)}/s, slowest write ${writes.slowest.toFixed(1)} ms)`,
    );
    return liked;
  } finally {
    await writerDb.destroy();
    await Promise.all([stopServer(real.process), bare?.stop()]);
  }
}

async function main(): Promise<void> {
  const engines = engineArg();
  console.log(
    `load: ${generator.name}, ${CONNECTIONS} connections, ${DURATION} s per run; ` +
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
  const results: [BenchEngine, Figures][] = [];
  for (const engine of engines) results.push([engine, await measure(engine)]);
  console.log(
    `\nTarget: home p99 < 10 ms under ${LIKES_PER_SECOND} likes/s — ${results
      .map(([engine, f]) => `${engine} ${f.p99.toFixed(2)} ms ${f.p99 < 10 ? 'met' : 'NOT met'}`)
      .join(', ')}.`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
