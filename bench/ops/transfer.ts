/**
 * `node --no-warnings --import ./scripts/ts-hooks.mjs bench/ops/transfer.ts [--bricolages 10000]`:
 * how long `npm run export` and `npm run import` take on the synthetic database (seeded once into
 * `data-bench/<N>/`), the archive's size, and the peak RSS, so an operator knows how long an import
 * holds its one write transaction. Imports into a fresh folder, removed afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config.js';
import { exportTo, importFrom } from '../../ops/archive.js';
import { migrate, openDatabase } from '../../storage/db.js';
import { numberArg, syntheticDatabase } from '../common.js';

const bricolages = numberArg('bricolages', 10_000);
const source = await syntheticDatabase(bricolages);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bricoleur-transfer-bench-'));
let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage.rss());
}, 50);
try {
  const from = loadConfig({ DATA_DIR: source.dir, SEED_DEMO: 'false' });
  const db = openDatabase(from.databaseFile);
  await migrate(db);
  let t = performance.now();
  const archive = await exportTo(db, from, path.join(work, 'export.tar.gz'));
  const exportSeconds = (performance.now() - t) / 1000;
  await db.destroy();

  const to = loadConfig({ DATA_DIR: path.join(work, 'target'), SEED_DEMO: 'false' });
  const target = openDatabase(to.databaseFile);
  await migrate(target);
  t = performance.now();
  const summary = await importFrom(target, to, archive);
  const importSeconds = (performance.now() - t) / 1000;
  await target.destroy();

  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  console.log(`transfer, ${bricolages} bricolages (load ${os.loadavg()[0].toFixed(2)}):`);
  console.log(`  export  ${exportSeconds.toFixed(1)} s, archive ${mb(fs.statSync(archive).size)} MB`);
  console.log(
    `  import  ${importSeconds.toFixed(1)} s (checked, then written in 0.1 s transactions): ${summary.counts.bricolages.added} bricolages, ${summary.counts.likes.added} likes, ${summary.counts.comments.added} comments, ${summary.counts.photos.added} photos`,
  );
  console.log(`  peak RSS ${mb(peak)} MB`);
} finally {
  clearInterval(sampler);
  fs.rmSync(work, { recursive: true, force: true });
}
