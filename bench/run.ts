/**
 * `npm run bench`: runs every `bench/*.bench.ts` (compiled to `dist/bench/*.bench.js`) one after the
 * other, each in its own Node process so that one benchmark's memory does not weigh on the next.
 * Arguments after `--` are passed to each (e.g. `npm run bench -- --bricolages 100000`); give
 * `--only <name>` to run one file.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const here = import.meta.dirname;
const args = process.argv.slice(2);
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;
const passed = onlyIndex >= 0 ? args.filter((_, i) => i !== onlyIndex && i !== onlyIndex + 1) : args;
const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => !only || f === `${only}.bench.js`)
  .sort();
if (files.length === 0) {
  console.error(only ? `No benchmark named ${only}.` : 'No benchmark found.');
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file.replace(/\.bench\.js$/, '')} ===`);
  const result = spawnSync(process.execPath, ['--expose-gc', path.join(here, file), ...passed], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
