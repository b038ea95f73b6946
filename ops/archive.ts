/**
 * The operations tools' file work: backups (an online SQLite snapshot plus the media and the local
 * chat's uploads, in one dated tar file) and their restore; exports (the content as JSON lines plus
 * the photos it uses, in one tar.gz) and their import. An archive read back is a whitelist
 * (`archive-entries.ts`): checked whole before anything is written, then unpacked by us.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import * as tar from 'tar';
import type { Config } from '../config.js';
import type { Db } from '../storage/db.js';
import { type MediaStore, mediaStore } from '../storage/media/index.js';
import { MEDIA_FILE_NAME as MEDIA_NAME, mediaFileHash, renditionName } from '../storage/media/names.js';
import { ensureCardImage, photoWidths, renditionProblem } from '../storage/photos.js';
import { checkDatabase, snapshotDatabase } from '../storage/transfer/backup.js';
import {
  exportRecords,
  ImportFormatError,
  type ImportOptions,
  type ImportSummary,
  importRecords,
  inSnapshot,
  type PhotoRecord,
} from '../storage/transfer/transfer.js';
import { type ArchiveLayout, extractArchive, scanArchive } from './archive-entries.js';
import { pullMedia, pushMedia } from './archive-media.js';
import { OpsError } from './ops-error.js';

export { OpsError } from './ops-error.js';

const UPLOAD_NAME = /^[a-f0-9]{32}$/;

const GB = 1024 * 1024 * 1024;

/** How large what an archive holds may be, once decompressed. */
export interface ArchiveLimits {
  /** The whole archive (default 20 GB). */
  totalBytes: number;
  /** A backup's database (default 16 GB). */
  databaseBytes: number;
  /** An export's `content.jsonl` (default 2 GB). */
  contentBytes: number;
  /** One photo rendition: the upload limit (`MAX_PHOTO_MB`). */
  photoBytes: number;
  /** One local chat upload: what the local chat accepts (twice the upload limit). */
  uploadBytes: number;
}

export function archiveLimits(config: Config, overrides: Partial<ArchiveLimits> = {}): ArchiveLimits {
  return {
    totalBytes: 20 * GB,
    databaseBytes: 16 * GB,
    contentBytes: 2 * GB,
    photoBytes: config.maxPhotoBytes,
    uploadBytes: 2 * config.maxPhotoBytes,
    ...overrides,
  };
}

/** `folder/name` when `name` passes `test`. */
const inFolder = (entry: string, folder: string, test: RegExp): boolean =>
  entry.startsWith(`${folder}/`) && test.test(entry.slice(folder.length + 1));

/** A backup holds `bricoleur.sqlite`, `media/<hash>-<width>.webp` and `uploads/<id>`: nothing else. */
function backupLayout(limits: ArchiveLimits): ArchiveLayout {
  return {
    what: 'backup',
    folders: ['media', 'uploads'],
    totalBytes: limits.totalBytes,
    fileCap: (name) => {
      if (name === 'bricoleur.sqlite') return limits.databaseBytes;
      if (inFolder(name, 'media', MEDIA_NAME)) return limits.photoBytes;
      if (inFolder(name, 'uploads', UPLOAD_NAME)) return limits.uploadBytes;
      return null;
    },
  };
}

/** An export holds `content.jsonl` and `media/<hash>-<width>.webp`: nothing else. */
function exportLayout(limits: ArchiveLimits): ArchiveLayout {
  return {
    what: 'export',
    folders: ['media'],
    totalBytes: limits.totalBytes,
    fileCap: (name) => {
      if (name === 'content.jsonl') return limits.contentBytes;
      if (inFolder(name, 'media', MEDIA_NAME)) return limits.photoBytes;
      return null;
    },
  };
}

/** Checks the archive whole (writing nothing), then unpacks it into a new staging folder. */
async function unpack(config: Config, file: string, layout: ArchiveLayout): Promise<string> {
  await scanArchive(file, layout);
  const stage = staging(config, layout.what === 'backup' ? 'restore' : 'import');
  try {
    await extractArchive(file, layout, stage);
  } catch (error) {
    fs.rmSync(stage, { recursive: true, force: true });
    throw error;
  }
  return stage;
}

function stamp(now = new Date()): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

function staging(config: Config, kind: string): string {
  fs.mkdirSync(config.dataDir, { recursive: true });
  return fs.mkdtempSync(path.join(config.dataDir, `.${kind}-`));
}

/**
 * Hard-links (or copies, across file systems) the files of `from` whose names pass `keep`; returns
 * the names added. A file removed meanwhile (the server keeps running) is skipped.
 */
function mirror(from: string, to: string, keep: (name: string) => boolean): string[] {
  fs.mkdirSync(to, { recursive: true });
  if (!fs.existsSync(from)) return [];
  const added: string[] = [];
  for (const name of fs.readdirSync(from)) {
    if (!keep(name)) continue;
    const target = path.join(to, name);
    if (fs.existsSync(target)) continue;
    try {
      try {
        fs.linkSync(path.join(from, name), target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
        fs.copyFileSync(path.join(from, name), target);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    added.push(name);
  }
  return added;
}

/** `npm run backup`: `DATA_DIR/backups/bricoleur-<date>.tar` with the database, media and uploads. */
export async function backupTo(config: Config, outDir = path.join(config.dataDir, 'backups')): Promise<string> {
  if (config.databaseUrl) return backupPostgres(config, config.databaseUrl, outDir);
  if (!fs.existsSync(config.databaseFile)) throw new OpsError(`no database at ${config.databaseFile}`);
  return backupAround(config, outDir, 'bricoleur.sqlite', (file) => snapshotDatabase(config.databaseFile, file));
}

/**
 * On PostgreSQL: `pg_dump` (custom format) of the database plus the media and uploads, in one dated
 * tar file, when `pg_dump` is installed; otherwise a clear word to rely on the database's own backups.
 * The URL reaches pg_dump through libpq's environment variables, not its command line (a password
 * there would show in the process list).
 */
async function backupPostgres(config: Config, databaseUrl: string, outDir: string): Promise<string> {
  if (spawnSync('pg_dump', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new OpsError(
      "pg_dump is not installed here: on PostgreSQL, back the database up with its own tools (pg_dump, pg_basebackup, or your provider's snapshots) and the photos with your file backups (DATA_DIR/media) or the bucket's own (MEDIA_STORE=s3); or install pg_dump (Debian: postgresql-client) and run npm run backup again",
    );
  }
  return backupAround(config, outDir, 'bricoleur.pgdump', async (file) => {
    const url = new URL(databaseUrl);
    const env = {
      ...process.env,
      PGHOST: decodeURIComponent(url.hostname),
      PGPORT: url.port || '5432',
      PGUSER: decodeURIComponent(url.username),
      PGPASSWORD: decodeURIComponent(url.password),
      PGDATABASE: decodeURIComponent(url.pathname.replace(/^\//, '')),
    };
    const dump = spawnSync('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`], { env, encoding: 'utf8' });
    if (dump.status !== 0) throw new OpsError(`pg_dump failed: ${(dump.stderr || '').trim().split('\n')[0]}`);
  });
}

/**
 * A backup's one shape, on either engine: media and uploads copied on both sides of the database's
 * snapshot (the copies taken before keep files deleted meanwhile; the second pass adds those written
 * before the snapshot's rows, since files are written before rows), then one dated tar file.
 */
async function backupAround(
  config: Config,
  outDir: string,
  database: string,
  snapshot: (file: string) => Promise<unknown>,
): Promise<string> {
  fs.mkdirSync(outDir, { recursive: true });
  const stage = staging(config, 'backup');
  try {
    const store = mediaStore(config.media);
    const copyFiles = async () => {
      await pullMedia(store, path.join(stage, 'media'));
      mirror(path.join(config.dataDir, 'uploads'), path.join(stage, 'uploads'), (n) => UPLOAD_NAME.test(n));
    };
    await copyFiles();
    await snapshot(path.join(stage, database));
    await copyFiles();
    const file = path.join(outDir, `bricoleur-${stamp()}.tar`);
    await tar.create({ file, cwd: stage, portable: true }, [database, 'media', 'uploads']);
    return file;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

/**
 * `npm run restore -- <file>`: puts a backup's database in place (the current one is kept beside it
 * as `bricoleur.sqlite.before-restore-<date>`) and adds its media and uploads. The server must be
 * stopped: a write-ahead log beside the database means it is running.
 */
export async function restoreFrom(
  config: Config,
  file: string,
  options: { force?: boolean; limits?: Partial<ArchiveLimits> } = {},
): Promise<string> {
  if (config.databaseUrl) {
    throw new OpsError(
      'on PostgreSQL, restore the database with pg_restore (from a backup made by npm run backup, or your own backups), then put the photos of its media/ folder back into the media store (DATA_DIR/media, or the bucket)',
    );
  }
  if (!fs.existsSync(file)) throw new OpsError(`no backup file ${file}`);
  if (!options.force && fs.existsSync(`${config.databaseFile}-wal`)) {
    throw new OpsError('the server seems to be running (a -wal file is beside the database): stop it first, or pass --force');
  }
  const stage = await unpack(config, file, backupLayout(archiveLimits(config, options.limits)));
  try {
    const restored = path.join(stage, 'bricoleur.sqlite');
    if (!fs.existsSync(restored) || !checkDatabase(restored)) throw new OpsError('this backup holds no readable database');
    await pushMedia(mediaStore(config.media), path.join(stage, 'media'), (n) => MEDIA_NAME.test(n));
    mirror(path.join(stage, 'uploads'), path.join(config.dataDir, 'uploads'), (n) => UPLOAD_NAME.test(n));
    let kept = '';
    if (fs.existsSync(config.databaseFile)) {
      kept = `${config.databaseFile}.before-restore-${stamp()}`;
      fs.renameSync(config.databaseFile, kept);
      for (const suffix of ['-wal', '-shm']) {
        if (fs.existsSync(config.databaseFile + suffix)) fs.renameSync(config.databaseFile + suffix, kept + suffix);
      }
    }
    fs.renameSync(restored, config.databaseFile);
    return kept;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

/** `npm run export -- [file]`: one `.tar.gz` with `content.jsonl` and the photos it uses. */
export async function exportTo(db: Db, config: Config, file?: string): Promise<string> {
  const out = file ?? path.join(config.dataDir, 'exports', `bricoleur-export-${stamp()}.tar.gz`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const stage = staging(config, 'export');
  try {
    const lines = fs.createWriteStream(path.join(stage, 'content.jsonl'));
    const hashes = new Set<string>();
    // As for backups: media copied on both sides of the snapshot, then only the photos it lists kept.
    const store = mediaStore(config.media);
    const media = path.join(stage, 'media');
    await pullMedia(store, media);
    await inSnapshot(db, async (snapshot) => {
      for await (const record of exportRecords(snapshot)) {
        if (record.type === 'photo') hashes.add(record.hash);
        if (!lines.write(`${JSON.stringify(record)}\n`)) await new Promise<void>((r) => lines.once('drain', () => r()));
      }
    });
    await new Promise<void>((resolve, reject) => lines.end((error?: Error | null) => (error ? reject(error) : resolve())));
    await pullMedia(store, media, (n) => hashes.has(n.slice(0, 64)));
    for (const name of fs.readdirSync(media)) if (!hashes.has(name.slice(0, 64))) fs.rmSync(path.join(media, name));
    await tar.create({ file: out, cwd: stage, gzip: true, portable: true }, ['content.jsonl', 'media']);
    return out;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

/**
 * `npm run import -- <file>`: adds what the archive holds and this instance lacks (checked whole,
 * then written in short transactions: `importRecords`). The photos of new photo records are checked
 * as images against their names and records, then put in place before the first write (no row ever
 * points to a missing file) and taken away again if the import fails. The animateurs the archive
 * names are made animateurs here only with `withAnimators` (`--with-animators`).
 */
export async function importFrom(
  db: Db,
  config: Config,
  file: string,
  options: Pick<ImportOptions, 'sliceMs' | 'withAnimators'> & { limits?: Partial<ArchiveLimits> } = {},
): Promise<ImportSummary> {
  if (!fs.existsSync(file)) throw new OpsError(`no export file ${file}`);
  const store = mediaStore(config.media);
  const limits = archiveLimits(config, options.limits);
  const stage = await unpack(config, file, exportLayout(limits));
  let added: string[] = [];
  try {
    const content = path.join(stage, 'content.jsonl');
    if (!fs.existsSync(content)) throw new OpsError('this archive holds no content.jsonl');
    const staged = path.join(stage, 'media');
    const checked = new Set<string>();
    const newPhotos = new Map<string, number[]>();
    const checkPhotoFiles = async (photo: PhotoRecord): Promise<void> => {
      newPhotos.set(photo.hash, photo.widths);
      for (const width of photo.widths) {
        const name = renditionName(photo.hash, width);
        if (!fs.existsSync(path.join(staged, name)))
          throw new ImportFormatError(`the archive lists photo ${photo.hash} without its files`);
        const problem = await renditionProblem(path.join(staged, name), width, photo, limits.photoBytes);
        if (problem) throw new ImportFormatError(`the archive's photo file ${name} ${problem}: refused`);
        checked.add(name);
      }
    };
    // The new photos' files are all in the store once `beforeWrite` ran: no store call inside a transaction.
    const present = new Set<string>();
    const photoFilesPresent = (hash: string, widths: number[]) => widths.every((w) => present.has(renditionName(hash, w)));
    const summary = await importRecords(db, () => readRecords(content), {
      sliceMs: options.sliceMs,
      withAnimators: options.withAnimators,
      checkPhotoFiles,
      photoFilesPresent,
      // Only the files checked: the others are of photos here already, or of none.
      beforeWrite: async () => {
        added = await pushMedia(store, staged, (n) => checked.has(n));
        for (const name of checked) present.add(name);
      },
    });
    added = [];
    // The chat cards' JPEG is made here from the checked WebP, never taken from the archive.
    for (const [hash, widths] of newPhotos) await ensureCardImage(store, hash, widths);
    return summary;
  } finally {
    if (added.length > 0) await removeUnused(db, store, added);
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

/** After a failed import: its media files go, unless the server stored the same photo meanwhile. */
async function removeUnused(db: Db, store: MediaStore, names: string[]): Promise<void> {
  const hashes = [...new Set(names.map((n) => mediaFileHash(n) ?? ''))];
  const kept = new Set<string>();
  for (let i = 0; i < hashes.length; i += 500) {
    for (const hash of (await photoWidths(db, hashes.slice(i, i + 500))).keys()) kept.add(hash);
  }
  for (const name of names) if (!kept.has(mediaFileHash(name) ?? '')) await store.delete(name);
}

async function* readRecords(file: string): AsyncGenerator<unknown> {
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new OpsError(`content.jsonl line ${number} is not JSON`);
    }
    yield value;
  }
}
