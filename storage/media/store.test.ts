/**
 * The media store contract, the same on both stores: the local folder and an S3-compatible server
 * (s3rver on 127.0.0.1). Plus what only one of them has: links in the folder are never followed,
 * and the object store's failures are errors, never an absent photo.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { startS3Server, type TestS3 } from '../../test/support/s3-server.js';
import { createTempDb, describeEngines, type TempDb, tempDir } from '../../test/support/temp-db.js';
import { deleteOrphanFiles } from '../unused-photos.js';
import { mediaStore } from './index.js';
import { createLocalStore } from './local-store.js';
import { cardImageName, renditionName } from './names.js';
import { type MediaStore, MediaStoreError } from './store.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const bytes = Buffer.from('RIFF0000WEBPVP8 the bytes of a photo');

let s3: TestS3;
let folder: ReturnType<typeof tempDir>;

beforeAll(async () => {
  s3 = await startS3Server(['media', 'other']);
  folder = tempDir();
});
afterAll(async () => {
  await s3?.close();
  folder?.remove();
});

const stores: [string, () => MediaStore][] = [
  ['local folder', () => createLocalStore(path.join(folder.dir, 'media'))],
  ['S3', () => mediaStore(loadConfig({ DATA_DIR: folder.dir, ...s3.env('media') }).media)],
];

describe.each(stores)('the %s media store', (_kind, open) => {
  it('stores, describes, reads, streams ranges of, lists and deletes photo files', async () => {
    const store = open();
    const name = renditionName(A, 400);
    expect(await store.head(name)).toBeNull();
    expect(await store.read(name)).toBeNull();
    expect(await store.stream(name)).toBeNull();
    await store.put(name, bytes);
    // Content-addressed: a second write of the name keeps the first bytes.
    await store.put(name, Buffer.from('other bytes'));
    expect(await store.has(name)).toBe(true);
    const info = await store.head(name);
    expect(info).toMatchObject({ size: bytes.length });
    expect(info!.etag).toMatch(/^(W\/)?"[^"]+"$/);
    expect(Date.now() - info!.modified.getTime()).toBeLessThan(60_000);
    expect(await store.read(name)).toEqual(bytes);

    const chunks: Buffer[] = [];
    for await (const chunk of (await store.stream(name, { start: 4, end: 11 }))!) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('0000WEBP');

    const file = path.join(folder.dir, `copy-${Math.random()}`);
    expect(await store.copyToFile(name, file)).toBe(true);
    expect(fs.readFileSync(file)).toEqual(bytes);
    expect(await store.copyToFile(renditionName(B, 400), `${file}-none`)).toBe(false);
    await store.putFile(cardImageName(B), file);
    expect(await store.read(cardImageName(B))).toEqual(bytes);

    const listed: string[] = [];
    for await (const n of store.list()) listed.push(n);
    expect(listed.sort()).toEqual([name, cardImageName(B)].sort());

    await store.delete(name);
    await store.delete(name);
    expect(await store.has(name)).toBe(false);
    await store.delete(cardImageName(B));
    await store.probe();
  });

  it('never reads, writes or deletes anything but a media file name', async () => {
    const store = open();
    for (const bad of ['../bricoleur.sqlite', 'notes.txt', `${A}-400.png`, `${A}-400.webp/..`, '']) {
      expect(await store.head(bad), bad).toBeNull();
      expect(await store.read(bad), bad).toBeNull();
      expect(await store.stream(bad), bad).toBeNull();
      await expect(store.put(bad, bytes), bad).rejects.toThrow();
      await expect(store.delete(bad), bad).rejects.toThrow();
    }
  });
});

describeEngines('the nightly sweep of orphan media files', (engine) => {
  it.each(stores)(
    'in the %s store: files no photo names go once older than the grace given, the others stay',
    async (_kind, open) => {
      const store = open();
      const temp: TempDb = await createTempDb({ engine });
      try {
        await temp.db
          .insertInto('photos')
          .values({ hash: A, width: 400, height: 300, widths: '[400]', created_at: new Date().toISOString() })
          .execute();
        await store.put(renditionName(A, 400), bytes);
        await store.put(renditionName(B, 400), bytes);
        expect(await deleteOrphanFiles(temp.db, store, new Date(Date.now() - 3_600_000))).toBe(0);
        expect(await deleteOrphanFiles(temp.db, store, new Date(Date.now() + 60_000))).toBe(1);
        expect(await store.has(renditionName(A, 400))).toBe(true);
        expect(await store.has(renditionName(B, 400))).toBe(false);
        await store.delete(renditionName(A, 400));
      } finally {
        await temp.cleanup();
      }
    },
  );
});

describe('the local folder store', () => {
  it('never follows a link left in the folder, nor serves what is not a regular file', async () => {
    const dir = path.join(folder.dir, 'links');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(folder.dir, 'secret.sqlite'), 'the database');
    fs.symlinkSync(path.join(folder.dir, 'secret.sqlite'), path.join(dir, renditionName(A, 800)));
    fs.mkdirSync(path.join(dir, renditionName(B, 800)));
    const store = createLocalStore(dir);
    expect(await store.head(renditionName(A, 800))).toBeNull();
    expect(await store.read(renditionName(A, 800))).toBeNull();
    expect(await store.head(renditionName(B, 800))).toBeNull();
    const listed: string[] = [];
    for await (const n of store.list()) listed.push(n);
    expect(listed.sort()).toEqual([renditionName(A, 800), renditionName(B, 800)]);
  });
});

describe('the S3 store', () => {
  it('keeps its objects in the configured bucket only, under their names', async () => {
    const store = mediaStore(loadConfig({ DATA_DIR: folder.dir, ...s3.env('other') }).media);
    await store.put(renditionName(A, 1280), bytes);
    expect(s3.keys('other')).toEqual([renditionName(A, 1280)]);
    expect(s3.keys('media')).not.toContain(renditionName(A, 1280));
    await store.delete(renditionName(A, 1280));
    expect(s3.keys('other')).toEqual([]);
  });

  it('fails with a MediaStoreError, never as an absent photo, when refused or unreachable', async () => {
    // s3rver checks the access key id (not a V4 signature's secret): an unknown one is refused (403).
    const wrongKey = mediaStore(loadConfig({ DATA_DIR: folder.dir, ...s3.env('media'), S3_ACCESS_KEY_ID: 'UNKNOWN' }).media);
    await expect(wrongKey.head(renditionName(A, 400))).rejects.toBeInstanceOf(MediaStoreError);
    await expect(wrongKey.probe()).rejects.toBeInstanceOf(MediaStoreError);
    const noBucket = mediaStore(loadConfig({ DATA_DIR: folder.dir, ...s3.env('missing-bucket') }).media);
    await expect(noBucket.probe()).rejects.toBeInstanceOf(MediaStoreError);
    const down = mediaStore(loadConfig({ DATA_DIR: folder.dir, ...s3.env('media'), S3_ENDPOINT: 'http://127.0.0.1:1' }).media);
    const error = await down.read(renditionName(A, 400)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaStoreError);
    // The message names the operation, never a credential.
    expect(String((error as Error).message)).not.toContain('S3RVER');
  });
});
