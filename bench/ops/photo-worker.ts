/**
 * One photo through the real pipeline (`storePhoto`: decode, orient, re-encode three widths), in a
 * fresh process so its peak RSS is the pipeline's. Prints JSON: milliseconds and peak RSS in MB.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, openDatabase } from '../../storage/db.js';
import { createLocalStore } from '../../storage/media/local-store.js';
import { storePhoto } from '../../storage/photos.js';

const [input] = process.argv.slice(2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bricoleur-photo-bench-'));
const db = openDatabase(path.join(dir, 'bench.sqlite'));
await migrate(db);
const beforeMb = process.memoryUsage.rss() / 1e6;
const bytes = fs.readFileSync(input);
const started = performance.now();
const result = await storePhoto(db, createLocalStore(path.join(dir, 'media')), bytes, 30 * 1024 * 1024);
const ms = performance.now() - started;
await db.destroy();
fs.rmSync(dir, { recursive: true, force: true });
// VmHWM, not resourceUsage().maxRSS: the latter survives exec, so it would report the RSS of the
// benchmark process this worker was forked from.
const hwmKb = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1]);
const peakRssMb = Number.isFinite(hwmKb) ? hwmKb / 1024 : process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ ok: result.ok, ms, beforeMb, peakRssMb }));
