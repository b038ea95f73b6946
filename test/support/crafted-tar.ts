/**
 * Tar archives written header by header, as an attacker would: links, devices, paths that climb out,
 * names we never write, and bodies of zeros far larger than the file on disk (gzip at level 9), so a
 * decompression bomb takes kilobytes in the test folder.
 */
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { Header } from 'tar';

export interface CraftedEntry {
  path: string;
  type?: 'File' | 'Directory' | 'SymbolicLink' | 'Link' | 'CharacterDevice' | 'BlockDevice' | 'FIFO';
  linkpath?: string;
  /** The file's bytes, or a count of zero bytes streamed in 1 MB chunks. */
  body?: Buffer | { zeros: number };
}

const BLOCK = 512;
const CHUNK = Buffer.alloc(1024 * 1024);

async function* blocks(entries: CraftedEntry[]): AsyncGenerator<Buffer> {
  for (const entry of entries) {
    const type = entry.type ?? 'File';
    const size = entry.body === undefined ? 0 : Buffer.isBuffer(entry.body) ? entry.body.length : entry.body.zeros;
    const header = new Header({
      path: entry.path,
      type,
      linkpath: entry.linkpath,
      size: type === 'File' ? size : 0,
      mode: type === 'Directory' ? 0o755 : 0o644,
      uid: 0,
      gid: 0,
      mtime: new Date(0),
    });
    const block = Buffer.alloc(BLOCK);
    header.encode(block, 0);
    yield block;
    if (type !== 'File' || size === 0) continue;
    if (Buffer.isBuffer(entry.body)) yield entry.body;
    else for (let left = size; left > 0; left -= CHUNK.length) yield CHUNK.subarray(0, Math.min(left, CHUNK.length));
    if (size % BLOCK !== 0) yield Buffer.alloc(BLOCK - (size % BLOCK));
  }
  yield Buffer.alloc(BLOCK * 2);
}

/** Writes `entries` as a tar file (gzipped when the name ends in `.gz`). */
export async function craftTar(file: string, entries: CraftedEntry[]): Promise<string> {
  const out = fs.createWriteStream(file);
  if (file.endsWith('.gz')) await pipeline(blocks(entries), zlib.createGzip({ level: 9 }), out);
  else await pipeline(blocks(entries), out);
  return file;
}
