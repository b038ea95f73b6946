/**
 * `/defis/<id>` uncached (what the page cache builds once per data version), at N synthetic
 * bricolages: a copy of `data-bench/<N>/` gets a défi over the last 30 days of its history with
 * every bricolage published then linked (adoptions, likes and comments as the seed made them), then
 * the real gallery router is asked for the page over HTTP on 127.0.0.1 with a query that defeats the
 * cache, alternating with the scoreboard alone in storage and, as a baseline, the gallery's first
 * list page uncached. Target: under 20 ms.
 * Options: --bricolages N (10000), --runs (60).
 */
import fs from 'node:fs';
import http, { type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { loadConfig } from '../config.js';
import { createGallery } from '../gallery/index.js';
import { challengeScoreboard, getChallenge, linkBricolageToChallenge, openChallenge } from '../storage/challenges.js';
import { migrate, openDatabase } from '../storage/db.js';
import { numberArg, percentile, sqliteOnly, syntheticDatabase } from './common.js';

const BRICOLAGES = numberArg('bricolages', 10_000);
const RUNS = numberArg('runs', 60);
const DAY = 86_400_000;
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

/** One GET over a kept-alive connection, the body read whole (node:http, as a browser would get the page). */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      })
      .on('error', reject);
  });
}

async function main(): Promise<void> {
  sqliteOnly('challenges');
  const source = await syntheticDatabase(BRICOLAGES);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-defis-'));
  const file = path.join(dir, 'bricoleur.sqlite');
  fs.copyFileSync(source.file, file);
  const db = openDatabase(file);
  await migrate(db);
  try {
    const last = await db
      .selectFrom('bricolages')
      .select((eb) => eb.fn.max('published_at').as('at'))
      .executeTakeFirstOrThrow();
    const end = Date.parse(String(last.at)) + DAY;
    const from = new Date(end - 31 * DAY).toISOString();
    const author = await db.selectFrom('agents').select('id').limit(1).executeTakeFirstOrThrow();
    const id = await openChallenge(db, {
      title: 'Défi du mois',
      description: 'd',
      endsAt: new Date(end).toISOString(),
      openedBy: author.id,
      at: from,
    });
    const window = await db
      .selectFrom('bricolages')
      .select('id')
      .where('status', '=', 'published')
      .where('published_at', '>=', from)
      .execute();
    await db.transaction().execute(async (trx) => {
      for (const b of window)
        await linkBricolageToChallenge(trx, { challengeId: id, bricolageId: b.id, linkedBy: author.id, at: from });
    });
    const challenge = (await getChallenge(db, id))!;
    const board = await challengeScoreboard(db, challenge);
    console.log(`${BRICOLAGES} bricolages; défi over the last 30 days: ${window.length} linked, ${board.length} mairies ranked`);

    const config = loadConfig({ DATA_DIR: dir, SEED_DEMO: 'false', PORT: '0', LOG_LEVEL: 'silent' });
    const app = express();
    app.use(createGallery({ db, config }));
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    let n = 0;
    const cases: [string, () => Promise<unknown>][] = [
      // The same machine's pace in the same run: the gallery's first list page, uncached too.
      ['baseline: /bricolages over HTTP, uncached', async () => (await get(`${base}/bricolages?n=${n++}`)).body],
      [
        '/defis/<id> over HTTP, uncached',
        async () => {
          const res = await get(`${base}/defis/${id}?n=${n++}`);
          if (res.status !== 200) throw new Error(`status ${res.status}`);
          return res.body;
        },
      ],
      ['/defis/<id>.json over HTTP, uncached', async () => (await get(`${base}/defis/${id}.json?n=${n++}`)).body],
      ['scoreboard alone in storage', () => challengeScoreboard(db, challenge)],
    ];
    const times = new Map<string, number[]>(cases.map(([name]) => [name, []]));
    for (const [, run] of cases) await run();
    for (let i = 0; i < RUNS; i++) {
      for (const [name, run] of cases) {
        const started = performance.now();
        await run();
        times.get(name)?.push(performance.now() - started);
      }
    }
    for (const [name] of cases) {
      const t = sorted(times.get(name) ?? []);
      console.log(
        `${name.padEnd(40)} median ${percentile(t, 50).toFixed(1).padStart(6)} ms  p90 ${percentile(t, 90).toFixed(1).padStart(6)} ms  p99 ${percentile(t, 99).toFixed(1).padStart(6)} ms (target < 20 ms)`,
      );
    }
    agent.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
