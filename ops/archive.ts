/**
 * The operations tools' file work: backups (an online SQLite snapshot plus the media and the local
 * chat's uploads, in one dated tar file) and their restore; exports (the content as JSON lines plus
 * the photos it uses, in one tar.gz) and their import.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import * as tar from 'tar';
import type { Config } from '../config.js';
import type { Db } from '../storage/db.js';
import { mediaFilePath, photoWidths } from '../storage/photos.js';
import { checkDatabase, snapshotDatabase } from '../storage/transfer/backup.js';
import {
  exportRecords,
  type ImportOptions,
  type ImportSummary,
  importRecords,
  inSnapshot,
} from '../storage/transfer/transfer.js';

const MEDIA_NAME = /^[0-9a-f]{64}-[1-9][0-9]{0,4}\.webp$/;
const UPLOAD_NAME = /^[a-f0-9]{32}$/;

export class OpsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpsError';
  }
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

/** Unpacks an archive into `stage`; anything tar cannot read is a clear `OpsError`. */
async function unpack(file: string, stage: string, what: string): Promise<void> {
  try {
    await tar.extract({ file, cwd: stage, strict: true });
  } catch {
    throw new OpsError(`${file} is not a readable ${what} archive`);
  }
}

/** `npm run backup`: `DATA_DIR/backups/bricoleur-<date>.tar` with the database, media and uploads. */
export async function backupTo(config: Config, outDir = path.join(config.dataDir, 'backups')): Promise<string> {
  if (config.databaseUrl) return backupPostgres(config, config.databaseUrl, outDir);
  if (!fs.existsSync(config.databaseFile)) throw new OpsError(`no database at ${config.databaseFile}`);
  fs.mkdirSync(outDir, { recursive: true });
  const stage = staging(config, 'backup');
  try {
    // Media on both sides of the snapshot: the links taken before keep files deleted meanwhile, the
    // second pass adds those written before the snapshot's rows (files are written before rows).
    const media = () => mirror(config.mediaDir, path.join(stage, 'media'), (n) => MEDIA_NAME.test(n));
    const uploads = () => mirror(path.join(config.dataDir, 'uploads'), path.join(stage, 'uploads'), (n) => UPLOAD_NAME.test(n));
    media();
    uploads();
    await snapshotDatabase(config.databaseFile, path.join(stage, 'bricoleur.sqlite'));
    media();
    uploads();
    const file = path.join(outDir, `bricoleur-${stamp()}.tar`);
    await tar.create({ file, cwd: stage, portable: true }, ['bricoleur.sqlite', 'media', 'uploads']);
    return file;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
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
      "pg_dump is not installed here: on PostgreSQL, back the database up with its own tools (pg_dump, pg_basebackup, or your provider's snapshots) and DATA_DIR/media with your file backups; or install pg_dump (Debian: postgresql-client) and run npm run backup again",
    );
  }
  fs.mkdirSync(outDir, { recursive: true });
  const stage = staging(config, 'backup');
  try {
    const media = () => mirror(config.mediaDir, path.join(stage, 'media'), (n) => MEDIA_NAME.test(n));
    const uploads = () => mirror(path.join(config.dataDir, 'uploads'), path.join(stage, 'uploads'), (n) => UPLOAD_NAME.test(n));
    media();
    uploads();
    const url = new URL(databaseUrl);
    const env = {
      ...process.env,
      PGHOST: decodeURIComponent(url.hostname),
      PGPORT: url.port || '5432',
      PGUSER: decodeURIComponent(url.username),
      PGPASSWORD: decodeURIComponent(url.password),
      PGDATABASE: decodeURIComponent(url.pathname.replace(/^\//, '')),
    };
    const dump = spawnSync('pg_dump', ['--format=custom', '--no-owner', `--file=${path.join(stage, 'bricoleur.pgdump')}`], {
      env,
      encoding: 'utf8',
    });
    if (dump.status !== 0) throw new OpsError(`pg_dump failed: ${(dump.stderr || '').trim().split('\n')[0]}`);
    media();
    uploads();
    const file = path.join(outDir, `bricoleur-${stamp()}.tar`);
    await tar.create({ file, cwd: stage, portable: true }, ['bricoleur.pgdump', 'media', 'uploads']);
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
export async function restoreFrom(config: Config, file: string, options: { force?: boolean } = {}): Promise<string> {
  if (config.databaseUrl) {
    throw new OpsError(
      'on PostgreSQL, restore the database with pg_restore (from a backup made by npm run backup, or your own backups), then copy its media back into DATA_DIR/media',
    );
  }
  if (!fs.existsSync(file)) throw new OpsError(`no backup file ${file}`);
  if (!options.force && fs.existsSync(`${config.databaseFile}-wal`)) {
    throw new OpsError('the server seems to be running (a -wal file is beside the database): stop it first, or pass --force');
  }
  const stage = staging(config, 'restore');
  try {
    await unpack(file, stage, 'backup');
    const restored = path.join(stage, 'bricoleur.sqlite');
    if (!fs.existsSync(restored) || !checkDatabase(restored)) throw new OpsError('this backup holds no readable database');
    mirror(path.join(stage, 'media'), config.mediaDir, (n) => MEDIA_NAME.test(n));
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
    // As for backups: media linked on both sides of the snapshot, then only the photos it lists kept.
    const media = path.join(stage, 'media');
    mirror(config.mediaDir, media, (n) => MEDIA_NAME.test(n));
    await inSnapshot(db, async (snapshot) => {
      for await (const record of exportRecords(snapshot)) {
        if (record.type === 'photo') hashes.add(record.hash);
        if (!lines.write(`${JSON.stringify(record)}\n`)) await new Promise<void>((r) => lines.once('drain', () => r()));
      }
    });
    await new Promise<void>((resolve, reject) => lines.end((error?: Error | null) => (error ? reject(error) : resolve())));
    mirror(config.mediaDir, media, (n) => MEDIA_NAME.test(n));
    for (const name of fs.readdirSync(media)) if (!hashes.has(name.slice(0, 64))) fs.rmSync(path.join(media, name));
    await tar.create({ file: out, cwd: stage, gzip: true, portable: true }, ['content.jsonl', 'media']);
    return out;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

/**
 * `npm run import -- <file>`: adds what the archive holds and this instance lacks (checked whole,
 * then written in short transactions: `importRecords`). Its photos are put in place first (no row
 * ever points to a missing file) and taken away again if nothing came to use them.
 */
export async function importFrom(
  db: Db,
  config: Config,
  file: string,
  options: Pick<ImportOptions, 'sliceMs'> = {},
): Promise<ImportSummary> {
  if (!fs.existsSync(file)) throw new OpsError(`no export file ${file}`);
  const stage = staging(config, 'import');
  let added: string[] = [];
  try {
    await unpack(file, stage, 'export');
    const content = path.join(stage, 'content.jsonl');
    if (!fs.existsSync(content)) throw new OpsError('this archive holds no content.jsonl');
    added = mirror(path.join(stage, 'media'), config.mediaDir, (n) => MEDIA_NAME.test(n));
    const photoFilesPresent = (hash: string, widths: number[]) =>
      widths.every((w) => fs.existsSync(mediaFilePath(config.mediaDir, hash, w)));
    const summary = await importRecords(db, () => readRecords(content), { ...options, photoFilesPresent });
    added = [];
    return summary;
  } finally {
    if (added.length > 0) await removeUnused(db, config, added);
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

/** After a failed import: its media files go, unless the server stored the same photo meanwhile. */
async function removeUnused(db: Db, config: Config, names: string[]): Promise<void> {
  const hashes = [...new Set(names.map((n) => n.slice(0, 64)))];
  const kept = new Set<string>();
  for (let i = 0; i < hashes.length; i += 500) {
    for (const hash of (await photoWidths(db, hashes.slice(i, i + 500))).keys()) kept.add(hash);
  }
  for (const name of names) if (!kept.has(name.slice(0, 64))) fs.rmSync(path.join(config.mediaDir, name), { force: true });
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
