/**
 * `npm run seed -- --bricolages 10000 [--dir data-bench/10000]`: a fresh database filled with realistic
 * synthetic data for load tests — N bricolages (2 to 5 steps, a third with photos), 10 likes,
 * 3 comments and 0.4 adoptions per bricolage on average (popular ones get more), N/5 agents over the
 * 20 arrondissements and the Hôtel de Ville, a dozen featured. Everything goes through storage/ with
 * the gallery's triggers on, so counts and the search index are what real writes would leave (on
 * PostgreSQL, triggers off and the same tables rebuilt after: `seed-postgres.ts`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Insertable } from 'kysely';
import sharp from 'sharp';
import { DEFAULT_CATEGORIES } from '../config.js';
import { MAIRIE_SLUGS } from '../domain/mairies.js';
import { featureBricolages, insertRows, publishRange } from '../storage/bulk-load.js';
import { type Db, isPostgresUrl, migrate, openDatabase } from '../storage/db.js';
import { createLocalStore } from '../storage/media/local-store.js';
import { storePhoto } from '../storage/photos.js';
import type { Database } from '../storage/schema.js';
import { compactSearchIndex } from '../storage/search/search.js';
import { progressBar } from './progress.js';
import { rebuildGalleryTables, withoutTriggers } from './seed-postgres.js';
import * as text from './synthetic.js';
import { between, pick, seededRandom } from './synthetic.js';

const CATEGORIES = DEFAULT_CATEGORIES;
const MAIRIES = MAIRIE_SLUGS;
const EMOJIS = ['👍', '❤️', '🎉', '👏'];
const DAY = 86_400_000;
const BATCH = 1000;

export interface SeedOptions {
  bricolages: number;
  /** Photos go to `<dir>/media`; the SQLite file is `<dir>/bricoleur.sqlite` unless `location` says otherwise. */
  dir: string;
  /** A PostgreSQL URL of an empty database (the caller creates it), else the SQLite file, replaced. */
  location?: string;
  quiet?: boolean;
}

export interface SeedResult {
  /** The SQLite file or the PostgreSQL URL seeded. */
  databaseFile: string;
  mediaDir: string;
  counts: Record<string, number>;
  seconds: number;
}

export async function seedSynthetic(options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const databaseFile = options.location ?? path.join(options.dir, 'bricoleur.sqlite');
  const mediaDir = path.join(options.dir, 'media');
  if (!isPostgresUrl(databaseFile)) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databaseFile + suffix, { force: true });
  const db = openDatabase(databaseFile);
  await migrate(db);
  const random = seededRandom(20261129);
  const n = options.bricolages;
  const counts = {
    agents: Math.max(20, Math.round(n / 5)),
    bricolages: n,
    likes: n * 10,
    comments: n * 3,
    adoptions: Math.round(n * 0.4),
  };
  const bar = (label: string, total: number) =>
    options.quiet ? { tick: (_: number) => {}, end: () => {} } : progressBar(label, total);

  const photos = await demoPhotos(db, mediaDir);
  const now = Date.now();
  // Publication dates spread over two years, in id order.
  const publishedAt = (id: number) => new Date(now - 730 * DAY + Math.floor(((id - 1) / n) * 729 * DAY) + (id % 17) * 3_600_000);

  const agents: Insertable<Database['agents']>[] = Array.from({ length: counts.agents }, (_, i) => ({
    id: i + 1,
    platform: 'seed',
    platform_user_id: `seed-${i + 1}`,
    display_name: text.personName(random),
    mairie: MAIRIES[i % MAIRIES.length],
    created_at: new Date(now - 800 * DAY).toISOString(),
  }));
  await db.transaction().execute(async (trx) => {
    await withoutTriggers(trx);
    await insertRows(trx, 'agents', agents);
  });

  const authors: number[] = [];
  const progress = bar('bricolages', n);
  let stepId = 0;
  for (let from = 1; from <= n; from += BATCH) {
    const to = Math.min(n, from + BATCH - 1);
    const rows: Insertable<Database['bricolages']>[] = [];
    const steps: Insertable<Database['steps']>[] = [];
    const stepPhotos: Insertable<Database['step_photos']>[] = [];
    for (let id = from; id <= to; id++) {
      // A few prolific authors, many occasional ones.
      const author = 1 + Math.floor(random() ** 2 * counts.agents);
      authors[id] = author;
      const at = publishedAt(id).toISOString();
      rows.push({
        id,
        author_id: author,
        title: text.title(random),
        problem: text.problem(random),
        category: pick(random, CATEGORIES),
        status: 'draft',
        created_at: at,
        published_at: at,
        updated_at: at,
      });
      const withPhotos = random() < 0.35;
      for (let position = 1, count = between(random, 2, 5); position <= count; position++) {
        stepId++;
        steps.push({ id: stepId, bricolage_id: id, position, text: text.step(random) });
        if (withPhotos && (position === 1 || random() < 0.3))
          stepPhotos.push({ step_id: stepId, photo_hash: pick(random, photos), position: 0 });
      }
    }
    await db.transaction().execute(async (trx) => {
      await withoutTriggers(trx);
      await insertRows(trx, 'bricolages', rows);
      await insertRows(trx, 'steps', steps);
      await insertRows(trx, 'step_photos', stepPhotos);
      await publishRange(trx, from, to);
    });
    progress.tick(to);
  }
  progress.end();

  /** Popular bricolages get more of everything: a skewed pick. */
  const popularId = () => 1 + Math.floor(random() ** 1.7 * n);
  const dateAfter = (id: number) =>
    new Date(Math.min(now - 60_000, publishedAt(id).getTime() + random() * 60 * DAY)).toISOString();
  const otherAgent = (id: number) => {
    const agent = 1 + Math.floor(random() * counts.agents);
    return agent === authors[id] ? (agent % counts.agents) + 1 : agent;
  };

  await fill(bar('likes', counts.likes), counts.likes, async (size) => {
    const likes: Insertable<Database['likes']>[] = [];
    for (let i = 0; i < size; i++) {
      const id = n - popularId() + 1;
      likes.push({ bricolage_id: id, agent_id: otherAgent(id), emoji: pick(random, EMOJIS), created_at: dateAfter(id) });
    }
    await db.transaction().execute(async (trx) => {
      await withoutTriggers(trx);
      await insertRows(trx, 'likes', likes, { ignoreDuplicates: true });
    });
  });
  await fill(bar('comments', counts.comments), counts.comments, async (size) => {
    const comments: Insertable<Database['comments']>[] = [];
    for (let i = 0; i < size; i++) {
      const id = n - popularId() + 1;
      const author = random() < 0.15 ? authors[id] : otherAgent(id);
      comments.push({
        bricolage_id: id,
        author_id: author,
        text: text.comment(random),
        status: random() < 0.02 ? 'hidden' : 'visible',
        created_at: dateAfter(id),
      });
    }
    await db.transaction().execute(async (trx) => {
      await withoutTriggers(trx);
      await insertRows(trx, 'comments', comments);
    });
  });
  await fill(bar('adoptions', counts.adoptions), counts.adoptions, async (size) => {
    const adoptions: Insertable<Database['adoptions']>[] = [];
    for (let i = 0; i < size; i++) {
      const id = n - popularId() + 1;
      const agent = otherAgent(id);
      adoptions.push({
        bricolage_id: id,
        agent_id: agent,
        mairie: MAIRIES[(agent - 1) % MAIRIES.length],
        feedback: text.feedback(random),
        created_at: dateAfter(id),
      });
    }
    await db.transaction().execute(async (trx) => {
      await withoutTriggers(trx);
      await insertRows(trx, 'adoptions', adoptions, { ignoreDuplicates: true });
    });
  });
  await featureBricolages(
    db,
    Array.from({ length: Math.min(12, n) }, () => n - popularId() + 1),
  );
  await rebuildGalleryTables(db);
  // Loaded in a hundred transactions, the search index is as many segments merged into a dozen; one
  // segment is how a long-lived index reads best (the nightly job keeps it so, see main.ts).
  await compactSearchIndex(db);
  await db.destroy();
  return { databaseFile, mediaDir, counts, seconds: (performance.now() - started) / 1000 };
}

async function fill(progress: { tick(done: number): void; end(): void }, total: number, batch: (size: number) => Promise<void>) {
  for (let done = 0; done < total; done += 10_000) {
    await batch(Math.min(10_000, total - done));
    progress.tick(Math.min(total, done + 10_000));
  }
  progress.end();
}

/** A few generated illustrations stored like real photos (WebP renditions), reused across steps. */
async function demoPhotos(db: Db, mediaDir: string): Promise<string[]> {
  const colours = ['#2f6fb0', '#2e8b6e', '#d9792b', '#6b4fa0', '#c0453a', '#1f8a9e'];
  const hashes: string[] = [];
  for (const [i, colour] of colours.entries()) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800"><rect width="1200" height="800" fill="${colour}"/><circle cx="${300 + i * 100}" cy="400" r="220" fill="#fff" opacity="0.35"/><rect x="620" y="220" width="360" height="360" rx="40" fill="#fff" opacity="0.5"/></svg>`;
    const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 2 }).toBuffer();
    const stored = await storePhoto(db, createLocalStore(mediaDir), png, 20_000_000);
    if (stored.ok) hashes.push(stored.photo.hash);
  }
  return hashes;
}

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const bricolages = Number.parseInt(argument('bricolages', '10000'), 10);
  if (!Number.isInteger(bricolages) || bricolages < 1 || bricolages > 1_000_000) {
    console.error('--bricolages takes a number between 1 and 1,000,000');
    process.exit(2);
  }
  // The gallery benchmark looks for data-bench/<N>/, so a seeded database is reused by `npm run bench`.
  const dir = path.resolve(argument('dir', path.join('data-bench', String(bricolages))));
  seedSynthetic({ bricolages, dir }).then(
    (result) => {
      console.log(`Seeded ${result.databaseFile} in ${result.seconds.toFixed(1)} s:`, result.counts);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
