/**
 * Reads a backup or export archive as a whitelist: only regular files with the names we write and
 * their folders, each under its own size cap, the whole under a total cap. Symbolic and hard links,
 * devices, pipes, sparse files, paths outside the archive's own layout are refused. `scanArchive`
 * reads the headers only and writes nothing; `extractArchive` then writes each allowed file itself
 * (never through tar's own extraction, so nothing an archive says can create a link or a folder).
 * Both stream: the decompressed bytes are counted as they come, memory stays flat whatever the
 * archive holds, and a decompression bomb stops at the cap.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as tar from 'tar';
import { OpsError } from './ops-error.js';

export interface ArchiveLayout {
  /** What the archive is, for messages: `backup` or `export`. */
  what: string;
  /** Folders the archive may hold (their entries are only accepted, never created from it). */
  folders: readonly string[];
  /** The size cap of the regular file at `name`, or null when no such file may be in the archive. */
  fileCap(name: string): number | null;
  /** The most decompressed bytes the whole archive may hold. */
  totalBytes: number;
}

const MB = 1024 * 1024;

/** What each refused kind of entry is called in the message. */
const KINDS: Record<string, string> = {
  SymbolicLink: 'a symbolic link',
  Link: 'a hard link',
  CharacterDevice: 'a device',
  BlockDevice: 'a device',
  FIFO: 'a named pipe',
  SparseFile: 'a sparse file',
  Directory: 'a folder',
};

const megabytes = (bytes: number): string => `${Math.max(1, Math.round(bytes / MB))} MB`;

/** The entry's path as written in our archives: `name` or `folder/name`, without `./` or a final `/`. */
function entryName(raw: string): string {
  return raw.replace(/^(\.\/)+/, '').replace(/\/$/, '');
}

/** Why `entry` may not be in the archive, or null; `size` is the size tar's header declares. */
function refusal(layout: ArchiveLayout, entry: tar.ReadEntry): string | null {
  const name = entryName(entry.path);
  const shown = JSON.stringify(entry.path.slice(0, 200));
  if (entry.type === 'Directory')
    return layout.folders.includes(name) ? null : `${shown} is a folder this ${layout.what} never holds`;
  if (entry.type !== 'File' && entry.type !== 'OldFile')
    return `${shown} is ${KINDS[entry.type] ?? `an entry of type ${entry.type}`}`;
  const cap = layout.fileCap(name);
  if (cap === null) return `${shown} is not a file this ${layout.what} holds`;
  if (entry.size > cap) return `${shown} is larger than the ${megabytes(cap)} allowed`;
  return null;
}

/**
 * Streams the archive's decompressed bytes (gzip recognised by its magic bytes) into `parser`,
 * refusing past the total cap; `stop()` tells it a refusal was found.
 */
async function feed(file: string, layout: ArchiveLayout, parser: tar.Parser, stop: () => Error | null): Promise<void> {
  const head = Buffer.alloc(2);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 2, 0);
  } finally {
    fs.closeSync(fd);
  }
  const raw = fs.createReadStream(file);
  const source = head[0] === 0x1f && head[1] === 0x8b ? raw.pipe(zlib.createGunzip()) : raw;
  let failure: Error | null = null;
  parser.on('error', (error: Error) => {
    failure ??= error;
  });
  let total = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > layout.totalBytes)
        throw new OpsError(`this ${layout.what} holds more than the ${megabytes(layout.totalBytes)} allowed`);
      const refused = stop() ?? failure;
      if (refused) throw refused;
      if (!parser.write(chunk)) await once(parser, 'drain');
    }
  } catch (error) {
    if (error instanceof OpsError) throw error;
    throw new OpsError(`${file} is not a readable ${layout.what} archive`);
  } finally {
    raw.destroy();
    source.destroy();
  }
  // `once` rejects when the parser emits 'error' first (a truncated or unrecognised archive).
  const ended = once(parser, 'close').catch((error: Error) => {
    failure ??= error;
  });
  parser.end();
  await ended;
  const refused = stop() ?? failure;
  if (refused instanceof OpsError) throw refused;
  if (refused) throw new OpsError(`${file} is not a readable ${layout.what} archive`);
}

function parserFor(onEntry: (entry: tar.ReadEntry) => void): tar.Parser {
  // strict: a damaged header or a truncated body is an error, not a warning; meta entries (long
  // names, pax headers) past 64 KB are ignored, never buffered.
  return new tar.Parser({ strict: true, maxMetaEntrySize: 64 * 1024, brotli: false, zstd: false, onReadEntry: onEntry });
}

/** Reads the headers only: throws `OpsError` on the first entry the layout refuses. Writes nothing. */
export async function scanArchive(file: string, layout: ArchiveLayout): Promise<void> {
  let refused: OpsError | null = null;
  const parser = parserFor((entry) => {
    const why = refused ? null : refusal(layout, entry);
    if (why) refused = new OpsError(`this ${layout.what} is refused: ${why}`);
    entry.resume();
  });
  await feed(file, layout, parser, () => refused);
}

/**
 * Writes each regular file of the archive to `stage/<name>` (folders made by us, files created
 * exclusively: a name twice is refused), checking every entry again as it comes. Call after
 * `scanArchive`; on a refusal the caller removes `stage`.
 */
export async function extractArchive(file: string, layout: ArchiveLayout, stage: string): Promise<void> {
  for (const folder of layout.folders) fs.mkdirSync(path.join(stage, folder), { recursive: true });
  let refused: Error | null = null;
  let writing: Promise<void> = Promise.resolve();
  const parser = parserFor((entry) => {
    const why = refused ? null : refusal(layout, entry);
    if (refused || why || entry.type === 'Directory') {
      if (why) refused = new OpsError(`this ${layout.what} is refused: ${why}`);
      entry.resume();
      return;
    }
    const name = entryName(entry.path);
    const out = fs.createWriteStream(path.join(stage, name), { flags: 'wx', mode: 0o644 });
    const done = new Promise<void>((resolve) => {
      out.on('error', (error: NodeJS.ErrnoException) => {
        refused ??=
          error.code === 'EEXIST'
            ? new OpsError(`this ${layout.what} is refused: ${JSON.stringify(name)} is in it twice`)
            : error;
        entry.unpipe(out);
        entry.resume();
        resolve();
      });
      out.on('close', () => resolve());
    });
    entry.pipe(out);
    writing = writing.then(() => done);
  });
  try {
    await feed(file, layout, parser, () => refused);
  } finally {
    await writing;
  }
  if (refused) throw refused;
}
