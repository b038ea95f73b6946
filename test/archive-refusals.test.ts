/**
 * Crafted archives against `npm run import` and `npm run restore`, on real files: what an archive
 * may hold is a whitelist (content.jsonl or the database, and regular files named like our photos
 * and uploads). Links, devices, paths that climb out, names we never write, oversized entries, a
 * decompression bomb and photo files that are not the image their name says are refused before
 * anything is written: the database and the media folder stay as they were, no staging folder is
 * left behind, and memory stays flat while a large archive streams.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../config.js';
import { importFrom, OpsError, restoreFrom } from '../ops/archive.js';
import { type Db, migrate, openDatabase } from '../storage/db.js';
import { EXPORT_FORMAT, ImportFormatError } from '../storage/transfer/transfer.js';
import { type CraftedEntry, craftTar } from './support/crafted-tar.js';
import { mediaDirOf } from './support/media.js';
import { tempDir } from './support/temp-db.js';

const MB = 1024 * 1024;
const hashOf = (seed: string) => crypto.createHash('sha256').update(seed).digest('hex');
const H = hashOf('photo');
const T = '2026-11-20T10:00:00.000Z';

let dir: { dir: string; remove(): void };
let config: Config;
let db: Db;

beforeEach(async () => {
  dir = tempDir('bricoleur-crafted-');
  // A 1 MB upload limit: a photo entry above it is refused, so bombs stay small in the test.
  config = loadConfig({ DATA_DIR: path.join(dir.dir, 'data'), SEED_DEMO: 'false', MAX_PHOTO_MB: '1' });
  db = openDatabase(config.databaseFile);
  await migrate(db);
});
afterEach(async () => {
  await db.destroy();
  dir.remove();
});

const webp = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#6a8' } })
    .webp()
    .toBuffer();

/** A valid export's content naming one photo `H` (400 × 300). */
const content = (): Buffer =>
  Buffer.from(
    `${[
      { type: 'header', format: EXPORT_FORMAT, version: 2, instance: 'other1', exportedAt: T },
      { type: 'photo', hash: H, width: 400, height: 300, widths: [400], createdAt: T },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n')}\n`,
  );

const exportOf = (entries: CraftedEntry[]) =>
  craftTar(path.join(dir.dir, `crafted-${crypto.randomBytes(4).toString('hex')}.tar.gz`), entries);

/** Staging folders (`.import-*`, `.restore-*`) and media files left in the data folder. */
function leftovers(): { staging: string[]; media: string[] } {
  const list = (d: string) => (fs.existsSync(d) ? fs.readdirSync(d) : []);
  return { staging: list(config.dataDir).filter((n) => n.startsWith('.')), media: list(mediaDirOf(config)) };
}

async function photoRows(): Promise<number> {
  return (await db.selectFrom('photos').select('hash').execute()).length;
}

async function refusedImport(file: string, message: RegExp, limits = {}): Promise<void> {
  const error = await importFrom(db, config, file, { limits }).catch((e: unknown) => e);
  expect(error instanceof OpsError || error instanceof ImportFormatError, String(error)).toBe(true);
  expect((error as Error).message).toMatch(message);
  expect(await photoRows()).toBe(0);
  expect(leftovers()).toEqual({ staging: [], media: [] });
}

describe('an export archive is a whitelist', () => {
  it('imports a well-formed crafted archive (the control)', async () => {
    const file = await exportOf([
      { path: 'content.jsonl', body: content() },
      { path: 'media/', type: 'Directory' },
      { path: `media/${H}-400.webp`, body: await webp(400, 300) },
    ]);
    const summary = await importFrom(db, config, file);
    expect(summary.counts.photos.added).toBe(1);
    // The chat cards' JPEG is made here from the checked WebP.
    expect(fs.readdirSync(mediaDirOf(config)).sort()).toEqual([`${H}-400.webp`, `${H}-card.jpg`]);
    expect(leftovers().staging).toEqual([]);
  });

  it('refuses links, devices, climbing paths and unknown names before writing anything', async () => {
    const name = `media/${H}-400.webp`;
    const cases: [CraftedEntry, RegExp][] = [
      // A relative target that stays inside the staging folder for tar, outside once moved.
      [{ path: name, type: 'SymbolicLink', linkpath: '../bricoleur.sqlite' }, /symbolic link/],
      [{ path: name, type: 'SymbolicLink', linkpath: '/etc/passwd' }, /symbolic link/],
      [{ path: name, type: 'Link', linkpath: 'content.jsonl' }, /hard link/],
      [{ path: name, type: 'CharacterDevice' }, /a device/],
      [{ path: name, type: 'FIFO' }, /named pipe/],
      [{ path: `../${H}-400.webp`, body: Buffer.from('x') }, /not a file this export holds/],
      [{ path: `media/../../${H}-400.webp`, body: Buffer.from('x') }, /not a file this export holds/],
      [{ path: `/tmp/${H}-400.webp`, body: Buffer.from('x') }, /not a file this export holds/],
      [{ path: 'media/notes.txt', body: Buffer.from('x') }, /not a file this export holds/],
      [{ path: 'uploads/', type: 'Directory' }, /folder this export never holds/],
    ];
    for (const [entry, message] of cases) {
      const file = await exportOf([{ path: 'content.jsonl', body: content() }, entry]);
      await refusedImport(file, message);
    }
    // A chain of links, each lexically inside: the first one is refused already.
    const other = hashOf('other');
    const chain = await exportOf([
      { path: 'content.jsonl', body: content() },
      { path: `media/${other}-400.webp`, type: 'SymbolicLink', linkpath: '../content.jsonl' },
      { path: name, type: 'SymbolicLink', linkpath: `${other}-400.webp` },
    ]);
    await refusedImport(chain, /symbolic link/);
  });

  it('refuses a photo file that is not the image its name and record say', async () => {
    const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const good = await webp(400, 300);
    const withExif = await sharp(good)
      .withMetadata({ exif: { IFD0: { Copyright: 'x' } } })
      .webp()
      .toBuffer();
    const cases: [Buffer, RegExp][] = [
      [Buffer.from('<script>alert(1)</script>'), /is not a WebP image/],
      [png, /is not a WebP image/],
      [await webp(800, 600), /is 800×600 pixels, not the 400×300/],
      [await webp(400, 400), /is 400×400 pixels/],
      // Bytes after the image (a polyglot): the RIFF container must be the whole file.
      [Buffer.concat([good, Buffer.from('<html><script>alert(1)</script>')]), /is not a WebP image/],
      [withExif, /metadata/],
      // A damaged image: a valid header, then garbage.
      [Buffer.concat([good.subarray(0, 40), Buffer.alloc(good.length - 40, 0x55)]), /not a readable image|not a still WebP/],
    ];
    for (const [bytes, message] of cases) {
      const file = await exportOf([
        { path: 'content.jsonl', body: content() },
        { path: `media/${H}-400.webp`, body: bytes },
      ]);
      await refusedImport(file, message);
    }
  });

  it('refuses a decompression bomb from its header: nothing written, no staging folder', async () => {
    // 64 MB of zeros named like a photo, where a photo may weigh 1 MB: about 64 KB on disk.
    const file = await exportOf([
      { path: 'content.jsonl', body: content() },
      { path: `media/${H}-400.webp`, body: { zeros: 64 * MB } },
    ]);
    expect(fs.statSync(file).size).toBeLessThan(MB);
    await refusedImport(file, /larger than the 1 MB allowed/);
    // content.jsonl has its own cap.
    const big = await exportOf([{ path: 'content.jsonl', body: { zeros: 3 * MB } }]);
    await refusedImport(big, /content\.jsonl.*larger than the 2 MB allowed/, { contentBytes: 2 * MB });
  });

  it('refuses past the total while streaming, with flat memory', async () => {
    // 150 entries of 1 MB each (each within the photo limit), 150 MB in all, a few hundred KB on disk.
    const entries: CraftedEntry[] = [{ path: 'content.jsonl', body: content() }];
    for (let i = 0; i < 150; i += 1) entries.push({ path: `media/${hashOf(String(i))}-400.webp`, body: { zeros: MB - 1024 } });
    const file = await exportOf(entries);
    expect(fs.statSync(file).size).toBeLessThan(2 * MB);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    try {
      await refusedImport(file, /holds more than the 100 MB allowed/, { totalBytes: 100 * MB });
    } finally {
      clearInterval(sampler);
    }
    expect(peak - before).toBeLessThan(64 * MB);
  });

  it('refuses a name twice, and an archive cut short', async () => {
    const twice = await exportOf([
      { path: 'content.jsonl', body: content() },
      { path: 'content.jsonl', body: content() },
    ]);
    await refusedImport(twice, /content\.jsonl" is in it twice/);
    const whole = await exportOf([
      { path: 'content.jsonl', body: content() },
      { path: `media/${H}-400.webp`, body: await webp(400, 300) },
    ]);
    const cut = path.join(dir.dir, 'cut.tar.gz');
    const raw = zlib.gunzipSync(fs.readFileSync(whole));
    // Cut inside the photo's body.
    fs.writeFileSync(cut, zlib.gzipSync(raw.subarray(0, 1024 + 512 + 100)));
    await refusedImport(cut, /not a readable export archive/);
  });
});

describe('a backup archive is a whitelist', () => {
  /** A real database file holding one marker agent, to put in crafted backups. */
  async function databaseBytes(name: string): Promise<Buffer> {
    const file = path.join(dir.dir, `${name}.sqlite`);
    const other = openDatabase(file);
    await migrate(other);
    await other
      .insertInto('agents')
      .values({ platform: 'local', platform_user_id: name, display_name: name, mairie: null, locale: null, created_at: T })
      .execute();
    await other.destroy();
    return fs.readFileSync(file);
  }

  const backupOf = (entries: CraftedEntry[]) =>
    craftTar(path.join(dir.dir, `backup-${crypto.randomBytes(4).toString('hex')}.tar`), entries);

  async function agentNames(): Promise<string[]> {
    const live = openDatabase(config.databaseFile);
    try {
      return (await live.selectFrom('agents').select('platform_user_id').execute()).map((r) => r.platform_user_id);
    } finally {
      await live.destroy();
    }
  }

  it('restores a well-formed crafted backup (the control), and refuses anything else untouched', async () => {
    await db
      .insertInto('agents')
      .values({ platform: 'local', platform_user_id: 'here', display_name: 'Here', mairie: null, locale: null, created_at: T })
      .execute();
    await db.destroy();
    db = openDatabase(path.join(dir.dir, 'unused.sqlite')); // afterEach closes it
    const restored = await databaseBytes('restored');
    const name = `media/${H}-400.webp`;
    const cases: [CraftedEntry, RegExp][] = [
      [{ path: name, type: 'SymbolicLink', linkpath: '../bricoleur.sqlite' }, /symbolic link/],
      [{ path: `uploads/${'c'.repeat(32)}`, type: 'SymbolicLink', linkpath: '/etc/passwd' }, /symbolic link/],
      [{ path: name, type: 'Link', linkpath: 'bricoleur.sqlite' }, /hard link/],
      [{ path: name, type: 'BlockDevice' }, /a device/],
      [{ path: '../bricoleur.sqlite', body: restored }, /not a file this backup holds/],
      [{ path: 'content.jsonl', body: Buffer.from('{}') }, /not a file this backup holds/],
      [{ path: `uploads/${'c'.repeat(32)}`, body: { zeros: 16 * MB } }, /larger than the 2 MB allowed/],
      [{ path: name, body: { zeros: 16 * MB } }, /larger than the 1 MB allowed/],
    ];
    const before = fs.readFileSync(config.databaseFile);
    for (const [entry, message] of cases) {
      const file = await backupOf([{ path: 'bricoleur.sqlite', body: restored }, entry]);
      const error = await restoreFrom(config, file).catch((e: unknown) => e);
      expect(error, message.source).toBeInstanceOf(OpsError);
      expect((error as Error).message).toMatch(message);
      expect(fs.readFileSync(config.databaseFile).equals(before)).toBe(true);
      expect(fs.readdirSync(config.dataDir).filter((n) => n.startsWith('.') || n.includes('before-restore'))).toEqual([]);
      for (const sub of ['media', 'uploads']) {
        const d = path.join(config.dataDir, sub);
        expect(fs.existsSync(d) ? fs.readdirSync(d) : []).toEqual([]);
      }
    }
    // A database above its cap is refused too.
    const huge = await backupOf([{ path: 'bricoleur.sqlite', body: restored }]);
    await expect(restoreFrom(config, huge, { limits: { databaseBytes: 1024 } })).rejects.toThrow(/bricoleur\.sqlite.*larger/);
    expect(await agentNames()).toEqual(['here']);

    const good = await backupOf([
      { path: 'bricoleur.sqlite', body: restored },
      { path: 'media/', type: 'Directory' },
      { path: name, body: await webp(400, 300) },
      { path: `uploads/${'c'.repeat(32)}`, body: Buffer.from('photo bytes') },
    ]);
    await restoreFrom(config, good);
    expect(await agentNames()).toEqual(['restored']);
    expect(fs.readdirSync(mediaDirOf(config))).toEqual([`${H}-400.webp`]);
    expect(fs.lstatSync(path.join(mediaDirOf(config), `${H}-400.webp`)).isFile()).toBe(true);
  });
});
