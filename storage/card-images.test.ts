import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIF_MARKER, jpegWithGps, plainJpeg, plainPng } from '../test/fixtures/photos/generate.js';
import { cardImageFile } from '../test/support/media.js';
import { createTempDb, describeEngines, type TempDb } from '../test/support/temp-db.js';
import { backfillCardImages, CARD_IMAGES_DONE_KEY } from './card-images.js';
import { createLocalStore } from './media/local-store.js';
import { cardImageName, isMediaFileName, MEDIA_FILE_NAME, mediaFileHash, renditionName } from './media/names.js';
import type { MediaStore } from './media/store.js';
import { CARD_IMAGE_MAX, cardImageUrl, storePhoto } from './photos.js';
import { deleteMediaFiles, dropUnusedPhotos } from './unused-photos.js';

describeEngines('chat card JPEG', (engine) => {
  const MAX = 15 * 1024 * 1024;

  describe('chat card JPEG', () => {
    let temp: TempDb;
    let mediaDir: string;
    let store: MediaStore;

    beforeAll(async () => {
      temp = await createTempDb({ engine });
      mediaDir = path.join(temp.dir, 'media');
      store = createLocalStore(mediaDir);
    });
    afterAll(async () => {
      await temp.cleanup();
    });

    it('is written with the renditions, within 1024×1024 (a tall photo by its height), without metadata', async () => {
      // A portrait photo: 1200×900 stored, orientation 6, so 900×1200 upright; the 800 px WebP is 1067 tall.
      const portrait = await storePhoto(temp.db, store, await jpegWithGps(1200, 900), MAX);
      if (!portrait.ok) throw new Error('not stored');
      const bytes = fs.readFileSync(cardImageFile(mediaDir, portrait.photo.hash));
      const meta = await sharp(bytes).metadata();
      expect(meta.format).toBe('jpeg');
      expect([meta.width, meta.height]).toEqual([768, CARD_IMAGE_MAX]);
      expect(meta.exif).toBeUndefined();
      expect(bytes.includes(EXIF_MARKER)).toBe(false);

      const landscape = await storePhoto(temp.db, store, await plainJpeg(3000, 2000), MAX);
      if (!landscape.ok) throw new Error('not stored');
      const wide = await sharp(cardImageFile(mediaDir, landscape.photo.hash)).metadata();
      expect(wide.width).toBe(1024);
      expect(Math.abs(wide.height! - 683)).toBeLessThanOrEqual(1);

      // A small transparent PNG: never enlarged, laid on white (JPEG has no transparency).
      const tiny = await storePhoto(
        temp.db,
        store,
        await sharp({ create: { width: 120, height: 90, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
          .png()
          .toBuffer(),
        MAX,
      );
      if (!tiny.ok) throw new Error('not stored');
      const small = sharp(cardImageFile(mediaDir, tiny.photo.hash));
      expect(await small.metadata()).toMatchObject({ format: 'jpeg', width: 120, height: 90 });
      const { channels } = await small.stats();
      expect(channels[0].mean).toBeGreaterThan(250);
    });

    it('names its files by one exported rule, which the gallery, backups and imports share', () => {
      const hash = 'ab'.repeat(32);
      expect(cardImageUrl(hash)).toBe(`/media/${hash}-card.jpg`);
      expect(cardImageName(hash)).toBe(`${hash}-card.jpg`);
      expect(renditionName(hash, 800)).toMatch(MEDIA_FILE_NAME);
      expect(isMediaFileName(`${hash}-card.jpg`)).toBe(true);
      expect(mediaFileHash(`${hash}-card.jpg`)).toBe(hash);
      expect(mediaFileHash(`${hash}-1280.webp`)).toBe(hash);
      for (const bad of [`${hash}-card.jpeg`, `${hash}-800.jpg`, `${hash}.jpg`, `../${hash}-card.jpg`, `${hash}-card.jpg.tmp`]) {
        expect(isMediaFileName(bad), bad).toBe(false);
        expect(mediaFileHash(bad)).toBeNull();
      }
    });

    it('is made once for photos stored before it existed, by a job that two instances can run at once', async () => {
      const hashes: string[] = [];
      for (const [w, h] of [
        [2000, 1500],
        [600, 900],
        [1500, 3000],
      ]) {
        const stored = await storePhoto(temp.db, store, await plainPng(w, h, '#2255aa'), MAX);
        if (!stored.ok) throw new Error('not stored');
        hashes.push(stored.photo.hash);
      }
      // As before this change: no JPEG on disk, and no mark that the job ran.
      for (const hash of hashes) fs.rmSync(cardImageFile(mediaDir, hash));
      await temp.db.deleteFrom('instance_meta').where('key', '=', CARD_IMAGES_DONE_KEY).execute();
      // A photo whose WebP files are gone cannot get one: counted, not fatal.
      const lost = await storePhoto(temp.db, store, await plainPng(700, 500, '#aa2255'), MAX);
      if (!lost.ok) throw new Error('not stored');
      for (const name of fs.readdirSync(mediaDir).filter((n) => n.startsWith(lost.photo.hash)))
        fs.rmSync(path.join(mediaDir, name));

      const [one, two] = await Promise.all([backfillCardImages(temp.db, store), backfillCardImages(temp.db, store)]);
      expect(one.made + two.made).toBeGreaterThanOrEqual(3);
      expect(one.failed).toBe(1);
      for (const hash of hashes) {
        const meta = await sharp(cardImageFile(mediaDir, hash)).metadata();
        expect(meta.format).toBe('jpeg');
        expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(CARD_IMAGE_MAX);
      }
      expect((await sharp(cardImageFile(mediaDir, hashes[2])).metadata()).height).toBe(CARD_IMAGE_MAX);
      // No temporary file is left behind, and the next start does nothing.
      expect(fs.readdirSync(mediaDir).filter((n) => !isMediaFileName(n))).toEqual([]);
      expect(await backfillCardImages(temp.db, store)).toEqual({ ran: false, checked: 0, made: 0, failed: 0 });
    });

    it('stops between photos when asked (shutdown), and a later run finishes', async () => {
      await temp.db.deleteFrom('instance_meta').where('key', '=', CARD_IMAGES_DONE_KEY).execute();
      const stop = new AbortController();
      stop.abort();
      expect(await backfillCardImages(temp.db, store, { signal: stop.signal })).toMatchObject({ ran: true, checked: 0 });
      expect(await temp.db.selectFrom('instance_meta').where('key', '=', CARD_IMAGES_DONE_KEY).select('value').execute()).toEqual(
        [],
      );
      expect((await backfillCardImages(temp.db, store)).ran).toBe(true);
    });

    it('goes with the photo when nothing uses it any more', async () => {
      const stored = await storePhoto(temp.db, store, await plainJpeg(900, 700, '#123456'), MAX);
      if (!stored.ok) throw new Error('not stored');
      const hash = stored.photo.hash;
      expect(fs.existsSync(cardImageFile(mediaDir, hash))).toBe(true);
      const unused = await dropUnusedPhotos(temp.db, [hash]);
      await deleteMediaFiles(store, unused);
      expect(fs.readdirSync(mediaDir).filter((n) => n.startsWith(hash))).toEqual([]);
    });
  });
});
