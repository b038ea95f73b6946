/**
 * Leaderboards and points at the gallery's target scale (10,000 bricolages, 100,000 likes), on a
 * temporary SQLite file: prints each query's median time and its ratio to a bare baseline (one
 * full scan of the likes) measured in the same run. Figures only: nothing is asserted.
 * Run: npm run bench:leaderboard
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { MAIRIE_SLUGS } from '../dist/domain/mairies.js';
import { loadDashboard } from '../dist/storage/dashboard.js';
import { migrate, openDatabase } from '../dist/storage/db.js';
import { agentLeaderboard, agentsWithFactsSince, loadAgentFacts, mairieLeaderboard } from '../dist/storage/points.js';

const AGENTS = 1_000;
const BRICOLAGES = 10_000;
const LIKES = 100_000;
const COMMENTS = 30_000;
const ADOPTIONS = 5_000;

let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = (n) => 1 + Math.floor(random() * n);
const now = Date.now();
const past = () => new Date(now - Math.floor(random() * 365 * 86_400_000)).toISOString();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-leaderboard-'));
const db = openDatabase(path.join(dir, 'bench.sqlite'));
await migrate(db);

console.log(`Filling: ${AGENTS} agents, ${BRICOLAGES} bricolages, ${LIKES} likes, ${COMMENTS} comments, ${ADOPTIONS} adoptions…`);
await db.transaction().execute(async (trx) => {
  for (let i = 1; i <= AGENTS; i++) {
    await sql`insert into agents (platform, platform_user_id, display_name, mairie, created_at)
              values ('local', ${`a${i}`}, ${`Agent ${i}`}, ${MAIRIE_SLUGS[i % MAIRIE_SLUGS.length]}, ${past()})`.execute(trx);
  }
  for (let i = 1; i <= BRICOLAGES; i++) {
    const at = past();
    await sql`insert into bricolages (author_id, title, problem, category, status, created_at, published_at, updated_at)
              values (${pick(AGENTS)}, ${`B${i}`}, 'p', 'Autre', 'published', ${at}, ${at}, ${at})`.execute(trx);
  }
  for (let i = 0; i < LIKES; i++) {
    await sql`insert or ignore into likes (bricolage_id, agent_id, emoji, created_at)
              values (${pick(BRICOLAGES)}, ${pick(AGENTS)}, '👍', ${past()})`.execute(trx);
  }
  for (let i = 0; i < COMMENTS; i++) {
    await sql`insert into comments (bricolage_id, author_id, text, status, created_at)
              values (${pick(BRICOLAGES)}, ${pick(AGENTS)}, 'c', 'visible', ${past()})`.execute(trx);
  }
  for (let i = 0; i < ADOPTIONS; i++) {
    const agent = pick(AGENTS);
    await sql`insert or ignore into adoptions (bricolage_id, agent_id, mairie, feedback, created_at)
              values (${pick(BRICOLAGES)}, ${agent}, ${MAIRIE_SLUGS[agent % MAIRIE_SLUGS.length]}, ${random() < 0.5 ? 'ok' : null}, ${past()})`.execute(
      trx,
    );
  }
});
await sql`analyze`.execute(db);

async function median(run, times = 7) {
  const durations = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await run();
    durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  return durations[Math.floor(times / 2)];
}

const baseline = await median(() => sql`select sum(length(emoji)) from likes`.execute(db));
const rows = [
  ['agent leaderboard, all time, page 1', () => agentLeaderboard(db, { period: 'all' })],
  ['agent leaderboard, all time, page 10', () => agentLeaderboard(db, { period: 'all', page: 10 })],
  ['agent leaderboard, last 30 days', () => agentLeaderboard(db, { period: 'month' })],
  ['agent leaderboard, last 7 days', () => agentLeaderboard(db, { period: 'week' })],
  ['mairie leaderboard, all time', () => mairieLeaderboard(db, { period: 'all' })],
  ['one agent’s facts (profile)', () => loadAgentFacts(db, 7)],
  ['agents with new facts in the last minute', () => agentsWithFactsSince(db, new Date(now - 60_000).toISOString())],
  ['animateur dashboard', () => loadDashboard(db)],
];
console.log(`\nbaseline (one full scan of the likes): ${baseline.toFixed(2)} ms`);
for (const [name, run] of rows) {
  const ms = await median(run);
  console.log(`${name.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms   ×${(ms / baseline).toFixed(1)} baseline`);
}
await db.destroy();
if (process.env.KEEP_BENCH_DB) console.log(`kept ${dir}`);
else fs.rmSync(dir, { recursive: true, force: true });
