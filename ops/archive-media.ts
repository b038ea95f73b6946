/**
 * The photos' side of backups, restores, exports and imports: copying between the media store
 * (`storage/media/`) and an archive's staging folder. With the local folder, files are hard-linked
 * both ways as before; with an object store, they are downloaded and uploaded.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MediaStore } from '../storage/media/index.js';

/** Files copied at once from or to an object store (each is a request). */
const AT_ONCE = 8;

async function inBatches(names: AsyncIterable<string> | Iterable<string>, each: (name: string) => Promise<boolean>) {
  const done: string[] = [];
  let batch: string[] = [];
  const flush = async () => {
    const results = await Promise.all(batch.map(each));
    done.push(...batch.filter((_, i) => results[i]));
    batch = [];
  };
  for await (const name of names) {
    batch.push(name);
    if (batch.length >= AT_ONCE) await flush();
  }
  await flush();
  return done;
}

/**
 * Copies the stored media files whose names pass `keep` into `to`, except those already there;
 * returns the names added. A file deleted meanwhile (the server keeps running) is skipped.
 */
export async function pullMedia(store: MediaStore, to: string, keep: (name: string) => boolean = () => true): Promise<string[]> {
  fs.mkdirSync(to, { recursive: true });
  return inBatches(store.list(), async (name) => {
    const target = path.join(to, name);
    if (!keep(name) || fs.existsSync(target)) return false;
    return store.copyToFile(name, target);
  });
}

/** Puts the files of `from` whose names pass `keep` into the store; returns the names it did not have. */
export async function pushMedia(store: MediaStore, from: string, keep: (name: string) => boolean): Promise<string[]> {
  if (!fs.existsSync(from)) return [];
  return inBatches(fs.readdirSync(from).filter(keep), async (name) => {
    if (await store.has(name)) return false;
    await store.putFile(name, path.join(from, name));
    return true;
  });
}
