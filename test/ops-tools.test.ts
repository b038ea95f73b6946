/**
 * The operations tools on real files: an online backup taken while the server writes, restored into
 * a fresh folder; an export imported elsewhere and exported again (the same records), imported twice
 * (nothing added); retention; `/healthz` and `/metrics` on the real server.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { backupTo, exportTo, importFrom, restoreFrom } from '../ops/archive.js';
import { pruneRetention } from '../ops/retention.js';
import { ensureAgent } from '../storage/agents.js';
import { migrate, openDatabase } from '../storage/db.js';
import { markProcessed, recordFailure, recordInbound } from '../storage/inbox.js';
import { savePending } from '../storage/pending.js';
import { exportRecords, IMPORT_KINDS, type ImportSummary } from '../storage/transfer/transfer.js';
import { bootApp, type TestApp } from './support/app.js';
import { mediaDirOf } from './support/media.js';
import { postgresNotYet, tempDir } from './support/temp-db.js';

postgresNotYet(
  'operations tools',
  'SQLite backup, restore and export; pg_dump backups are tested in test/postgres-ops.test.ts, export/import across engines is issue 18 step 5',
);

let app: TestApp;

beforeAll(async () => {
  app = await bootApp({ SEED_DEMO: 'true', LOCAL_CHAT: 'true' });
});
afterAll(async () => {
  await app?.close();
});

async function records(db: Parameters<typeof exportRecords>[0]) {
  const out = [];
  for await (const r of exportRecords(db)) if (r.type !== 'header') out.push(r);
  return out;
}

/** Rows added per kind by one import. */
const addedCounts = (summary: ImportSummary) => Object.fromEntries(IMPORT_KINDS.map((k) => [k, summary.counts[k].added]));
const nothing = Object.fromEntries(IMPORT_KINDS.map((k) => [k, 0]));

async function count(db: ReturnType<typeof openDatabase>, table: 'bricolages' | 'likes' | 'comments' | 'photos') {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('backup and restore', () => {
  it('takes a consistent backup while the server writes, and restores it with its media', async () => {
    const before = await count(app.db, 'bricolages');
    expect(before).toBeGreaterThan(0);
    // Local chat writes keep going while the backup runs.
    let writing = true;
    const writer = (async () => {
      let i = 0;
      while (writing) {
        await fetch(`${app.url}/chat/api/messages`, {
          method: 'POST',
          headers: { 'X-Local-Chat': '1', 'content-type': 'application/json' },
          body: JSON.stringify({ as: 'camille', channel: 'communaute', text: `Pendant la sauvegarde ${i++}` }),
        });
      }
    })();
    // A local chat upload (kept as its own file) goes along with the media.
    const upload = 'c'.repeat(32);
    fs.mkdirSync(path.join(app.config.dataDir, 'uploads'), { recursive: true });
    fs.writeFileSync(path.join(app.config.dataDir, 'uploads', upload), 'photo bytes');
    const file = await backupTo(app.config);
    writing = false;
    await writer;
    expect(path.basename(file)).toMatch(/^bricoleur-\d{4}-\d{2}-\d{2}T.*\.tar$/);

    const target = tempDir('bricoleur-restore-');
    try {
      const config = loadConfig({ DATA_DIR: target.dir, SEED_DEMO: 'false' });
      await restoreFrom(config, file);
      const db = openDatabase(config.databaseFile);
      try {
        expect(await count(db, 'bricolages')).toBe(before);
        const photos = await db.selectFrom('photos').select(['hash', 'widths']).execute();
        expect(photos.length).toBeGreaterThan(0);
        for (const p of photos) {
          for (const w of JSON.parse(p.widths) as number[])
            expect(fs.existsSync(path.join(mediaDirOf(config), `${p.hash}-${w}.webp`))).toBe(true);
          // The chat cards' JPEG too.
          expect(fs.existsSync(path.join(mediaDirOf(config), `${p.hash}-card.jpg`))).toBe(true);
        }
        expect(fs.readFileSync(path.join(config.dataDir, 'uploads', upload), 'utf8')).toBe('photo bytes');
      } finally {
        await db.destroy();
      }
    } finally {
      target.remove();
    }
  });

  it('refuses to restore under a running server', async () => {
    const file = await backupTo(app.config);
    await expect(restoreFrom(app.config, file)).rejects.toThrow(/stop it first/);
  });
});

describe('export and import', () => {
  it('round-trips exactly, and importing twice adds nothing', async () => {
    const archive = await exportTo(app.db, app.config);
    const original = await records(app.db);
    expect(original.filter((r) => r.type === 'bricolage').length).toBeGreaterThan(0);

    const other = tempDir('bricoleur-import-');
    try {
      const config = loadConfig({ DATA_DIR: other.dir, SEED_DEMO: 'false' });
      const db = openDatabase(config.databaseFile);
      await migrate(db);
      try {
        const first = await importFrom(db, config, archive, { withAnimators: true });
        expect(first.counts.bricolages.added).toBe(original.filter((r) => r.type === 'bricolage').length);
        expect(await records(db)).toEqual(original);
        const second = await importFrom(db, config, archive);
        expect(addedCounts(second)).toEqual(nothing);
        expect(await records(db)).toEqual(original);
        // The photos came along.
        for (const r of original) {
          if (r.type !== 'photo') continue;
          expect(fs.existsSync(path.join(mediaDirOf(config), `${r.hash}-${r.widths[0]}.webp`))).toBe(true);
          expect(fs.existsSync(path.join(mediaDirOf(config), `${r.hash}-card.jpg`))).toBe(true);
        }
        // An export of the imported copy brought back to the first instance adds nothing either.
        const back = await exportTo(db, config);
        expect(addedCounts(await importFrom(app.db, app.config, back))).toEqual(nothing);
      } finally {
        await db.destroy();
      }
    } finally {
      other.remove();
    }
  });
});

describe('retention', () => {
  it('prunes old processed inbox rows, orphan uploads, orphan media files and expired questions, keeps the rest', async () => {
    const dir = tempDir();
    try {
      const config = loadConfig({ DATA_DIR: dir.dir, SEED_DEMO: 'false', RETENTION_DAYS: '30' });
      const db = openDatabase(config.databaseFile);
      await migrate(db);
      try {
        const old = (await recordInbound(db, { platform: 'local', eventId: 'old' }))!;
        const recent = (await recordInbound(db, { platform: 'local', eventId: 'recent' }))!;
        const aside = (await recordInbound(db, { platform: 'local', eventId: 'aside' }))!;
        await markProcessed(db, old);
        await markProcessed(db, recent);
        await recordFailure(db, aside, 'boom', { maxAttempts: 1, backoffMs: () => 0 });
        const longAgo = new Date(Date.now() - 40 * 86_400_000).toISOString();
        await db.updateTable('inbox').set({ received_at: longAgo }).where('id', 'in', [old, aside]).execute();

        const uploads = path.join(dir.dir, 'uploads');
        fs.mkdirSync(uploads);
        const orphan = 'a'.repeat(32);
        const shown = 'b'.repeat(32);
        for (const name of [orphan, shown]) {
          fs.writeFileSync(path.join(uploads, name), 'x');
          fs.utimesSync(path.join(uploads, name), new Date(longAgo), new Date(longAgo));
        }
        await db
          .insertInto('local_messages')
          .values({
            channel_id: 'communaute',
            author_id: 'camille',
            text: '',
            extra: JSON.stringify({ photos: [{ id: shown, name: 'p.png' }] }),
            created_at: longAgo,
          })
          .execute();

        // One question expired a minute ago, one still waiting.
        const ask = async (user: string, ttlMs: number) => {
          const agent = await ensureAgent(db, { platform: 'local', platformUserId: user, displayName: user });
          await savePending(
            db,
            agent.id,
            { kind: 'confirm', state: { version: 1, kind: 'forgetChoice' }, ttlMs },
            new Date(Date.now() - 60_000),
          );
        };
        await ask('camille', 30_000);
        await ask('karim', 3_600_000);

        // Media files: one no photo names, two days old (a crash between file and row); one as
        // orphan but written just now (its row may be coming); one of a stored photo.
        const media = mediaDirOf(config);
        fs.mkdirSync(media, { recursive: true });
        const [lost, fresh, kept] = ['c', 'd', 'e'].map((c) => `${c.repeat(64)}-400.webp`);
        for (const name of [lost, fresh, kept]) fs.writeFileSync(path.join(media, name), 'x');
        const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
        for (const name of [lost, kept]) fs.utimesSync(path.join(media, name), twoDaysAgo, twoDaysAgo);
        await db
          .insertInto('photos')
          .values({ hash: 'e'.repeat(64), width: 400, height: 300, widths: '[400]', created_at: twoDaysAgo.toISOString() })
          .execute();

        expect(await pruneRetention(db, config)).toEqual({ inboxRows: 1, uploads: 1, pendingQuestions: 1, orphanMedia: 1 });
        expect(fs.readdirSync(media).sort()).toEqual([fresh, kept]);
        expect(await db.selectFrom('pending_questions').select('agent_id').execute()).toHaveLength(1);
        const left = await db.selectFrom('inbox').select('event_id').orderBy('id').execute();
        expect(left.map((r) => r.event_id)).toEqual(['recent', 'aside']);
        expect(fs.readdirSync(uploads)).toEqual([shown]);
      } finally {
        await db.destroy();
      }
    } finally {
      dir.remove();
    }
  });
});

describe('the media route', () => {
  it('serves only regular files inside the media folder, once links are resolved', async () => {
    const photo = await app.db.selectFrom('photos').select(['hash', 'widths']).executeTakeFirstOrThrow();
    const real = `${photo.hash}-${(JSON.parse(photo.widths) as number[])[0]}.webp`;
    const served = await fetch(`${app.url}/media/${real}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');

    const media = mediaDirOf(app.config);
    const name = (seed: string) => `${crypto.createHash('sha256').update(seed).digest('hex')}-400.webp`;
    fs.writeFileSync(path.join(app.config.dataDir, 'secret.txt'), 'top secret');
    const links: [string, string][] = [
      [name('db'), '../bricoleur.sqlite'],
      [name('abs'), path.join(app.config.dataDir, 'secret.txt')],
      // A chain, each link lexically inside the folder, the last one out of it.
      [name('chain1'), name('chain2')],
      [name('chain2'), '../secret.txt'],
    ];
    for (const [from, to] of links) fs.symlinkSync(to, path.join(media, from));
    fs.mkdirSync(path.join(media, name('folder')));
    try {
      for (const file of [name('db'), name('abs'), name('chain1'), name('chain2'), name('folder')]) {
        const response = await fetch(`${app.url}/media/${file}`);
        expect(response.status, file).toBe(404);
        const body = await response.text();
        expect(body).not.toContain('SQLite format 3');
        expect(body).not.toContain('top secret');
      }
    } finally {
      for (const [from] of links) fs.rmSync(path.join(media, from));
      fs.rmSync(path.join(media, name('folder')), { recursive: true });
    }
  });
});

describe('health and metrics', () => {
  it('/healthz checks the database and the media folder; /metrics speaks Prometheus', async () => {
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok', media: 'ok' });

    await fetch(`${app.url}/chat/api/messages`, {
      method: 'POST',
      headers: { 'X-Local-Chat': '1', 'content-type': 'application/json' },
      body: JSON.stringify({ as: 'camille', channel: 'dm:camille', text: 'aide' }),
    });
    await app.idle();
    const metrics = await fetch(`${app.url}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    expect(text).toMatch(/bricoleur_events_received_total\{platform="local"\} [1-9]/);
    expect(text).toMatch(/bricoleur_events_acknowledged_total\{platform="local",duplicate="false"\} [1-9]/);
    expect(text).toMatch(/bricoleur_events_processed_total\{platform="local"\} [1-9]/);
    expect(text).toMatch(/bricoleur_events_waiting \d+/);
    expect(text).toMatch(/bricoleur_http_request_duration_seconds_bucket\{[^}]*route="\/chat\/api\/messages"/);
    expect(text).toContain('process_resident_memory_bytes');

    // A media folder that cannot be written makes the check fail, without internals.
    const media = mediaDirOf(app.config);
    fs.renameSync(media, `${media}.away`);
    fs.writeFileSync(media, 'not a folder');
    try {
      const failing = await fetch(`${app.url}/healthz`);
      expect(failing.status).toBe(503);
      expect(await failing.json()).toEqual({ status: 'failing', database: 'ok', media: 'failing' });
    } finally {
      fs.rmSync(media);
      fs.renameSync(`${media}.away`, media);
    }
  });
});
